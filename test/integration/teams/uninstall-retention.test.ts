// Teams' counterpart of Slack's app_uninstalled, through HTTP against the whole bot (local mode,
// embedded database) and the fake Bot Connector: removing the bot from a team or group chat
// records the tenant's uninstall, and RETENTION_DAYS_AFTER_UNINSTALL (30) days later the hourly
// retention job erases the tenant's members and conversation references, like a Slack
// workspace's. Removal from one person's personal scope starts nothing; adding the bot again,
// or the tenant going on using it, calls the erasure off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TENANT, USERS, botAddedActivity, botRemovedActivity, installationActivity, messageActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

const DAY = 86_400_000;
let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
}, 60_000);
afterAll(async () => h?.close());

const inTeam = (user: (typeof USERS)[keyof typeof USERS], tenantId = DEFAULT_TENANT): ActivityScope => ({
  serviceUrl: h.connector.serviceUrl,
  tenantId,
  user,
  conversationType: "channel",
  conversationId: `19:alliance-${tenantId}@thread.tacv2`,
  team: { id: `19:alliance-${tenantId}@thread.tacv2`, name: "Alliance" },
});
const tenantRow = (tenantId: string) => h.bot.database.prisma.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "teams", externalId: tenantId } } });
const memberOf = async (tenantId: string, user: { aadObjectId: string }) => {
  const workspace = (await h.bot.services.stores.workspaces.find("teams", tenantId))!;
  return h.bot.services.stores.members.findByExternalId(workspace.id, user.aadObjectId);
};
async function post(activity: Record<string, unknown>): Promise<void> {
  expect((await h.post(activity)).status).toBe(200);
}

describe("removing the Teams app", () => {
  it("from a team records the tenant's uninstall, and the retention job erases its members and conversations 30 days later", async () => {
    await post(messageActivity({ serviceUrl: h.connector.serviceUrl, user: USERS.ann }, "help"));
    await post(messageActivity(inTeam(USERS.bob), "help"));
    const ann = (await memberOf(DEFAULT_TENANT, USERS.ann))!;
    expect(await h.bot.services.stores.conversations.findPersonalConversation(ann.id)).not.toBeNull();

    // One person removing the personal app concerns only them.
    await post(installationActivity({ serviceUrl: h.connector.serviceUrl, user: USERS.ann }, "remove"));
    expect((await tenantRow(DEFAULT_TENANT)).uninstalledAt).toBeNull();

    const before = Date.now();
    await post(installationActivity(inTeam(USERS.bob), "remove"));
    await post(botRemovedActivity(inTeam(USERS.bob))); // Teams sends both; the first one counts
    const uninstalledAt = (await tenantRow(DEFAULT_TENANT)).uninstalledAt;
    expect(uninstalledAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);

    const retention = h.bot.services.retention;
    expect(await retention.eraseDue(new Date(uninstalledAt!.getTime() + 30 * DAY - 60_000))).toEqual([]);
    expect(await memberOf(DEFAULT_TENANT, USERS.ann)).not.toBeNull();

    const erased = await retention.eraseDue(new Date(uninstalledAt!.getTime() + 30 * DAY));
    expect(erased).toEqual([expect.objectContaining({ workspaceId: ann.workspaceId, membersForgotten: 2 })]);
    expect(await memberOf(DEFAULT_TENANT, USERS.ann)).toBeNull();
    expect(await memberOf(DEFAULT_TENANT, USERS.bob)).toBeNull();
    expect(await h.bot.services.stores.conversations.findPersonalConversation(ann.id)).toBeNull();
    expect(await h.bot.database.prisma.conversationRef.count({ where: { workspaceId: ann.workspaceId } })).toBe(0);
    expect((await tenantRow(DEFAULT_TENANT)).personalDataErasedAt).not.toBeNull();
  }, 60_000);

  it("from a group chat records it too; adding the bot again, or the tenant writing to it, calls the erasure off", async () => {
    const tenant = "tenant-bbbb-0002";
    const groupChat: ActivityScope = { serviceUrl: h.connector.serviceUrl, tenantId: tenant, user: USERS.cas, conversationType: "groupChat", conversationId: "19:group-chat@thread.v2" };
    await post(messageActivity(groupChat, "help"));
    expect((await tenantRow(tenant)).uninstalledAt).toBeNull();

    await post(botRemovedActivity(groupChat));
    expect((await tenantRow(tenant)).uninstalledAt).not.toBeNull();
    await post(botAddedActivity(groupChat));
    expect((await tenantRow(tenant)).uninstalledAt).toBeNull();

    await post(installationActivity(inTeam(USERS.cas, tenant), "remove-upgrade"));
    expect((await tenantRow(tenant)).uninstalledAt).not.toBeNull();
    // The bot is still in the group chat: someone there writes to it, so the tenant still uses it.
    await post(messageActivity(groupChat, "help"));
    expect((await tenantRow(tenant)).uninstalledAt).toBeNull();
    expect(await h.bot.services.retention.eraseDue(new Date(Date.now() + 365 * DAY))).toEqual([]);
    expect(await memberOf(tenant, USERS.cas)).not.toBeNull();
  }, 60_000);
});
