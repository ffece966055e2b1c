// Issue 11, "the first pulse reaches almost nobody", on Teams: the whole bot (local mode,
// embedded database) against the fake Bot Connector, with the scheduler's jobs, outbox and
// dispatcher built over the bot's own services and Teams sender. Members who only ever wrote in
// the team channel get their pulse questions and agreement check-ins in a 1:1 chat the bot
// creates (POST /v3/conversations with their AAD id and the tenant) and stores; a member the app
// is not installed for (403) is named to the admin once, with how to fix it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import type { RecordedRequest } from "../../fakes/fake-bot-connector.js";
import { DEFAULT_TENANT, USERS, messageActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { cardOf, executeActions } from "./support/card-helpers.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

let h: TeamsHarness;
let handlers: JobHandlers;
let dispatcher: OutboxDispatcher;
const CHANNEL = "19:alliance@thread.tacv2";
const DEE = { id: "29:dee", name: "Dee Partner", aadObjectId: "aad-dee" };
const FAY = { id: "29:fay", name: "Fay Partner", aadObjectId: "aad-fay" };
type User = { id: string; name: string; aadObjectId: string };

const inChannel = (user: User): ActivityScope => ({
  serviceUrl: h.connector.serviceUrl,
  user,
  conversationType: "channel",
  conversationId: CHANNEL,
  team: { id: CHANNEL, name: "Alliance" },
});
const memberOf = async (user: User) => {
  const workspace = (await h.bot.services.stores.workspaces.find("teams", DEFAULT_TENANT))!;
  return (await h.bot.services.stores.members.findByExternalId(workspace.id, user.aadObjectId))!;
};
const creates = (since: number) => h.connector.since(since).filter((r) => r.method === "POST" && r.path === "/v3/conversations");
const postsTo = (since: number, conversationId: string) =>
  h.connector.since(since).filter((r) => r.method === "POST" && r.path === `/v3/conversations/${conversationId}/activities` && r.status === 200);

async function deliverAll(): Promise<void> {
  for (let i = 0; i < 3; i++) await dispatcher.runOnce();
}

beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
  const services = h.bot.services;
  const store = new PrismaOutboxStore(h.bot.database.prisma);
  dispatcher = new OutboxDispatcher({ store, sender: createPlatformMessageSender({ senders: { teams: h.bot.teams!.outboxSender } }), clock: services.clock, sleep: async () => {} });
  handlers = createCoreJobHandlers({
    services,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    outbox: new Outbox(store, services.clock),
    renderCharts: async () => [],
    openers: { teams: h.bot.teams!.personalOpener },
  });
  // Ann installs the bot and writes to it 1:1 (the alliance's admin); the others only ever
  // speak in the team channel, where the member API gives their e-mail (so their organisation).
  const ann = await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, user: USERS.ann }, "help"));
  expect(ann.status).toBe(200);
  const admin = await services.members.getActor((await memberOf(USERS.ann)).id);
  const setup = await services.alliances.applySetup(
    admin,
    { name: "Reach alliance", organizations: [{ name: "Acme", emailDomains: ["acme.example"] }, { name: "Bolt", emailDomains: ["bolt.example"] }] },
    { workspaceId: (await memberOf(USERS.ann)).workspaceId },
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  await services.members.assignOrganization(admin, admin.memberId, (await services.alliances.listOrganizations(setup.alliance.id))[0]!.id);
  for (const [user, domain] of [[USERS.bob, "acme.example"], [USERS.cas, "bolt.example"], [DEE, "bolt.example"]] as const) {
    h.connector.setMember(user.id, { email: `${user.name.split(" ")[0]!.toLowerCase()}@${domain}` });
    expect((await h.post(messageActivity(inChannel(user), "help"))).status).toBe(200);
  }
  h.connector.refuseConversationWith(DEE.aadObjectId, 403); // the app is not installed for Dee
}, 60_000);
afterAll(async () => h?.close());

