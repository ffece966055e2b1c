// Sends what the outbox holds. Each pass leases due messages (so other instances skip them),
// sends each through the MessageSender and records the outcome under the lease: sent, retry
// later (backoff with jitter, never before Retry-After), or dead after too many attempts.
// Messages for one conversation go one after another, in order, a minimum interval apart.
import type { Clock } from "#core/shared/clock.js";
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from "./backoff.js";
import type { MessageSender, SendOutcome } from "./message-sender.js";
import type { LeasedMessage } from "./outbox-message.js";
import type { OutboxStore } from "./outbox-store.js";

/** Dispatcher settings; all have defaults. */
export interface DispatcherOptions {
  backoff: BackoffPolicy;
  /** How long a lease lasts; must exceed the slowest send (default 60 s). */
  leaseMs: number;
  /** Messages leased per pass (default 20). */
  batchSize: number;
  /** Gap between two posts to the same conversation (default 1 s: Slack's per-channel pace). */
  perConversationIntervalMs: number;
  /** Wait between passes when the queue is empty (default 1 s). */
  idleMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  backoff: DEFAULT_BACKOFF,
  leaseMs: 60_000,
  batchSize: 20,
  perConversationIntervalMs: 1_000,
  idleMs: 1_000,
};

/** Counts of one pass. */
export interface DispatchReport {
  sent: number;
  alreadyDelivered: number;
  retried: number;
  dead: number;
  /** Outcomes that could not be recorded because the lease had been lost. */
  lostLeases: number;
}

/** Injected so tests can run the dispatcher on a fake clock. */
export interface DispatcherDeps {
  store: OutboxStore;
  sender: MessageSender;
  clock: Clock;
  /** Waits `ms` (default setTimeout); a fake clock's sleep advances it instead. */
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1) for jitter (default Math.random). */
  random?: () => number;
  logger?: { warn(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Leases, sends and records outbox messages; `runOnce` for one pass, `start` for a loop. */
export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private notified = false;

  constructor(private readonly deps: DispatcherDeps, options: Partial<DispatcherOptions> = {}) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
    this.sleep = deps.sleep ?? realSleep;
    this.random = deps.random ?? Math.random;
  }

  /** One pass: lease a batch and deliver it. */
  async runOnce(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, alreadyDelivered: 0, retried: 0, dead: 0, lostLeases: 0 };
    const { batchSize, leaseMs } = this.options;
    const batch = await this.deps.store.lease(this.deps.clock.now(), batchSize, leaseMs);
    const byConversation = new Map<string, LeasedMessage[]>();
    for (const message of batch) {
      const key = `${message.platform}\u0000${message.workspaceId}\u0000${message.conversationId}`;
      byConversation.set(key, [...(byConversation.get(key) ?? []), message]);
    }
    await Promise.all(
      [...byConversation.values()].map(async (messages) => {
        for (const [i, message] of messages.entries()) {
          if (i > 0) await this.sleep(this.options.perConversationIntervalMs);
          await this.deliver(message, report);
        }
      }),
    );
    return report;
  }

  private async deliver(message: LeasedMessage, report: DispatchReport): Promise<void> {
    const { store, sender, clock } = this.deps;
    const { maxAttempts } = this.options.backoff;
    const record = async (ok: Promise<boolean>) => {
      if (!(await ok)) report.lostLeases += 1;
    };
    // An earlier attempt may have posted without being recorded: look before posting again.
    if ((message.uncertain || message.attempts > 1) && message.operation !== "update" && sender.findDelivered) {
      let ref: string | null = null;
      try {
        ref = await sender.findDelivered(message);
      } catch (error) {
        // Cannot tell whether it was delivered: do not risk a duplicate, try again later.
        return this.retry(message, { kind: "retry", error: `delivery check failed: ${describe(error)}` }, report);
      }
      if (ref !== null) {
        report.alreadyDelivered += 1;
        return record(store.markSent(message, clock.now(), ref));
      }
    }
    if (message.attempts > maxAttempts) {
      report.dead += 1;
      return record(store.markDead(message, clock.now(), `gave up after ${maxAttempts} attempts: ${message.lastError ?? "no result"}`));
    }
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(message);
    } catch (error) {
      outcome = { kind: "retry", error: describe(error) };
    }
    if (outcome.kind === "sent") {
      report.sent += 1;
      return record(store.markSent(message, clock.now(), outcome.ref));
    }
    if (outcome.kind === "permanent") {
      report.dead += 1;
      this.deps.logger?.error({ dedupeKey: message.dedupeKey, error: outcome.error }, "outbox message failed permanently");
      return record(store.markDead(message, clock.now(), outcome.error));
    }
    return this.retry(message, outcome, report);
  }

  private async retry(message: LeasedMessage, outcome: Extract<SendOutcome, { kind: "retry" }>, report: DispatchReport): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (message.attempts >= this.options.backoff.maxAttempts) {
      report.dead += 1;
      this.deps.logger?.error({ dedupeKey: message.dedupeKey, error: outcome.error }, "outbox message dead after retries");
      if (!(await store.markDead(message, now, `gave up after ${message.attempts} attempts: ${outcome.error}`))) report.lostLeases += 1;
      return;
    }
    const delay = retryDelayMs(message.attempts, this.options.backoff, this.random, outcome.retryAfterMs);
    report.retried += 1;
    this.deps.logger?.warn({ dedupeKey: message.dedupeKey, attempts: message.attempts, delayMs: delay, error: outcome.error }, "outbox send will be retried");
    if (!(await store.markRetry(message, new Date(now.getTime() + delay), outcome.error))) report.lostLeases += 1;
  }

  /** Delivers continuously until stop(); an empty or failing pass waits `idleMs` (or a notify()). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        let full = false;
        try {
          const report = await this.runOnce();
          full = report.sent + report.alreadyDelivered + report.retried + report.dead >= this.options.batchSize;
        } catch (error) {
          this.deps.logger?.error({ err: error }, "outbox pass failed"); // e.g. database unreachable
        }
        if (!full && !this.stopping) await this.idle();
      }
    })();
  }

  /** Wakes an idle loop at once (call after enqueueing in this process). */
  notify(): void {
    // Remembered when the loop is mid-pass, so a message enqueued meanwhile does not wait idleMs.
    this.notified = true;
    this.wake?.();
  }

  /** Stops the loop after the pass in progress. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.running;
    this.running = undefined;
  }

  private idle(): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(done, this.options.idleMs);
      this.wake = done;
    });
  }
}
