// Issue 10, "One alliance across Slack and Teams": ONE bot process (src/compose.ts startBot,
// embedded database) with Slack pointed at the fake Web API and Teams at the fake Bot Connector.
// A Slack admin gets a one-time code (ephemeral), a Teams admin enters it in a 1:1 chat and
// confirms on the card that names the alliance and its partners; the Teams organisation joins.
// Each space picks its own steering channel, and the weekly summary is posted once to each —
// also when Slack answers 429 and Teams 503 for a while. The pulse round reaches each member on
// their own platform.
import { FixedClock } from "#core/shared/clock.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import type { FakeSlack } from "../../fakes/fake-slack.js";
import { blockAction, commandFields, sendCommand, sendInteraction } from "../../fakes/slack-requests.js";
import { DEFAULT_TENANT, USERS, executeActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { cardOf, cardText, executeActions, invokeCard } from "../teams/support/card-helpers.js";
import { eventually } from "../slack/support/slack-harness.js";
import type { TeamsHarness } from "../teams/support/teams-harness.js";
import { LINK_CODE, SLACK_TEAM, crossSteps, deliverAll, startCrossBot, stopCrossBot } from "./support/cross-bot.js";

const SLACK_STEERING = "C0STEER";
const TEAMS_STEERING = "19:steering@thread.tacv2";
const CODE = LINK_CODE;

let slack: FakeSlack;
let h: TeamsHarness;
let slackEvents: string;
let handlers: JobHandlers;
let dispatcher: OutboxDispatcher;
/** The dispatcher's clock: ahead of the wall clock, moved on to let retries fall due. */
let dispatchClock: FixedClock;
const { trust: trustAs, teamsSay, workspaceOf, setUpRiversAlliance } = crossSteps(() => ({ slack, h, slackEvents }));
const trust = (text: string, userId: string, teamId = SLACK_TEAM) => trustAs(text, userId, { teamId });
const deliverOutbox = (rounds?: number) => deliverAll(dispatcher, dispatchClock, rounds);

const personal = (user = USERS.ann): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user });
const inSteeringChannel = (user = USERS.ann): ActivityScope => ({
  serviceUrl: h.connector.serviceUrl,
  user,
  conversationType: "channel",
  conversationId: TEAMS_STEERING,
  team: { id: TEAMS_STEERING, name: "Steering" },
});

beforeAll(async () => {
  ({ slack, h, slackEvents } = await startCrossBot());
  const services = h.bot.services;
  const store = new PrismaOutboxStore(h.bot.database.prisma);
  dispatchClock = new FixedClock(new Date(Date.now() + 1_000));
  const sender = createPlatformMessageSender({
    senders: { slack: h.bot.slack!.outboxSender, teams: h.bot.teams!.outboxSender },
    findMessage: (key) => store.findByDedupeKey(key),
    now: () => dispatchClock.now(),
  });
  dispatcher = new OutboxDispatcher({ store, sender, clock: dispatchClock, sleep: async () => {} });
  handlers = createCoreJobHandlers({
    services,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    outbox: new Outbox(store, services.clock),
    renderCharts: async () => [],
    openers: { slack: h.bot.slack!.personalOpener, teams: h.bot.teams!.personalOpener },
  });
}, 120_000);

afterAll(async () => stopCrossBot({ h, slack }));

