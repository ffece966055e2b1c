// Records metrics around the ports the composition root wires together, so the core, the
// scheduler and the outbox stay free of any metrics library: each wrapper passes every call
// through unchanged and counts what came back.
import type { CoreServices } from "#src/compose-services.js";
import type { JobClaimStore } from "#scheduling/job-claim-store.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import type { OutboxStore } from "#scheduling/outbox/outbox-store.js";
import type { BotMetrics } from "./metrics.js";
import type { PlatformHealth, PlatformName } from "./platform-health.js";

/** The services with votes and commitment changes counted. */
export function instrumentServices(services: CoreServices, metrics: BotMetrics): CoreServices {
  const { polls, commitments } = services;
  const counted =
    <A extends unknown[], R extends { replayed: boolean }>(action: string | ((...args: A) => string), call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await call(...args);
      if (!result.replayed) metrics.commitments.inc({ action: typeof action === "string" ? action : action(...args) });
      return result;
    };
  return {
    ...services,
    polls: {
      ...polls,
      async castVote(...args) {
        const result = await polls.castVote(...args);
        metrics.votes.inc({ result: !result.changed ? "unchanged" : result.replaced ? "changed" : "new" });
        return result;
      },
    },
    commitments: {
      ...commitments,
      create: counted("created", commitments.create),
      reportOutcome: counted((_actor, _ref, outcome) => String(outcome), commitments.reportOutcome),
      renegotiate: counted("renegotiated", commitments.renegotiate),
      withdraw: counted("withdrawn", commitments.withdraw),
      confirm: counted("confirmed", commitments.confirm),
      dispute: counted("disputed", commitments.dispute),
      resolveDispute: counted("dispute_resolved", commitments.resolveDispute),
    },
  };
}

/** The outbox store with deliveries, retries and dead messages counted per platform. */
export function instrumentOutboxStore(store: OutboxStore, metrics: BotMetrics): OutboxStore {
  return {
    enqueue: (...args) => store.enqueue(...args),
    lease: (...args) => store.lease(...args),
    findByDedupeKey: (...args) => store.findByDedupeKey(...args),
    async markSent(lease, ...rest) {
      const ok = await store.markSent(lease, ...rest);
      if (ok) metrics.outboxDelivered.inc({ platform: lease.platform });
      return ok;
    },
    async markRetry(lease, ...rest) {
      const ok = await store.markRetry(lease, ...rest);
      if (ok) metrics.outboxRetries.inc({ platform: lease.platform });
      return ok;
    },
    async markDead(lease, ...rest) {
      const ok = await store.markDead(lease, ...rest);
      if (ok) metrics.outboxDead.inc({ platform: lease.platform });
      return ok;
    },
  };
}

/** The claim store with claims won/lost and runs finished counted per job. */
export function instrumentClaims(claims: JobClaimStore, metrics: BotMetrics): JobClaimStore {
  const claimed = (key: { job: string }, won: boolean) => {
    metrics.schedulerClaims.inc({ job: key.job, result: won ? "won" : "lost" });
    return won;
  };
  const finished = (key: { job: string }, outcome: string, ok: boolean) => {
    if (ok) metrics.schedulerRuns.inc({ job: key.job, outcome });
    return ok;
  };
  return {
    claim: async (key, ...rest) => claimed(key, await claims.claim(key, ...rest)),
    claimOnce: async (key, ...rest) => claimed(key, await claims.claimOnce(key, ...rest)),
    complete: async (key, ...rest) => finished(key, "done", await claims.complete(key, ...rest)),
    fail: async (key, ...rest) => finished(key, "failed", await claims.fail(key, ...rest)),
    markSkipped: async (key, ...rest) => finished(key, "skipped", await claims.markSkipped(key, ...rest)),
    find: (...args) => claims.find(...args),
    prune: (...args) => claims.prune(...args),
  };
}

/** A platform's outbox sender that reports each outcome to the platform's health. */
export function instrumentSender(sender: MessageSender | null, platform: PlatformName, health: PlatformHealth): MessageSender | null {
  if (!sender) return null;
  return {
    async send(message) {
      try {
        const outcome = await sender.send(message);
        if (outcome.kind === "sent") health.outbound(platform);
        else health.failure(platform, outcome.error);
        return outcome;
      } catch (error) {
        health.failure(platform, (error as Error).message);
        throw error;
      }
    },
    ...(sender.findDelivered ? { findDelivered: (message) => sender.findDelivered!(message) } : {}),
  };
}
