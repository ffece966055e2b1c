// Tables that would otherwise only grow: expired message-update leases and old link audit rows.
// The scheduler runs every pruner once a day (one instance, claimed like the other sweeps); each
// pruner deletes by age alone, so running it twice, or on a day it finds nothing, is harmless.

/** Deletes one kind of row that is no longer needed; returns how many it deleted. */
export interface Pruner {
  /** Named in the log line and in the error when it fails ("update-leases"). */
  readonly name: string;
  prune(now: Date): Promise<number>;
}

const DAY_MS = 86_400_000;

/** How long expired rows are kept. */
export interface HousekeepingRetention {
  /** An UpdateLease row is deleted this long after its lease ran out (default 1 day). */
  updateLeaseMs: number;
  /** A link audit row (SpaceLinkEvent) is deleted when older than this (default 365 days). */
  linkAuditMs: number;
}

export const DEFAULT_HOUSEKEEPING_RETENTION: HousekeepingRetention = {
  updateLeaseMs: DAY_MS,
  linkAuditMs: 365 * DAY_MS,
};

/** The stores housekeeping prunes, each by a cutoff time. */
export interface HousekeepingStores {
  updateLeases: { pruneExpired(before: Date): Promise<number> };
  linkAudit: { pruneEvents(before: Date): Promise<number> };
}

/** The pruners over the stores, with the retention above. */
export function housekeepingPruners(stores: HousekeepingStores, retention: HousekeepingRetention = DEFAULT_HOUSEKEEPING_RETENTION): Pruner[] {
  const before = (now: Date, ms: number) => new Date(now.getTime() - ms);
  return [
    { name: "update-leases", prune: (now) => stores.updateLeases.pruneExpired(before(now, retention.updateLeaseMs)) },
    { name: "link-audit", prune: (now) => stores.linkAudit.pruneEvents(before(now, retention.linkAuditMs)) },
  ];
}
