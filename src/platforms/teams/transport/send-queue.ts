// Every call to the Bot Connector goes through here: one FIFO per conversation (so messages
// keep their order and the per-conversation limits are respected), a tenant-wide pace, and
// retries of 412/429/502/504 with exponential backoff and jitter that never waits less than
// Retry-After. The Teams SDK does not retry by itself (see research-teams.md §2.5).
import { SlidingWindowLimiter, SpacingLimiter, TEAMS_PER_CONVERSATION_LIMITS, TEAMS_TENANT_REQUESTS_PER_SECOND } from "./rate-limits.js";
import { TeamsSendError, toTeamsSendError } from "./send-errors.js";

/** How hard to try: in-turn replies give up sooner than proactive sends. */
export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  /** Give up (with a retryable error) rather than wait longer than this in total. */
  maxTotalWaitMs: number;
}

/** A reply to a user's message: they are waiting, so a few quick tries only. */
export const IN_TURN_POLICY: RetryPolicy = { maxAttempts: 3, maxTotalWaitMs: 8_000 };
/** A proactive send: the durable outbox retries later still, so be patient but bounded. */
export const PROACTIVE_POLICY: RetryPolicy = { maxAttempts: 5, maxTotalWaitMs: 60_000 };

/** Injectable time and randomness, so tests need neither real waiting nor luck. */
export interface SendQueueDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Called before each retry, for logs and metrics. */
  onRetry?(info: { key: string; attempt: number; delayMs: number; error: TeamsSendError }): void;
}

const realDeps: SendQueueDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** What identifies a queue: one conversation in one tenant. */
export interface QueueKey {
  conversationId: string;
  tenantId: string | null;
}

/** Serialises, paces and retries Bot Connector calls. */
export class SendQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly perConversation = new SlidingWindowLimiter(TEAMS_PER_CONVERSATION_LIMITS);
  private readonly perTenant = new SpacingLimiter(TEAMS_TENANT_REQUESTS_PER_SECOND);
  private readonly deps: SendQueueDeps;
  private sinceLastPrune = 0;

  constructor(deps: Partial<SendQueueDeps> = {}) {
    this.deps = { ...realDeps, ...deps };
  }

  /** Runs `operation` in the conversation's queue, retrying transient failures per `policy`. */
  run<T>(key: QueueKey, operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
    const name = `${key.tenantId ?? ""}|${key.conversationId}`;
    const previous = this.tails.get(name) ?? Promise.resolve();
    const result = previous.catch(() => undefined).then(() => this.attempt(name, key, operation, policy));
    const tail = result.catch(() => undefined);
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return result;
  }

  /** Resolves when every queued send has settled, or after `timeoutMs` (shutdown). */
  async idle(timeoutMs: number): Promise<void> {
    const pending = Promise.all([...this.tails.values()]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([pending.then(() => undefined), timeout]);
    clearTimeout(timer);
  }

  /** Delay before retry `attempt` (1-based): exponential with jitter, never below Retry-After. */
  backoff(attempt: number, error: TeamsSendError): number {
    const exponential = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
    const jittered = exponential / 2 + this.deps.random() * (exponential / 2);
    return Math.max(error.retryAfterMs ?? 0, Math.round(jittered));
  }

  private async attempt<T>(name: string, key: QueueKey, operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const pace = Math.max(this.perConversation.reserve(name, this.deps.now()), this.perTenant.reserve(key.tenantId ?? "", this.deps.now()));
      if (pace > 0) await this.deps.sleep(pace);
      this.maybePrune();
      try {
        return await operation();
      } catch (thrown) {
        const error = toTeamsSendError(thrown, this.deps.now());
        if (!error.retryable || attempt >= policy.maxAttempts) throw error;
        const delayMs = this.backoff(attempt, error);
        if (waited + delayMs > policy.maxTotalWaitMs) throw error;
        this.deps.onRetry?.({ key: name, attempt, delayMs, error });
        waited += delayMs;
        await this.deps.sleep(delayMs);
      }
    }
  }

  private maybePrune(): void {
    if (++this.sinceLastPrune < 1_000) return;
    this.sinceLastPrune = 0;
    this.perConversation.prune(this.deps.now());
  }
}

export { TeamsSendError };