describe("scheduled 1:1 messages on Teams", () => {
  it("sends a scheduled round's first question to every member who never chatted 1:1, opening and storing each chat; tells the admin once who the app is not installed for", async () => {
    for (const user of [USERS.bob, USERS.cas, DEE]) expect(await h.bot.services.stores.conversations.findPersonalConversation((await memberOf(user)).id)).toBeNull();
    const alliance = await h.bot.services.alliances.getAlliance((await memberOf(USERS.ann)).allianceId);
    const mark = h.connector.mark();
    const now = new Date();
    await handlers.runPulseRound(alliance.id, "W", now);
    await handlers.runPulseRound(alliance.id, "W", new Date(now.getTime() + 60_000)); // a retried run
    await deliverAll();

    const created = creates(mark);
    for (const user of [USERS.bob, USERS.cas]) {
      const create = created.find((r) => r.body.members[0].id === user.aadObjectId);
      expect(create, `chat created for ${user.name}`).toMatchObject({ status: 200, body: { tenantId: DEFAULT_TENANT } });
      const [question] = postsTo(mark, `a:fake-1on1-${user.aadObjectId}`);
      expect(executeActions(cardOf(question)).map((a) => a.verb)).toContain("pulse.answer");
      expect(await h.bot.services.stores.conversations.findPersonalConversation((await memberOf(user)).id)).toMatchObject({
        conversationId: `a:fake-1on1-${user.aadObjectId}`,
        serviceUrl: h.connector.serviceUrl,
        tenantId: DEFAULT_TENANT,
      });
    }
    // Ann wrote 1:1 before: her stored chat is used, none created.
    expect(created.some((r) => r.body.members[0].id === USERS.ann.aadObjectId)).toBe(false);
    // Dee: 403 on every try (the round ran twice), one notice to the admin.
    expect(created.filter((r) => r.body.members[0].id === DEE.aadObjectId).map((r) => r.status)).toEqual([403, 403]);
    const notices = postsTo(mark, `a:personal-${USERS.ann.aadObjectId}`).filter((r: RecordedRequest) => String(r.body.text ?? "").includes("Not reached"));
    expect(notices).toHaveLength(1);
    const text = String(notices[0]!.body.text);
    expect(text).toContain("this round's pulse questions");
    expect(text).toContain("Dee Partner: the app is not installed for them in Teams");
    expect(text).toContain("Install the app for them");
    expect(text).not.toContain("Bob Builder");
  }, 60_000);

  it("asks an owner who never chatted 1:1 whether their agreement was kept, in a chat opened for it", async () => {
    // Fay joins the channel after the round opened, so nothing has opened a chat with her yet.
    h.connector.setMember(FAY.id, { email: "fay@bolt.example" });
    expect((await h.post(messageActivity(inChannel(FAY), "help"))).status).toBe(200);
    const fay = await h.bot.services.members.getActor((await memberOf(FAY)).id);
    const acme = (await memberOf(USERS.bob)).organizationId!;
    const dueAt = new Date(Date.now() + 3 * 86_400_000);
    await h.bot.services.commitments.create(fay, { text: "Share the pilot results", beneficiary: { kind: "organization", organizationId: acme }, dueAt, definitionOfDone: "Report sent" });
    const mark = h.connector.mark();
    await handlers.runCommitmentCheckIns(fay.allianceId, "due-day", new Date(dueAt.getTime() + 3_600_000));
    await deliverAll();

    expect(creates(mark).map((r) => r.body.members[0].id)).toEqual([FAY.aadObjectId]);
    const [checkIn] = postsTo(mark, `a:fake-1on1-${FAY.aadObjectId}`);
    expect(JSON.stringify(cardOf(checkIn))).toContain("Share the pilot results");
  }, 60_000);

  it("answers 'pulse' with nothing open by saying when the next round opens, in the member's language (issue 11)", async () => {
    const gus = { id: "29:gus", name: "Gus Partner", aadObjectId: "aad-gus" };
    h.connector.setMember(gus.id, { email: "gus@bolt.example" });
    expect((await h.post(messageActivity(inChannel(gus), "help"))).status).toBe(200); // joined after the round: not invited
    const mark = h.connector.mark();
    expect((await h.post(messageActivity({ serviceUrl: h.connector.serviceUrl, user: gus, locale: "nl-NL" }, "pulse"))).status).toBe(200);
    const [answer] = postsTo(mark, `a:personal-${gus.aadObjectId}`);
    expect(answer?.body.text).toMatch(/^Je hebt nu geen openstaande pulsvragen\. De volgende ronde begint op (maan|dins|woens|donder|vrij|zater|zon)dag \d{1,2} \w+ om 10:00;/);
  }, 60_000);
});
