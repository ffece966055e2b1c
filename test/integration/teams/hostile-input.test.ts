// What an attacker or a careless member sends to the Teams bot over HTTP (local mode, embedded
// database, fake Bot Connector): markup and <at> mentions in user text reach Teams inert, a
// replayed activity (same id) has one effect, and over-long messages and card submits are answered
// naming the limit, in the member's language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../../fakes/fake-bot-connector.js";
import { DEFAULT_TENANT, USERS, botAddedActivity, executeActivity, messageActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { cardOf, cardText, executeActions, invokeCard } from "./support/card-helpers.js";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.js";

let h: TeamsHarness;
const CHANNEL = "19:hostile@thread.tacv2";
type User = (typeof USERS)[keyof typeof USERS];
const personal = (user: User, locale = "en-US"): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user, locale });
const channel = (user: User): ActivityScope => ({
  serviceUrl: h.connector.serviceUrl,
  user,
  conversationType: "channel",
  conversationId: CHANNEL,
  team: { id: CHANNEL, name: "Alliance steering" },
});

const sent = (mark: number): RecordedRequest[] => h.connector.since(mark).filter((r) => r.method === "POST" && r.path.endsWith("/activities") && r.status === 200);
async function say(scope: ActivityScope, text: string): Promise<RecordedRequest[]> {
  const mark = h.connector.mark();
  expect((await h.post(messageActivity(scope, text))).status).toBe(200);
  return sent(mark);
}
async function press(scope: ActivityScope, verb: string, data: Record<string, unknown>) {
  const mark = h.connector.mark();
  const res = await h.post(executeActivity(scope, verb, data));
  expect(res.status).toBe(200);
  return { res, posted: sent(mark) };
}
const organizationId = async (name: string) => {
  const workspace = (await h.bot.services.stores.workspaces.find("teams", DEFAULT_TENANT))!;
  const ann = (await h.bot.services.stores.members.findByExternalId(workspace.id, USERS.ann.aadObjectId))!;
  return (await h.bot.services.alliances.listOrganizations(ann.allianceId)).find((o) => o.name === name)!.id;
};

/** A tag Teams would read as markup or a mention (`<at>`, `</at>`, `<b>`). */
const TAG = /<[/!?]?[A-Za-z]/;

beforeAll(async () => {
  h = await startTeamsHarness({ auth: false });
  await say(personal(USERS.ann), "help"); // Ann creates the alliance and is its admin
  await h.post(botAddedActivity(channel(USERS.ann)));
  await press(channel(USERS.ann), "setup.submit", {
    orgs: "[]", steering: "", name: "Acme × Beta", "org.0.name": "Acme", "org.0.domains": "acme.com", "org.1.name": "Beta", "org.1.domains": "beta.org",
    steeringHere: "true", anonymityThreshold: "3", timezone: "Europe/Amsterdam",
  });
  for (const [user, org] of [[USERS.ann, "Acme"], [USERS.bob, "Beta"]] as const) {
    await press(personal(user), "member.chooseOrganization", { organizationId: await organizationId(org) });
  }
});
afterAll(async () => h?.close());

describe("markup and mentions in user text", () => {
  it("a commitment's <at> mention and HTML (typed into the form, which Teams passes on raw) reach the card inert, looking as typed", async () => {
    const typed = "Tell <at>Everyone</at> about the <b>plan</b>";
    const { res } = await press(channel(USERS.ann), "commitment.create", { text: typed, beneficiary: await organizationId("Beta"), due: "friday" });
    const text = cardText(invokeCard(res));
    expect(text).not.toMatch(TAG);
    expect(text.replace(/\u2060/g, "")).toContain(typed);
    expect(JSON.stringify(invokeCard(res))).not.toContain('"entities"');
  });

  it("user text quoted in a message reaches Teams HTML-escaped", async () => {
    const [reply] = await say(personal(USERS.ann), "<b>hi</b> <img src=x onerror=alert(1)>");
    expect(reply?.body.text).toContain("&lt;b&gt;hi&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;");
    expect(reply?.body.text).not.toContain("<");
  });
});

describe("replayed activities", () => {
  it("an Action.Execute delivered twice (same activity id) records one outcome and asks Beta once", async () => {
    const [card] = await say(channel(USERS.ann), "commit Send the slides for Beta by friday");
    const commitmentId = cardOf(card).refresh.action.data.commitmentId; // shared card: no buttons, its refresh names it
    const activity = executeActivity(channel(USERS.ann), "commitment.kept", { commitmentId });
    const mark = h.connector.mark();
    const first = await h.post(activity);
    const second = await h.post(activity);
    expect(cardText(invokeCard(first))).toContain("Kept");
    expect(second.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: "" });
    const requests = sent(mark).filter((r) => cardText(cardOf(r)).includes("Do you agree?"));
    expect(requests).toHaveLength(1);
  });
});

describe("long input", () => {
  it("answers a 5,000-character message naming the limit", async () => {
    const [reply, ...more] = await say(personal(USERS.ann), `commit ${"x".repeat(5000)}`);
    expect(reply?.body.text).toBe("That is 5007 characters long; at most 2000 fit here. Please shorten it and try again.");
    expect(more).toEqual([]);
  });

  it("answers in Dutch for a Dutch member", async () => {
    const [reply] = await say(personal(USERS.ann, "nl-NL"), `afspraak ${"x".repeat(5000)}`);
    expect(reply?.body.text).toBe("Dat is 5009 tekens lang; hier passen er hoogstens 2000. Maak het korter en probeer het opnieuw.");
  });

  it("refuses a 300-character agreement instead of a form that cannot hold it", async () => {
    const [reply, ...more] = await say(personal(USERS.ann), `commit ${"y".repeat(300)} for Beta`);
    expect(reply?.body.text).toBe("That agreement is 300 characters long; describe it in at most 280 and try again.");
    expect(cardOf(reply)).toBeUndefined();
    expect(more).toEqual([]);
  });

  it("keeps a pre-filled form value within its field's maxLength", async () => {
    const [form] = await say(personal(USERS.ann), `commit share the roadmap for Beta by ${"q".repeat(60)} ${"r".repeat(60)}`);
    const inputs = JSON.stringify(cardOf(form));
    const due = (cardOf(form).body as Array<Record<string, unknown>>).find((e) => e.id === "due")!;
    expect(inputs).toContain('"id":"due"');
    expect(Array.from(String(due.value)).length).toBeLessThanOrEqual(Number(due.maxLength));
  });

  it("answers an over-long card submit naming the limit, and stores nothing", async () => {
    const { res } = await press(personal(USERS.ann), "commitment.create", { text: "z".repeat(600), beneficiary: await organizationId("Beta"), due: "friday" });
    expect(res.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: "That is too long: at most 280 characters fit here. Please shorten it and try again." });
    const [list] = await say(personal(USERS.ann), "commit list mine");
    expect(cardText(cardOf(list))).not.toContain("zzz");
  });
});
