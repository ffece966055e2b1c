// The bot's Prometheus metrics (prom-client), served at /metrics. One registry per started bot,
// so tests that start several bots in one process do not share counters. The core never sees
// this: the composition root records what the services and the outbox/scheduler ports do
// (instrument.ts), the HTTP layer times the platforms' requests, and gauges that describe the
// database (outbox depth, pool) are read when Prometheus scrapes.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Read at scrape time: outbox messages per status (pending, sending, sent, dead). */
export type OutboxDepthReader = () => Promise<ReadonlyArray<{ status: string; count: number }>>;
/** Read at scrape time: the database connection pool (PostgreSQL; PGlite uses one connection). */
export type PoolStatsReader = () => { total: number; idle: number; waiting: number; max: number } | null;

/** Every family the bot exports, with the helpers the instrumentation calls. */
export class BotMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: "atb_requests_total", help: "Platform requests received, by platform and kind (command, action, view, event, message, invoke, …) and HTTP status", labelNames: ["platform", "kind", "status"], registers: [this.registry] });
  readonly acks = new Counter({ name: "atb_acks_total", help: "Platform requests answered within 3 s (Slack's limit), by platform and kind", labelNames: ["platform", "kind"], registers: [this.registry] });
  readonly ackSeconds = new Histogram({
    name: "atb_ack_duration_seconds",
    help: "Time from a platform request's arrival to the HTTP answer (the ack)",
    labelNames: ["platform", "kind"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });
  readonly votes = new Counter({ name: "atb_votes_total", help: "Poll votes, by result (new, changed, unchanged for a repeat)", labelNames: ["result"], registers: [this.registry] });
  readonly commitments = new Counter({ name: "atb_commitment_changes_total", help: "Commitment changes, by action (created, kept, broken, renegotiated, …); replays not counted", labelNames: ["action"], registers: [this.registry] });
  readonly outboxDelivered = new Counter({ name: "atb_outbox_delivered_total", help: "Outbox messages delivered, by platform", labelNames: ["platform"], registers: [this.registry] });
  readonly outboxRetries = new Counter({ name: "atb_outbox_retries_total", help: "Outbox sends that will be retried (rate limit, 5xx, network), by platform", labelNames: ["platform"], registers: [this.registry] });
  readonly outboxDead = new Counter({ name: "atb_outbox_dead_total", help: "Outbox messages given up on, by platform", labelNames: ["platform"], registers: [this.registry] });
  readonly outboxDepth = new Gauge({ name: "atb_outbox_messages", help: "Outbox messages in the database, by status (pending and dead are the ones to watch)", labelNames: ["status"], registers: [this.registry] });
  readonly schedulerClaims = new Counter({ name: "atb_scheduler_claims_total", help: "Scheduled-run claims, by job and result (won: this instance does the run; lost: another one has it)", labelNames: ["job", "result"], registers: [this.registry] });
  readonly schedulerRuns = new Counter({ name: "atb_scheduler_runs_total", help: "Scheduled runs finished by this instance, by job and outcome (done, failed, skipped)", labelNames: ["job", "outcome"], registers: [this.registry] });
  readonly dbPool = new Gauge({ name: "atb_db_pool_connections", help: "Database pool connections, by state (total, idle, waiting requests, max)", labelNames: ["state"], registers: [this.registry] });
  readonly platformLastSuccess = new Gauge({ name: "atb_platform_last_success_timestamp_seconds", help: "When each enabled platform last answered a call successfully (Unix time)", labelNames: ["platform"], registers: [this.registry] });

  private outboxDepthReader: OutboxDepthReader | null = null;
  private poolStatsReader: PoolStatsReader | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "atb_" });
  }

  /** Sets where the scrape-time gauges come from. */
  readFrom(readers: { outboxDepth?: OutboxDepthReader; poolStats?: PoolStatsReader }): void {
    this.outboxDepthReader = readers.outboxDepth ?? this.outboxDepthReader;
    this.poolStatsReader = readers.poolStats ?? this.poolStatsReader;
  }

  /** The exposition text; refreshes the scrape-time gauges first (a failed read leaves them as they were). */
  async render(): Promise<{ contentType: string; body: string }> {
    if (this.outboxDepthReader) {
      try {
        const rows = await this.outboxDepthReader();
        this.outboxDepth.reset();
        for (const status of ["pending", "sending", "sent", "dead"]) this.outboxDepth.set({ status }, 0);
        for (const row of rows) this.outboxDepth.set({ status: row.status }, row.count);
      } catch {
        // The database is down: /readyz says so; the last known depth stays.
      }
    }
    const pool = this.poolStatsReader?.();
    if (pool) for (const [state, value] of Object.entries(pool)) this.dbPool.set({ state }, value);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