describe("one alliance across a Slack workspace and a Teams organisation", () => {
  it("links the Teams organisation into the Slack alliance with a one-time code and a confirmation", async () => {
    // The Slack side: Anna is the first member (admin) and sets the alliance up.
    const { slackSpace } = await setUpRiversAlliance({ steeringChannel: { conversationId: SLACK_STEERING } });

    // A member who is not an admin is refused.
    await trust("help", "U0SAM");
    expect((await trust("link", "U0SAM")).text).toBe("You're not allowed to do that.");

    // Anna's code: an ephemeral answer, shown to her only.
    const issued = await trust("link", "U0ANN");
    expect(issued.response_type).toBe("ephemeral");
    const code = CODE.exec(issued.text)![0];
    expect(issued.text).toContain("Rivers Alliance");
    expect(issued.text).toContain(`link ${code}`);

    // The Teams side: in a channel the code is not accepted (everyone would see it).
    const inChannel = await teamsSay(inSteeringChannel(), `link ${code}`);
    expect(inChannel.body.text).toContain("1:1 chat");
    // In the 1:1 chat: the confirmation names the alliance and its partner organisations.
    const confirm = await teamsSay(personal(), `link ${code}`);
    const card = cardOf(confirm);
    expect(cardText(card)).toContain("Join the alliance “Rivers Alliance”?");
    expect(cardText(card)).toContain("Partner organisations: Engineering Co and Municipality");
    expect(cardText(card)).toContain("Spaces already in it:");
    const [join, cancel] = executeActions(card);
    expect([join!.verb, cancel!.verb]).toEqual(["alliance.link.confirm", "alliance.link.cancel"]);
    // Nothing changed before the confirmation.
    const teamsSpace = await workspaceOf("teams", DEFAULT_TENANT);
    expect(teamsSpace.allianceId).not.toBe(slackSpace.allianceId);

    const done = invokeCard(await h.post(executeActivity(personal(), join!.verb, join!.data)));
    expect(cardText(done)).toContain("This space is now part of the alliance “Rivers Alliance”");
    expect((await workspaceOf("teams", DEFAULT_TENANT)).allianceId).toBe(slackSpace.allianceId);

    // The code worked once: a second use is refused with a clear message.
    const again = await teamsSay(personal(USERS.ann), `link ${code}`);
    expect(again.body.text).toContain("That link code has already been used");
    // Every issue and use is in the audit trail, with who and why.
    const events = await h.bot.services.stores.spaces.listEvents(slackSpace.allianceId!);
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ["code_refused", "FORBIDDEN"],
      ["code_issued", null],
      ["linked", null],
      ["code_refused", "LINK_CODE_USED"],
    ]);
  }, 60_000);

  it("posts the weekly summary once to each space's steering channel, through 429 and 503", async () => {
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const alliance = await h.bot.services.alliances.getAlliance(slackSpace.allianceId!);
    // The Teams admin chooses the steering channel of their own space (the channel is seen first).
    await teamsSay(inSteeringChannel(), "help");
    const teamsSpace = await workspaceOf("teams", DEFAULT_TENANT);
    const tessa = (await h.bot.services.stores.members.findByExternalId(teamsSpace.id, USERS.ann.aadObjectId))!;
    const current = await h.bot.services.alliances.currentSetup(alliance.id);
    const saved = await h.bot.services.alliances.applySetup(
      await h.bot.services.members.getActor(tessa.id),
      { ...current, steeringChannel: { conversationId: TEAMS_STEERING, workspaceId: teamsSpace.id } },
      { workspaceId: teamsSpace.id },
    );
    expect(saved).toMatchObject({ ok: true });
    expect((await h.bot.services.stores.spaces.listSpaces(alliance.id)).map((s) => [s.platform, s.steeringConversationId])).toEqual([
      ["slack", SLACK_STEERING],
      ["teams", TEAMS_STEERING],
    ]);

    slack.rateLimitOnce("chat.postMessage", 1);
    h.connector.failNext({ status: 503, pathIncludes: TEAMS_STEERING }, { status: 429, retryAfterSeconds: 1, pathIncludes: TEAMS_STEERING });
    const teamsMark = h.connector.mark();
    const slackPostsBefore = slack.posted.filter((p) => p.channel === SLACK_STEERING).length;
    const now = new Date();
    await handlers.runSummary(alliance.id, "2026-W49", now);
    await handlers.runSummary(alliance.id, "2026-W49", new Date(now.getTime() + 60_000)); // a retried run
    await deliverOutbox();

    expect(slack.posted.filter((p) => p.channel === SLACK_STEERING).length - slackPostsBefore).toBe(1);
    const teamsPosts = h.connector.since(teamsMark).filter((r) => r.method === "POST" && r.path === `/v3/conversations/${TEAMS_STEERING}/activities`);
    expect(teamsPosts.map((r) => r.status)).toEqual([503, 429, 200]);
    expect(cardOf(teamsPosts[2])).toBeTruthy();
  }, 90_000);

  it("sends each member's pulse questions on their own platform", async () => {
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const teamsSpace = await workspaceOf("teams", DEFAULT_TENANT);
    const members = h.bot.services.stores.members;
    const anna = (await members.findByExternalId(slackSpace.id, "U0ANN"))!;
    const tessa = (await members.findByExternalId(teamsSpace.id, USERS.ann.aadObjectId))!;
    // Both belong to a partner organisation (pulse rounds invite members of one).
    const [engineering, municipality] = await h.bot.services.alliances.listOrganizations(slackSpace.allianceId!);
    const admin = await h.bot.services.members.getActor(anna.id);
    await h.bot.services.members.assignOrganization(admin, anna.id, engineering!.id);
    await h.bot.services.members.assignOrganization(admin, tessa.id, municipality!.id);
    const slackMark = slack.calls.length;
    const teamsMark = h.connector.mark();
    await handlers.runPulseRound(slackSpace.allianceId!, "P1", new Date());
    await deliverOutbox(3);
    // Slack: a DM opened with each Slack member and the questions posted there.
    const opened = slack.calls.slice(slackMark).filter((c) => c.method === "conversations.open").map((c) => c.args.users);
    expect(opened).toContain("U0ANN");
    expect(opened).not.toContain(USERS.ann.aadObjectId);
    expect(slack.calls.slice(slackMark).some((c) => c.method === "chat.postMessage" && String(c.args.channel).startsWith("D"))).toBe(true);
    // Teams: the Teams member's question in her 1:1 chat, none of it on Slack.
    const teamsQuestions = h.connector.since(teamsMark).filter((r) => r.method === "POST" && r.path === `/v3/conversations/a:personal-${USERS.ann.aadObjectId}/activities` && r.status === 200);
    expect(teamsQuestions.length).toBeGreaterThanOrEqual(1);
    expect(executeActions(cardOf(teamsQuestions[0])).map((a) => a.verb)).toContain("pulse.answer");
    const invites = await h.bot.database.prisma.pulseInvite.findMany({ where: { memberId: { in: [anna.id, tessa.id] } } });
    expect(invites.every((i) => i.sentAt !== null)).toBe(true);
  }, 90_000);

  it("asks the Teams side to confirm an agreement reported on Slack, and takes the confirmation from Teams", async () => {
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const commit = async (text: string) => {
      const id = `k-${Math.random()}`;
      // Sam (Engineering Co by his e-mail domain) reports on Slack.
      await sendCommand(slackEvents, commandFields("/commit", text, slack.responseUrl(id), { teamId: SLACK_TEAM, userId: "U0SAM", channelId: "C0GENERAL" }));
      return (await slack.waitForResponse(id)).body;
    };
    await commit("deliver the flood model for Municipality by friday");
    const created = await h.bot.database.prisma.commitment.findFirst({ where: { allianceId: slackSpace.allianceId! }, orderBy: { number: "desc" } });
    expect(created).toMatchObject({ text: "deliver the flood model" });
    const teamsMark = h.connector.mark();
    expect((await commit(`kept #${created!.number}`)).text).toContain("recorded as Kept");
    await eventually(async () => (await h.bot.database.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `commitment-confirm:${created!.id}` } } })) > 0, "confirm request queued");
    await deliverOutbox(3);

    // The request is queued after the Slack answer; the outbox delivers it on Teams.
    // Tessa (Municipality, on Teams) gets the request in her 1:1 chat, as an Adaptive Card.
    const requests = h.connector.since(teamsMark).filter((r) => r.method === "POST" && r.path === `/v3/conversations/a:personal-${USERS.ann.aadObjectId}/activities` && r.status === 200);
    expect(requests).toHaveLength(1);
    const card = cardOf(requests[0]);
    expect(cardText(card)).toContain("deliver the flood model");
    const confirm = executeActions(card).find((a) => a.data.action === "confirm" || /confirm/i.test(a.verb))!;
    expect(confirm).toBeTruthy();
    const slackMark = slack.calls.length;
    const answered = await h.post(executeActivity(personal(), confirm.verb, confirm.data));
    expect(answered.status).toBe(200);
    expect(await h.bot.database.prisma.commitment.findUnique({ where: { id: created!.id } })).toMatchObject({ status: "kept", confirmation: "confirmed" });

    // Sam, the owner on Slack, learns it there: the agreement's card as it now stands, in his DM,
    // once (through the outbox, under a key per answered version).
    await eventually(async () => (await h.bot.database.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `commitment-answered:${created!.id}:` } } })) === 1, "owner notice queued");
    await deliverOutbox(3);
    const notices = slack.calls.slice(slackMark).filter((c) => c.method === "chat.postMessage" && String(c.args.channel).startsWith("D") && JSON.stringify(c.args.blocks ?? "").includes("deliver the flood model"));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.args.blocks)).toContain("Confirmed");
  }, 60_000);

  it("lets a second Slack workspace join with the buttons in Slack, and leave again", async () => {
    const alliance = (await workspaceOf("slack", SLACK_TEAM)).allianceId!;
    await trust("help", "U0ZED", "T222");
    const code = CODE.exec((await trust("link", "U0ANN")).text)![0];
    const confirmation = await trust(`link ${code.toLowerCase()}`, "U0ZED", "T222");
    expect(confirmation.response_type).toBe("ephemeral");
    expect(JSON.stringify(confirmation.blocks)).toContain("Join the alliance “Rivers Alliance”?");
    const buttons = confirmation.blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === "button");
    expect(buttons.map((b: any) => b.action_id)).toEqual(["alliance.link.confirm", "alliance.link.cancel"]);

    // Cancel changes nothing; the code stays valid.
    const cancelId = `c-${Math.random()}`;
    await sendInteraction(slackEvents, blockAction({ actionId: "alliance.link.cancel", value: buttons[1].value }, { ts: "1700000000.000001", channelId: "C0GENERAL" }, slack.responseUrl(cancelId), { teamId: "T222", userId: "U0ZED" }));
    expect((await slack.waitForResponse(cancelId)).body).toMatchObject({ replace_original: true, text: "Nothing was linked. The code stays valid until it expires." });

    const joinId = `j-${Math.random()}`;
    await sendInteraction(slackEvents, blockAction({ actionId: "alliance.link.confirm", value: buttons[0].value }, { ts: "1700000000.000001", channelId: "C0GENERAL" }, slack.responseUrl(joinId), { teamId: "T222", userId: "U0ZED" }));
    expect((await slack.waitForResponse(joinId)).body.text).toContain("This space is now part of the alliance “Rivers Alliance”");
    expect((await workspaceOf("slack", "T222")).allianceId).toBe(alliance);
    expect(await h.bot.services.stores.spaces.listSpaces(alliance)).toHaveLength(3);

    const left = await trust("unlink", "U0ZED", "T222");
    expect(left.text).toContain("This space has left the alliance “Rivers Alliance”");
    expect((await workspaceOf("slack", "T222")).allianceId).not.toBe(alliance);
    expect((await h.bot.services.stores.spaces.listSpaces(alliance)).map((s) => s.platform)).toEqual(["slack", "teams"]);
    expect((await h.bot.services.stores.spaces.listEvents(alliance)).map((e) => e.type).slice(-3)).toEqual(["code_issued", "linked", "unlinked"]);
  }, 60_000);

  it("merges a Slack workspace with history of its own: mapping shown first, an incomplete one refused, then everything moves and the admin learns the new agreement numbers", async () => {
    const alliance = (await workspaceOf("slack", SLACK_TEAM)).allianceId!;
    await trust("help", "U0YAN", "T333");
    const own = await workspaceOf("slack", "T333");
    const yan = (await h.bot.services.stores.members.findByExternalId(own.id, "U0YAN"))!;
    const setup = await h.bot.services.alliances.applySetup(
      await h.bot.services.members.getActor(yan.id),
      { name: "Harbour Works", organizations: [{ name: "ENGINEERING CO", emailDomains: [] }, { name: "Harbour", emailDomains: [] }] },
      { workspaceId: own.id },
    );
    if (!setup.ok) throw new Error("setup failed");
    const [ownEngineering, harbour] = setup.organizations;
    // History of its own: agreement #1 (the alliance has a #1 too) and a poll.
    const prisma = h.bot.database.prisma;
    if (!(await prisma.commitment.findFirst({ where: { allianceId: alliance, number: 1 } }))) await prisma.commitment.create({ data: { allianceId: alliance, number: 1, text: "an agreement of the alliance" } });
    const highest = (await prisma.commitment.findFirst({ where: { allianceId: alliance }, orderBy: { number: "desc" } }))!.number;
    await prisma.commitment.create({ data: { allianceId: own.allianceId!, number: 1, text: "dredge the harbour", ownerOrganizationId: harbour!.id } });
    await prisma.poll.create({ data: { allianceId: own.allianceId!, question: "Quay or pier?", options: { create: [{ position: 0, label: "quay" }] } } });

    const code = CODE.exec((await trust("link", "U0ANN")).text)![0];
    const shown = await trust(`link ${code}`, "U0YAN", "T333");
    expect(JSON.stringify(shown.blocks)).toContain("Merge “Harbour Works” into the alliance “Rivers Alliance”?");
    const rows = shown.blocks.filter((b: any) => String(b.block_id ?? "").startsWith("merge."));
    expect(rows.map((b: any) => [b.block_id, b.accessory.initial_option.text.text])).toEqual([
      [`merge.${ownEngineering!.id}`, "Engineering Co"],
      [`merge.${harbour!.id}`, "new organisation"],
    ]);
    const mergeButton = shown.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === "alliance.link.merge");
    const click = async (state: Record<string, Record<string, unknown>>) => {
      const id = `m-${Math.random()}`;
      await sendInteraction(slackEvents, blockAction({ actionId: "alliance.link.merge", value: mergeButton.value }, { ts: "1700000000.000002", channelId: "C0GENERAL" }, slack.responseUrl(id), { teamId: "T333", userId: "U0YAN" }, state));
      return (await slack.waitForResponse(id)).body;
    };
    const chosen = (b: any) => ({ [b.block_id]: { "alliance.link.merge-choice": { type: "static_select", selected_option: b.accessory.initial_option } } });

    // Only the first row chosen: refused, nothing moved.
    expect((await click(chosen(rows[0]))).text).toContain("Choose where each of your organisations goes (Harbour)");
    expect((await workspaceOf("slack", "T333")).allianceId).toBe(own.allianceId);

    const done = await click({ ...chosen(rows[0]), ...chosen(rows[1]) });
    expect(done.text).toContain("“Harbour Works” is now part of the alliance “Rivers Alliance”");
    expect(done.text).toContain("ENGINEERING CO → Engineering Co");
    expect(done.text).toContain(`#1 is now #${highest + 1}`);
    expect((await workspaceOf("slack", "T333")).allianceId).toBe(alliance);
    expect(await prisma.commitment.findFirst({ where: { allianceId: alliance, text: "dredge the harbour" } })).toMatchObject({ number: highest + 1 });
    expect(await prisma.poll.count({ where: { allianceId: alliance, question: "Quay or pier?" } })).toBe(1);
    expect((await h.bot.services.stores.alliances.listOrganizations(alliance)).map((o) => o.name)).toEqual(["Engineering Co", "Municipality", "Harbour"]);
    expect(await prisma.alliance.findUnique({ where: { id: own.allianceId! } })).toBeNull();
    // Showing the merge card is not a refusal; the incomplete mapping was, and the merge is logged.
    expect((await h.bot.services.stores.spaces.listEvents(alliance)).map((e) => [e.type, e.reason]).slice(-3)).toEqual([
      ["code_issued", null],
      ["code_refused", "LINK_MERGE_MAPPING_INCOMPLETE"],
      ["linked", "merged"],
    ]);
  }, 60_000);

  it("merges a Teams organisation with history of its own from the card's ChoiceSets, refusing an incomplete mapping", async () => {
    const alliance = (await workspaceOf("slack", SLACK_TEAM)).allianceId!;
    const tom = { id: "29:tom", name: "Tom Tide", aadObjectId: "aad-tom" };
    const tides = (): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user: tom, tenantId: "tenant-tides-0002" });
    await teamsSay(tides(), "help");
    const own = await workspaceOf("teams", "tenant-tides-0002");
    const member = (await h.bot.services.stores.members.findByExternalId(own.id, tom.aadObjectId)) ?? (await h.bot.services.stores.members.findByExternalId(own.id, tom.id));
    const setup = await h.bot.services.alliances.applySetup(
      await h.bot.services.members.getActor(member!.id),
      { name: "Tides", organizations: [{ name: "Tidal Lab", emailDomains: [] }, { name: "Municipality", emailDomains: [] }] },
      { workspaceId: own.id },
    );
    if (!setup.ok) throw new Error(`setup failed: ${JSON.stringify(setup)}`);
    const [lab, city] = setup.organizations;
    const prisma = h.bot.database.prisma;
    await prisma.poll.create({ data: { allianceId: own.allianceId!, question: "Spring or neap?", options: { create: [{ position: 0, label: "spring" }] } } });

    const code = CODE.exec((await trust("link", "U0ANN")).text)![0];
    const card = cardOf(await teamsSay(tides(), `link ${code}`));
    expect(cardText(card)).toContain("Merge “Tides” into the alliance “Rivers Alliance”?");
    // One required ChoiceSet per organisation, proposed by name: Municipality → the alliance's.
    const sets = JSON.stringify(card.body);
    expect(sets).toContain(`"id":"merge.${lab!.id}"`);
    const allianceCity = (await h.bot.services.stores.alliances.listOrganizations(alliance)).find((o) => o.name === "Municipality")!;
    expect(sets).toMatch(new RegExp(`"id":"merge.${city!.id}"[^}]*"value":"${allianceCity.id}"`));
    const merge = executeActions(card).find((a) => a.verb === "alliance.link.merge")!;

    // The ChoiceSet left empty: refused, nothing moved.
    const refused = await h.post(executeActivity(tides(), merge.verb, { ...merge.data, [`merge.${lab!.id}`]: "", [`merge.${city!.id}`]: allianceCity.id }));
    expect(refused.body.value).toContain("Choose where each of your organisations goes (Tidal Lab)");
    expect((await workspaceOf("teams", "tenant-tides-0002")).allianceId).toBe(own.allianceId);

    const done = invokeCard(await h.post(executeActivity(tides(), merge.verb, { ...merge.data, [`merge.${lab!.id}`]: "new", [`merge.${city!.id}`]: allianceCity.id })));
    expect(cardText(done)).toContain("“Tides” is now part of the alliance “Rivers Alliance”");
    expect((await workspaceOf("teams", "tenant-tides-0002")).allianceId).toBe(alliance);
    expect(await prisma.poll.count({ where: { allianceId: alliance, question: "Spring or neap?" } })).toBe(1);
    expect((await h.bot.services.stores.alliances.listOrganizations(alliance)).map((o) => o.name)).toContain("Tidal Lab");
  }, 60_000);
});
