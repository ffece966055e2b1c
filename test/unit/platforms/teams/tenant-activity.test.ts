// Tenant activity calls off a pending Teams erasure at most once an hour per tenant, again at
// once after this instance recorded an uninstall, and retries after a failure.
import { describe, expect, it } from "vitest";
import { TenantActivity } from "#platforms/teams/handlers/tenant-activity.js";

describe("TenantActivity", () => {
  it("calls off a tenant's erasure once an hour however often it writes, and per tenant", async () => {
    let now = 0;
    const calls: string[] = [];
    const tenants = new TenantActivity({ recordReinstall: async (t) => void calls.push(t), now: () => now });
    await tenants.seen("t1");
    await tenants.seen("t1");
    await tenants.seen("t2");
    await tenants.seen(null);
    now += 3_599_999;
    await tenants.seen("t1");
    now += 1;
    await tenants.seen("t1");
    expect(calls).toEqual(["t1", "t2", "t1"]);
  });

  it("checks again at once after an uninstall was recorded, and after a failed call", async () => {
    const calls: string[] = [];
    let fail = true;
    const errors: unknown[] = [];
    const tenants = new TenantActivity({
      recordReinstall: async (t) => {
        calls.push(t);
        if (fail) throw new Error("database down");
      },
      now: () => 0,
      onError: (e) => errors.push(e),
    });
    await tenants.seen("t1"); // fails: not throttled
    fail = false;
    await tenants.seen("t1");
    await tenants.seen("t1"); // throttled
    tenants.forget("t1");
    await tenants.seen("t1");
    expect(calls).toEqual(["t1", "t1", "t1"]);
    expect(errors).toHaveLength(1);
  });
});
