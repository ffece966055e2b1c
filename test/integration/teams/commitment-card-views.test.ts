// A commitment card posted in a shared Teams chat, over HTTP against the running bot and the fake
// Bot Connector: everyone sees it without buttons, its refresh names the people who may act on it
// (the owner, the receiving side, admins), and Teams' refresh invoke answers each of them with
// their own buttons; anyone else gets the card without any. A 1:1 chat keeps the owner's buttons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USERS, executeActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { buttonActions, cardOf, cardText, invokeCard } from "./support/card-helpers.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";
import { DAN, conversationDriver, type ChatUser } from "./support/conversation-driver.js";

let h: TeamsHarness;
const GROUP = "19:acme-beta-cards@thread.v2";
type User = ChatUser;
const group = (user: User, locale = "en-US"): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user, conversationType: "groupChat", conversationId: GROUP, locale });
const personal = (user: User): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user });
const { say, press, memberOf, setUpAcmeBetaGroupChat } = conversationDriver(() => h);
const buttons = (card: unknown) => buttonActions(card).map((a) => a.verb);
const OWNER_BUTTONS = ["commitment.kept", "commitment.broken", "commitment.renegotiate", "commitment.withdraw"];
/** Teams' automatic refresh of `card` for `user`: the card they get. */
const refreshFor = async (card: any, user: User, locale?: string) => {
  const { res, posted } = await press(group(user, locale), card.refresh.action.verb, card.refresh.action.data, "automatic");
  expect(res.status).toBe(200);
  expect(posted).toEqual([]); // a refresh only reads
  return invokeCard(res);
};

beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
  await setUpAcmeBetaGroupChat({ group, personal, conversationId: GROUP });
});
afterAll(async () => h?.close());

describe("a commitment card posted in a shared Teams chat", () => {
  let shared: any;
  let commitmentId = "";

  it("shows nobody the owner's buttons and refreshes for the owner and the others who may act", async () => {
    const [created] = await say(group(USERS.ann), "commit Send the draft contract for Beta by friday");
    shared = cardOf(created);
    expect(cardText(shared)).toContain("Send the draft contract");
    expect(buttons(shared)).toEqual([]);
    expect(shared.refresh.action).toMatchObject({ type: "Action.Execute", verb: "commitment.cardView" });
    commitmentId = shared.refresh.action.data.commitmentId;
    // Ann owns it (and is an admin), Bob and Cas are the receiving side (a new date, a release);
    // Dan, another Acme member, may do nothing with it, and the stranger is not a member.
    expect(shared.refresh.userIds[0]).toBe(USERS.ann.id);
    expect([...shared.refresh.userIds].sort()).toEqual([USERS.ann.id, USERS.bob.id, USERS.cas.id].sort());
  });

  it("refreshes to the owner's buttons for the owner, and to none for a member who may not act", async () => {
    const annCard = await refreshFor(shared, USERS.ann);
    expect(buttons(annCard)).toEqual(expect.arrayContaining(OWNER_BUTTONS));
    expect(annCard.refresh.userIds).toEqual([USERS.ann.id]);

    const danCard = await refreshFor(shared, DAN);
    expect(cardText(danCard)).toContain("Send the draft contract");
    expect(buttons(danCard)).toEqual([]);
  });

  it("gives the receiving side what the core lets it do, not Kept or Broken", async () => {
    const bobCard = await refreshFor(shared, USERS.bob);
    expect(buttons(bobCard)).toContain("commitment.renegotiate");
    expect(buttons(bobCard)).not.toContain("commitment.kept");
    expect(buttons(bobCard)).not.toContain("commitment.broken");
  });

  it("still refuses a member who presses the owner's button anyway (a client that did not refresh)", async () => {
    const { res } = await press(group(DAN), "commitment.kept", { commitmentId });
    expect(res.body.type).toBe("application/vnd.microsoft.activity.message");
    const dan = await h.bot.services.members.getActor((await memberOf(DAN)).id);
    expect((await h.bot.services.commitments.get(dan, commitmentId)).commitment.status).toBe("open");
  });

  it("after a typed `commit kept`, posts the card without buttons, refreshing for the receiving side only", async () => {
    const number = (await h.bot.services.commitments.get(await h.bot.services.members.getActor((await memberOf(USERS.ann)).id), commitmentId)).commitment.number;
    const posted = await say(group(USERS.ann), `commit kept #${number}`);
    const kept = posted.map(cardOf).find((card) => card?.refresh?.action.verb === "commitment.cardView");
    expect(cardText(kept)).toContain("Kept");
    expect(buttons(kept)).toEqual([]);
    // Ann reported it, so only Bob and Cas can act now (confirm or dispute).
    expect([...kept.refresh.userIds].sort()).toEqual([USERS.bob.id, USERS.cas.id].sort());
    expect(buttons(await refreshFor(kept, USERS.cas, "nl-NL"))).toEqual(expect.arrayContaining(["commitment.confirm", "commitment.dispute"]));
    expect(buttons(await refreshFor(kept, USERS.ann))).toEqual([]);
  });

  it("after the owner presses Kept, brings the card everyone sees up to date: no buttons, refreshed for the receiving side", async () => {
    const [created] = await say(group(USERS.ann), "commit Print the flyers for Beta by friday");
    const id = cardOf(created).refresh.action.data.commitmentId;
    const mark = h.connector.mark();
    const res = await h.post(executeActivity(group(USERS.ann), "commitment.kept", { commitmentId: id }, "shared-card-1"));
    // The presser gets their own card back; the shared message is updated for everyone else.
    expect(cardText(invokeCard(res))).toContain("Kept");
    expect(invokeCard(res).refresh.userIds).toEqual([USERS.ann.id]);
    const [update, ...more] = h.connector.since(mark).filter((r) => r.method === "PUT" && r.path.endsWith("/activities/shared-card-1"));
    expect(more).toEqual([]);
    const shared = cardOf(update);
    expect(cardText(shared)).toContain("Kept");
    expect(buttons(shared)).toEqual([]);
    expect([...shared.refresh.userIds].sort()).toEqual([USERS.bob.id, USERS.cas.id].sort());
  });

  it("leaves the shared card alone when a refused press changed nothing", async () => {
    const [created] = await say(group(USERS.ann), "commit Order the banners for Beta by friday");
    const id = cardOf(created).refresh.action.data.commitmentId;
    const mark = h.connector.mark();
    const res = await h.post(executeActivity(group(DAN), "commitment.kept", { commitmentId: id }, "shared-card-2"));
    expect(res.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(h.connector.since(mark).filter((r) => r.method === "PUT")).toEqual([]);
  });

  it("names a non-admin owner's own id when a member commits", async () => {
    const [created] = await say(group(DAN), "commit Book the venue for Beta by friday");
    const card = cardOf(created);
    expect(buttons(card)).toEqual([]);
    expect(card.refresh.userIds[0]).toBe(DAN.id);
    expect(card.refresh.userIds).toContain(USERS.ann.id); // the admin may step in
    expect(buttons(await refreshFor(card, DAN))).toEqual(expect.arrayContaining(OWNER_BUTTONS));
  });
});

describe("a commitment card in a 1:1 chat", () => {
  it("keeps the owner's buttons on the card and asks Teams for no refresh", async () => {
    const [created] = await say(personal(USERS.ann), "commit Share the Q1 figures for Beta by friday");
    const card = cardOf(created);
    expect(buttons(card)).toEqual(expect.arrayContaining(OWNER_BUTTONS));
    expect(card.refresh).toBeUndefined();
  });
});
