// A reported outcome in a shared Teams chat, over HTTP against the running bot and the fake Bot
// Connector: the card everyone sees is neutral and names the receiving side's members in
// refresh.userIds; Teams' refresh invoke (adaptiveCard/action, trigger "automatic") then answers
// each viewer with their own card: Confirm / Dispute for the receiving side, not for the reporter.
// Reported in the reporter's own 1:1 chat, the question goes to the receiving side's 1:1 chats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { DEFAULT_TENANT, USERS, type ActivityScope } from "../../fakes/teams-activities.js";
import { cardOf, cardText, executeActions, invokeCard } from "./support/card-helpers.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";
import { conversationDriver, type ChatUser } from "./support/conversation-driver.js";

let h: TeamsHarness;
const GROUP = "19:acme-beta@thread.v2";
type User = ChatUser;
const group = (user: User, locale = "en-US"): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user, conversationType: "groupChat", conversationId: GROUP, locale });
const personal = (user: User): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user });
const { say, press, memberOf, setUpAcmeBetaGroupChat } = conversationDriver(() => h);
const verbs = (card: unknown) => executeActions(card).map((a) => a.verb);

let setupCard: any;

beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
  h.connector.setMember(USERS.ann.id, { email: "ann@acme.com" }); // the member API knows Ann's address
  // Ann is placed by her e-mail domain; the others pick. Everyone is in the group chat.
  setupCard = invokeCard(await setUpAcmeBetaGroupChat({ group, personal, conversationId: GROUP }));
});
afterAll(async () => h?.close());

describe("setup by an admin whose e-mail domain it names", () => {
  it("does not ask the admin's organisation: the domain placed them", async () => {
    expect(cardText(setupCard)).toContain("Setup saved: Acme × Beta");
    expect(cardText(setupCard)).not.toContain("One more thing");
    expect(executeActions(setupCard)).toEqual([]);
    const workspace = (await h.bot.services.stores.workspaces.find("teams", DEFAULT_TENANT))!;
    const ann = (await h.bot.services.stores.members.findByExternalId(workspace.id, USERS.ann.aadObjectId))!;
    const acme = (await h.bot.services.alliances.listOrganizations(ann.allianceId)).find((o) => o.name === "Acme")!;
    expect(ann.organizationId).toBe(acme.id);
  });
});

