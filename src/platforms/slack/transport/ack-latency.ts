// Measures, on the server, how long each Slack request took from arrival to the HTTP answer
// (the ack). Slack gives up after 3 s; the benchmark and the tests read these numbers.
import type { NextFunction, Request, Response } from "express";

/** Percentiles of the recorded ack times, in milliseconds. */
export interface AckLatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** A rolling record of the last `capacity` ack times. */
export class AckLatencyRecorder {
  private readonly times: number[] = [];
  constructor(private readonly capacity = 10_000) {}

  record(ms: number): void {
    if (this.times.length >= this.capacity) this.times.shift();
    this.times.push(ms);
  }

  summary(): AckLatencySummary {
    const sorted = [...this.times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  }

  /** The recorded times, oldest first. */
  samples(): number[] {
    return [...this.times];
  }

  reset(): void {
    this.times.length = 0;
  }

  /** Express middleware timing every request it sees. */
  middleware() {
    return (_req: Request, res: Response, next: NextFunction): void => {
      const started = performance.now();
      res.once("finish", () => this.record(performance.now() - started));
      next();
    };
  }
}
