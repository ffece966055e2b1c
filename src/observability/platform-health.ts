// When each enabled platform last worked, for /readyz and the metrics: an inbound request that
// passed the platform's authentication (it can reach us) and an outbound call that succeeded
// (we can reach it: Slack's auth.test at start, every delivered outbox message).
import type { BotMetrics } from "./metrics.js";

export type PlatformName = "slack" | "teams";

interface State {
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
}

/** One platform's state as /readyz shows it. */
export interface PlatformReport extends State {
  /** ok: the last outbound call worked; failing: it did not; unknown: no outbound call yet. */
  status: "ok" | "failing" | "unknown";
}

export class PlatformHealth {
  private readonly states = new Map<PlatformName, State>();

  constructor(
    enabled: readonly PlatformName[],
    private readonly metrics: BotMetrics | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const platform of enabled) this.states.set(platform, { lastInboundAt: null, lastOutboundAt: null, lastFailureAt: null, lastError: null });
  }

  inbound(platform: PlatformName): void {
    const state = this.states.get(platform);
    if (!state) return;
    state.lastInboundAt = this.now();
    this.metrics?.platformLastSuccess.set({ platform }, state.lastInboundAt.getTime() / 1000);
  }

  outbound(platform: PlatformName): void {
    const state = this.states.get(platform);
    if (!state) return;
    state.lastOutboundAt = this.now();
    this.metrics?.platformLastSuccess.set({ platform }, state.lastOutboundAt.getTime() / 1000);
  }

  failure(platform: PlatformName, error: string): void {
    const state = this.states.get(platform);
    if (!state) return;
    state.lastFailureAt = this.now();
    state.lastError = error.slice(0, 200);
  }

  report(): Record<string, PlatformReport> {
    const out: Record<string, PlatformReport> = {};
    for (const [platform, state] of this.states) {
      const status = state.lastFailureAt && (!state.lastOutboundAt || state.lastFailureAt > state.lastOutboundAt) ? "failing" : state.lastOutboundAt ? "ok" : "unknown";
      out[platform] = { status, ...state };
    }
    return out;
  }
}
