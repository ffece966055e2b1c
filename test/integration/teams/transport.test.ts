// Transport in local mode: activities reach the bot over HTTP on the shared Express app, replies
// reach the fake Bot Connector, installs store the conversation reference, and a throttled
// connector (429) is retried until the message arrives exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botAddedActivity, messageActivity, USERS, DEFAULT_TENANT } from "../../fakes/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
});
afterAll(async () => h?.close());

describe("Teams transport (local mode)", () => {
  it("answers help in a personal chat through the fake Bot Connector", async () => {
    const scope = { serviceUrl: h.connector.serviceUrl };
    const mark = h.connector.mark();
    const res = await h.post(messageActivity(scope, "help"));
    expect(res.status).toBe(200);
    const sent = h.connector.since(mark).filter((r) => r.path.endsWith("/activities"));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe(`/v3/conversations/a:personal-${USERS.ann.aadObjectId}/activities`);
    const card = sent[0]?.body.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(card.content)).toContain("what I can do");
  });

  it("stores the channel reference when the bot is added to a team, and greets once", async () => {
    const scope = { serviceUrl: h.connector.serviceUrl, conversationType: "channel" as const, conversationId: "19:general@thread.tacv2", team: { id: "19:general@thread.tacv2", name: "Alliance" } };
    const mark = h.connector.mark();
    const res = await h.post(botAddedActivity(scope));
    expect(res.status).toBe(200);
    const workspace = await h.bot.services.stores.workspaces.find("teams", DEFAULT_TENANT);
    expect(workspace).not.toBeNull();
    const ref = await h.bot.services.stores.conversations.findConversation(workspace!.id, "19:general@thread.tacv2");
    expect(ref).toMatchObject({ kind: "channel", serviceUrl: h.connector.serviceUrl, tenantId: DEFAULT_TENANT });
    expect(h.connector.since(mark).filter((r) => r.status === 200)).toHaveLength(1);
  });

  it("retries a 429 from the connector after Retry-After and delivers the reply once", async () => {
    const scope = { serviceUrl: h.connector.serviceUrl, user: USERS.bob };
    h.connector.failNext({ status: 429, retryAfterSeconds: 1 });
    const mark = h.connector.mark();
    const started = Date.now();
    const res = await h.post(messageActivity(scope, "help"));
    expect(res.status).toBe(200);
    const posts = h.connector.since(mark).filter((r) => r.path.includes("/activities"));
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