describe("a reported outcome in a shared Teams chat", () => {
  let commitmentId = "";
  let shared: any;

  it("posts a neutral card whose refresh names only the receiving side's members in this chat", async () => {
    const [created] = await say(group(USERS.ann), "commit Send the draft contract for Beta by friday");
    commitmentId = cardOf(created).refresh.action.data.commitmentId; // the shared card has no buttons: its refresh names it
    const { res, posted } = await press(group(USERS.ann), "commitment.kept", { commitmentId });
    expect(cardText(invokeCard(res))).toContain("Kept");
    shared = cardOf(posted[0]);
    expect(cardText(shared)).toContain("Do you agree?");
    expect(verbs(shared)).not.toContain("commitment.confirm");
    expect(verbs(shared)).not.toContain("commitment.dispute");
    expect(shared.refresh.action).toMatchObject({ type: "Action.Execute", verb: "commitment.confirmView", data: { commitmentId } });
    expect([...shared.refresh.userIds].sort()).toEqual([USERS.bob.id, USERS.cas.id]);
  });

  it("refreshes to a card with Confirm / Dispute for a receiving member, and without them for the reporter", async () => {
    const { action } = shared.refresh;
    const forBob = await press(group(USERS.bob), action.verb, action.data, "automatic");
    expect(forBob.res.status).toBe(200);
    const bobCard = invokeCard(forBob.res);
    expect(verbs(bobCard)).toEqual(expect.arrayContaining(["commitment.confirm", "commitment.dispute"]));
    expect(bobCard.refresh.userIds).toEqual([USERS.bob.id]);

    const forAnn = await press(group(USERS.ann), action.verb, action.data, "automatic");
    const annCard = invokeCard(forAnn.res);
    expect(cardText(annCard)).toContain("Send the draft contract");
    expect(verbs(annCard)).not.toContain("commitment.confirm");
    expect(verbs(annCard)).not.toContain("commitment.dispute");
    // A refresh only reads: nothing was posted and the commitment still waits.
    expect([...forBob.posted, ...forAnn.posted]).toEqual([]);
    const bob = await h.bot.services.members.getActor((await memberOf(USERS.bob)).id);
    expect((await h.bot.services.commitments.get(bob, commitmentId)).commitment.confirmation).toBe("pending");
  });

  it("shows a Dutch receiving member the Dutch card", async () => {
    const { action } = shared.refresh;
    const { res } = await press(group(USERS.cas, "nl-NL"), action.verb, action.data, "automatic");
    const card = invokeCard(res);
    const titles = (card.actions as Array<{ title: string }>).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(["Bevestigen", "Betwisten…"]));
    expect(cardText(card)).toContain("Klopt dat?");
  });

  it("refuses an automatic invoke of anything but a refresh, and changes nothing", async () => {
    const { res } = await press(group(USERS.bob), "commitment.confirm", { commitmentId }, "automatic");
    expect(res.body).toMatchObject({ statusCode: 400 });
    const bob = await h.bot.services.members.getActor((await memberOf(USERS.bob)).id);
    expect((await h.bot.services.commitments.get(bob, commitmentId)).commitment.confirmation).toBe("pending");
  });

  it("keeps the polite refusal when the reporter confirms anyway (a client that did not refresh)", async () => {
    const { res } = await press(group(USERS.ann), "commitment.confirm", { commitmentId });
    expect(res.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(res.body.value).toContain("Only the receiving side");
  });

  it("after the receiving member confirms, their refreshed card no longer asks", async () => {
    const confirmed = await press(group(USERS.bob), "commitment.confirm", { commitmentId });
    expect(cardText(invokeCard(confirmed.res))).toContain("Confirmed");
    const { action } = shared.refresh;
    const { res } = await press(group(USERS.cas), action.verb, action.data, "automatic");
    expect(verbs(invokeCard(res))).not.toContain("commitment.confirm");
  });

  it("falls back to the buttons on the shared card, refreshing only the reporter's view, when the chat's members cannot be read", async () => {
    h.connector.setRoster(GROUP, []);
    const [created] = await say(group(USERS.ann), "commit Share the Q1 figures for Beta by friday");
    const id = cardOf(created).refresh.action.data.commitmentId;
    const { posted } = await press(group(USERS.ann), "commitment.kept", { commitmentId: id });
    const card = cardOf(posted[0]);
    expect(verbs(card)).toEqual(expect.arrayContaining(["commitment.confirm", "commitment.dispute"]));
    expect(card.refresh.userIds).toEqual([USERS.ann.id]);
  });
});

describe("a reported outcome in the reporter's own 1:1 chat", () => {
  it("asks the receiving side in their 1:1 chats, and does not show the reporter the question", async () => {
    const services = h.bot.services;
    const dispatcher = new OutboxDispatcher({
      store: new PrismaOutboxStore(h.bot.database.prisma),
      sender: createPlatformMessageSender({ senders: { teams: h.bot.teams!.outboxSender } }),
      clock: services.clock,
      sleep: async () => {},
    });
    const [created] = await say(personal(USERS.ann), "commit Book the venue for Beta by friday");
    const id = executeActions(cardOf(created)).find((a) => a.verb === "commitment.kept")!.data.commitmentId!;
    const mark = h.connector.mark();
    const { res, posted } = await press(personal(USERS.ann), "commitment.kept", { commitmentId: id });
    expect(cardText(invokeCard(res))).toContain("Waiting for confirmation");
    for (let i = 0; i < 3; i++) await dispatcher.runOnce();
    const asked = (user: User) =>
      h.connector.since(mark).filter((r) => r.method === "POST" && r.path === `/v3/conversations/a:personal-${user.aadObjectId}/activities` && cardText(cardOf(r)).includes("Do you agree?"));
    expect(posted.filter((r) => cardText(cardOf(r)).includes("Do you agree?"))).toEqual([]);
    expect(asked(USERS.ann)).toEqual([]);
    for (const user of [USERS.bob, USERS.cas]) {
      const [request] = asked(user);
      expect(verbs(cardOf(request))).toEqual(expect.arrayContaining(["commitment.confirm", "commitment.dispute"]));
    }
  });
});
