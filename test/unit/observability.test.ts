// The pieces behind /readyz's platform report and the Slack request kinds in the metrics.
import { describe, expect, it } from "vitest";
import { BotMetrics } from "#observability/metrics.js";
import { PlatformHealth } from "#observability/platform-health.js";
import { slackRequestKind } from "#platforms/slack/transport/request-kind.js";

describe("PlatformHealth", () => {
  it("reports each enabled platform as unknown, ok or failing from its last outbound call", () => {
    let now = new Date("2026-12-01T10:00:00Z");
    const metrics = new BotMetrics();
    const health = new PlatformHealth(["slack", "teams"], metrics, () => now);
    expect(health.report()).toMatchObject({ slack: { status: "unknown", lastOutboundAt: null }, teams: { status: "unknown" } });
    health.inbound("teams");
    expect(health.report().teams).toMatchObject({ status: "unknown", lastInboundAt: now });
    health.outbound("slack");
    expect(health.report().slack?.status).toBe("ok");
    now = new Date("2026-12-01T10:01:00Z");
    health.failure("slack", "ratelimited");
    expect(health.report().slack).toMatchObject({ status: "failing", lastError: "ratelimited" });
    now = new Date("2026-12-01T10:02:00Z");
    health.outbound("slack");
    expect(health.report().slack?.status).toBe("ok");
  });

  it("ignores platforms that are not enabled", () => {
    const health = new PlatformHealth(["teams"], null);
    health.outbound("slack");
    health.failure("slack", "x");
    expect(Object.keys(health.report())).toEqual(["teams"]);
  });

  it("exports the last success time per platform", async () => {
    const metrics = new BotMetrics();
    new PlatformHealth(["slack"], metrics, () => new Date(1_800_000_000_000)).outbound("slack");
    expect((await metrics.render()).body).toContain('atb_platform_last_success_timestamp_seconds{platform="slack"} 1800000000');
  });
});

describe("slackRequestKind", () => {
  it.each([
    [{ command: "/poll", text: "" }, "command"],
    [{ type: "block_actions" }, "action"],
    [{ type: "view_submission" }, "view"],
    [{ type: "view_closed" }, "view"],
    [{ type: "shortcut" }, "shortcut"],
    [{ type: "block_suggestion" }, "options"],
    [{ type: "event_callback", event: { type: "app_home_opened" } }, "event"],
    [{ type: "something_new" }, "other"],
  ])("%j is a %s", (body, kind) => {
    expect(slackRequestKind(body)).toBe(kind);
  });
});
