// A tenant that still talks to the bot still has it installed: removing the bot from one of two
// teams records the tenant's uninstall (Teams sends no tenant-wide event), and the bot must not
// erase a tenant that goes on using it elsewhere. Every message and card press therefore calls a
// pending erasure off, at most once an hour per tenant and instance (the call is a conditional
// UPDATE that usually changes nothing; the retention period is days, so an hour is plenty).

const HOUR_MS = 3_600_000;

/** Notes inbound activity per tenant and calls off its pending erasure, throttled. */
export class TenantActivity {
  private readonly lastCall = new Map<string, number>();

  constructor(
    private readonly deps: {
      recordReinstall: (tenantId: string) => Promise<void>;
      now: () => number;
      onError?: (error: unknown) => void;
      intervalMs?: number;
    },
  ) {}

  /** The tenant sent an activity. Never throws: a failure is tried again with the next activity. */
  async seen(tenantId: string | null): Promise<void> {
    if (!tenantId) return;
    const now = this.deps.now();
    const last = this.lastCall.get(tenantId);
    if (last !== undefined && now - last < (this.deps.intervalMs ?? HOUR_MS)) return;
    this.lastCall.set(tenantId, now);
    try {
      await this.deps.recordReinstall(tenantId);
    } catch (error) {
      this.lastCall.delete(tenantId);
      this.deps.onError?.(error);
    }
  }

  /** This instance just recorded the tenant's uninstall: its next activity must call it off again. */
  forget(tenantId: string): void {
    this.lastCall.delete(tenantId);
  }
}
