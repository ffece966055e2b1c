// Teams serves each tenant from a regional Bot Connector (the serviceUrl on its activities), and
// a new 1:1 chat must be created there. The bot used to keep that URL in memory only: after a
// restart it created chats at the global default until the tenant wrote again. Here one bot
// process learns the tenant's URL from a channel message, stops, and a new bot process over the
// same database opens a 1:1 chat with a member who never wrote to it 1:1, at that URL.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_TEAMS_SERVICE_URL } from "#platforms/teams/teams-platform.js";
import { DEFAULT_TENANT, USERS, messageActivity } from "../../fakes/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

const harnesses: TeamsHarness[] = [];
afterAll(async () => {
  for (const h of harnesses.reverse()) await h.close().catch(() => undefined);
});

describe("a restarted Teams bot", () => {
  it("opens a new 1:1 chat at the tenant's regional serviceUrl it saw before the restart", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "atb-teams-restart-"));
    const first = await startTeamsHarness({ auth: false, dataDir });
    harnesses.push(first);
    const regional = first.connector.serviceUrl;
    expect(regional).not.toBe(DEFAULT_TEAMS_SERVICE_URL);
    const inChannel = { serviceUrl: regional, user: USERS.bob, conversationType: "channel" as const, conversationId: "19:alliance@thread.tacv2", team: { id: "19:alliance@thread.tacv2", name: "Alliance" } };
    expect((await first.post(messageActivity(inChannel, "help"))).status).toBe(200);
    await first.bot.stop();

    const second = await startTeamsHarness({ auth: false, dataDir, connector: first.connector });
    harnesses.push(second);
    const stores = second.bot.services.stores;
    const workspace = (await stores.workspaces.find("teams", DEFAULT_TENANT))!;
    const bob = (await stores.members.findByExternalId(workspace.id, USERS.bob.aadObjectId))!;
    expect(await stores.conversations.findPersonalConversation(bob.id)).toBeNull();

    const mark = second.connector.mark();
    const outcome = await second.bot.teams!.personalOpener.open(bob, workspace);

    expect(outcome).toMatchObject({ kind: "opened", conversation: { conversationId: `a:fake-1on1-${USERS.bob.aadObjectId}`, serviceUrl: regional, tenantId: DEFAULT_TENANT } });
    const creates = second.connector.since(mark).filter((r) => r.method === "POST" && r.path === "/v3/conversations");
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ status: 200, body: { tenantId: DEFAULT_TENANT, members: [{ id: USERS.bob.aadObjectId }] } });
  }, 60_000);
});
