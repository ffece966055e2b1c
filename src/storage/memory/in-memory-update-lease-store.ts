// Message-update leases in a Map: the same rules as PrismaUpdateLeaseStore, for a single process
// and as the reference in the contract tests.

/** One holder per key until its lease runs out. */
export class InMemoryUpdateLeaseStore {
  private readonly leases = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The keys with a row, expired or not (for tests). */
  keys(): string[] {
    return [...this.leases.keys()];
  }

  async claim(key: string, leaseMs: number): Promise<boolean> {
    const now = this.now().getTime();
    const until = this.leases.get(key);
    if (until !== undefined && until > now) return false;
    this.leases.set(key, now + leaseMs);
    return true;
  }

  async pruneExpired(before: Date): Promise<number> {
    let pruned = 0;
    for (const [key, until] of this.leases) {
      if (until < before.getTime()) {
        this.leases.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
