// Issue 10, "Polls across spaces": ONE bot process (src/compose.ts startBot, embedded database)
// with Slack pointed at the fake Web API and Teams at the fake Bot Connector. Each space chooses
// its alliance channel in setup; a poll created on Slack "for the alliance" is posted through the
// outbox once into every alliance channel (also while Slack answers 429 and Teams 503), votes from
// both platforms count in one tally that every copy shows within seconds, and closing it from the
// Teams copy closes the Slack copies too. A second poll, closed by its deadline, is closed in
// every copy by the close sweep.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "#core/shared/clock.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import type { FakeSlack } from "../../fakes/fake-slack.js";
import { blockAction, commandFields, selectValue, sendCommand, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { DEFAULT_TENANT, USERS, executeActivity, type ActivityScope } from "../../fakes/teams-activities.js";
import { eventually } from "../slack/support/slack-harness.js";
import { cardOf, cardText, executeActions, invokeCard } from "../teams/support/card-helpers.js";
import type { TeamsHarness } from "../teams/support/teams-harness.js";
import { LINK_CODE, SLACK_TEAM, crossSteps, deliverAll, startCrossBot, stopCrossBot } from "./support/cross-bot.js";

const SLACK_GENERAL = "C0GENERAL";
const SLACK_ALLIANCE = "C0ALLIANCE";
const TEAMS_ALLIANCE = "19:alliance@thread.tacv2";
const CODE = LINK_CODE;

let slack: FakeSlack;
let h: TeamsHarness;
let slackEvents: string;
let handlers: JobHandlers;
let dispatcher: OutboxDispatcher;
let dispatchClock: FixedClock;
const { trust, teamsSay, workspaceOf, setUpRiversAlliance } = crossSteps(() => ({ slack, h, slackEvents }));
const deliverOutbox = (rounds?: number) => deliverAll(dispatcher, dispatchClock, rounds);

const personal = (user: NonNullable<ActivityScope["user"]> = USERS.ann): ActivityScope => ({ serviceUrl: h.connector.serviceUrl, user });
const inAllianceChannel = (user = USERS.ann): ActivityScope => ({
  serviceUrl: h.connector.serviceUrl,
  user,
  conversationType: "channel",
  conversationId: TEAMS_ALLIANCE,
  team: { id: TEAMS_ALLIANCE, name: "Alliance" },
});

/** Every input of a card with its current value, as Teams submits them with an Action.Execute. */
function inputValues(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, any>;
    if (typeof n.type === "string" && n.type.startsWith("Input.") && n.id) out[n.id] = n.value === undefined ? "" : String(n.value);
    for (const value of Object.values(n)) if (typeof value === "object") walk(value);
  };
  walk(card);
  return out;
}

/** The text of the last chat.update of the Slack message `ts`. */
const lastSlackUpdate = (ts: string) => JSON.stringify(slack.callsTo("chat.update").filter((c) => c.args.ts === ts).at(-1)?.args ?? null);
/** The text of the last successful update of the Teams card `activityId`. */
const lastTeamsUpdate = (activityId: string) => {
  const update = h.connector.updates().filter((r) => r.path === `/v3/conversations/${TEAMS_ALLIANCE}/activities/${activityId}`).at(-1);
  return update ? cardText(cardOf(update)) : "";
};

beforeAll(async () => {
  ({ slack, h, slackEvents } = await startCrossBot());
  const services = h.bot.services;
  const store = new PrismaOutboxStore(h.bot.database.prisma);
  dispatchClock = new FixedClock(new Date(Date.now() + 1_000));
  // As compose-scheduler.ts wires it: a delivered copy is recorded and every copy refreshed.
  const sender = createPlatformMessageSender({
    senders: { slack: h.bot.slack!.outboxSender, teams: h.bot.teams!.outboxSender },
    recordPollMessage: (id, message) => services.polls.recordMessage(id, message),
    recordPollCopy: async (id, copy) => {
      await services.polls.recordCopy(id, copy);
      h.bot.pollRelay.changed(id);
    },
    findMessage: (key) => store.findByDedupeKey(key),
    now: () => dispatchClock.now(),
  });
  dispatcher = new OutboxDispatcher({ store, sender, clock: dispatchClock, sleep: async () => {} });
  handlers = createCoreJobHandlers({
    services,
    recurringPolls: async () => [],
    closedPolls: (since) => services.stores.polls.listClosedSince(since),
    outbox: new Outbox(store, services.clock),
    renderCharts: async () => [],
  });
}, 120_000);

afterAll(async () => stopCrossBot({ h, slack }));

describe("a poll for the whole alliance across a Slack workspace and a Teams organisation", () => {
  it("lets each space choose its own alliance channel in setup (Slack channel picker, Teams switch on the card)", async () => {
    const { slackSpace } = await setUpRiversAlliance({ allianceChannel: { conversationId: SLACK_ALLIANCE } });
    // The Slack setup modal shows the chosen alliance channel in its channel picker.
    const opened = slack.callsTo("views.open").length;
    await sendCommand(slackEvents, commandFields("/trust", "setup", slack.responseUrl("setup"), { teamId: SLACK_TEAM, userId: "U0ANN", channelId: SLACK_GENERAL }));
    const [modalCall] = (await slack.waitFor("views.open", opened + 1)).slice(opened);
    const picker = (modalCall!.args.view as any).blocks.find((b: any) => b.block_id === "allianceChannel");
    expect(picker.element).toMatchObject({ type: "conversations_select", initial_conversation: SLACK_ALLIANCE });

    // The Teams organisation joins with a one-time code.
    const code = CODE.exec((await trust("link", "U0ANN")).text)![0];
    const join = executeActions(cardOf(await teamsSay(personal(), `link ${code}`))).find((a) => a.verb === "alliance.link.confirm")!;
    invokeCard(await h.post(executeActivity(personal(), join.verb, join.data)));
    expect((await workspaceOf("teams", DEFAULT_TENANT)).allianceId).toBe(slackSpace.allianceId);

    // Its admin opens setup in the channel that should get alliance polls and switches it on.
    const card = cardOf(await teamsSay(inAllianceChannel(), "setup"));
    expect(cardText(card)).toContain("No alliance channel yet");
    const values = inputValues(card);
    expect(values.allianceHere).toBe("false");
    const submit = executeActions(card).find((a) => a.verb === "setup.submit")!;
    const saved = await h.post(executeActivity(inAllianceChannel(), submit.verb, { ...submit.data, ...values, allianceHere: "true", steeringHere: "false" }));
    expect(saved.status).toBe(200);
    expect((await h.bot.services.stores.spaces.listSpaces(slackSpace.allianceId!)).map((s) => [s.platform, s.allianceConversationId])).toEqual([
      ["slack", SLACK_ALLIANCE],
      ["teams", TEAMS_ALLIANCE],
    ]);
  }, 90_000);

  it("posts the poll once into every alliance channel through 429 and 503, counts votes from both platforms in one tally on every copy, and closes every copy", async () => {
    const prisma = h.bot.database.prisma;
    const teamsMark = h.connector.mark();
    // The create modal offers the alliance, naming the other space.
    const opened = slack.callsTo("views.open").length;
    await sendCommand(slackEvents, commandFields("/poll", "", slack.responseUrl("p"), { teamId: SLACK_TEAM, userId: "U0ANN", channelId: SLACK_GENERAL }));
    const [modalCall] = (await slack.waitFor("views.open", opened + 1)).slice(opened);
    const modal = modalCall!.args.view as any;
    const option = modal.blocks.find((b: any) => b.block_id === "poll.forAlliance");
    expect(option.label.text).toBe("Post to every linked space's alliance channel");
    expect(option.hint.text).toBe("Also posts it, in their own chat tool, in the alliance channel of the other linked space: Alliance (Teams). Votes from everywhere count in one result.");

    const state = {
      "poll.template": { value: selectValue("__none") },
      "poll.question": { value: textValue("Which pilot do we start with?") },
      "poll.options": { value: textValue("Dyke sensors\nPump station") },
      "poll.anonymous": { value: { type: "checkboxes", selected_options: [] } },
      "poll.mode": { value: selectValue("single") },
      "poll.visibility": { value: selectValue("live") },
      "poll.forAlliance": { value: { type: "checkboxes", selected_options: [{ value: "yes", text: { type: "plain_text", text: "x" } }] } },
    };
    await sendInteraction(slackEvents, viewSubmission("poll.create", state, modal.private_metadata, { teamId: SLACK_TEAM, userId: "U0ANN" }));
    await eventually(async () => (await prisma.poll.count({ where: { question: "Which pilot do we start with?", messageId: { not: null } } })) === 1, "poll posted in #general");
    const poll = (await prisma.poll.findFirst({ where: { question: "Which pilot do we start with?" }, include: { options: { orderBy: { position: "asc" } } } }))!;
    expect(poll.forAlliance).toBe(true);
    await eventually(async () => (await prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: `poll-copy:${poll.id}:` } } })) === 2, "both copies queued");
    // Slack and Teams refuse the copies at first (the creator's own post went out before).
    slack.rateLimitOnce("chat.postMessage", 1);
    h.connector.failNext({ status: 503, pathIncludes: TEAMS_ALLIANCE });
    await deliverOutbox();
    // A second delivery pass and a second request to post the copies change nothing.
    expect(await h.bot.pollRelay.postCopies(poll.id)).toBe(2);
    await deliverOutbox(2);

    // Exactly one message per target, despite the 429 and the 503.
    expect(slack.posted.filter((p) => p.channel === SLACK_GENERAL).length).toBe(1);
    expect(slack.posted.filter((p) => p.channel === SLACK_ALLIANCE).length).toBe(1);
    const teamsPosts = h.connector.since(teamsMark).filter((r) => r.method === "POST" && r.path === `/v3/conversations/${TEAMS_ALLIANCE}/activities` && /Which pilot/.test(JSON.stringify(r.body)));
    expect(teamsPosts.map((r) => r.status)).toEqual([503, 200]);
    const teamsCard = cardOf(teamsPosts[1]);
    expect(cardText(teamsCard)).toContain("Which pilot do we start with?");
    const copies = await prisma.pollCopy.findMany({ where: { pollId: poll.id } });
    expect(copies.map((c) => c.conversationId).sort()).toEqual([SLACK_ALLIANCE, TEAMS_ALLIANCE].sort());
    // The Slack copy is a full poll message: its buttons vote on the one poll.
    const slackCopy = slack.callsTo("chat.postMessage").filter((c) => c.args.channel === SLACK_ALLIANCE && JSON.stringify(c.args.blocks ?? "").includes("Which pilot")).at(-1)!;
    expect(JSON.stringify(slackCopy.args.blocks)).toContain(`"value":"${poll.id}:${poll.options[1]!.id}"`);
    const generalTs = poll.messageId!;
    const allianceTs = copies.find((c) => c.conversationId === SLACK_ALLIANCE)!.messageId;
    const teamsActivity = copies.find((c) => c.conversationId === TEAMS_ALLIANCE)!.messageId;

    // Anna votes on Slack (a 429 on the first update only delays it); Tessa on the Teams copy.
    slack.rateLimitOnce("chat.update", 1);
    await sendInteraction(
      slackEvents,
      blockAction({ actionId: "poll.vote", value: `${poll.id}:${poll.options[0]!.id}` }, { ts: generalTs, channelId: SLACK_GENERAL }, slack.responseUrl("v1"), { teamId: SLACK_TEAM, userId: "U0ANN" }),
    );
    const vote = executeActions(teamsCard).find((a) => a.verb === "poll.vote" && a.data.choice === poll.options[1]!.id)!;
    expect(vote).toBeTruthy();
    const voted = invokeCard(await h.post(executeActivity(inAllianceChannel(), vote.verb, vote.data)));
    expect(cardText(voted)).toContain("2 votes");

    // Every copy shows the combined tally within seconds.
    await eventually(async () => lastSlackUpdate(generalTs).includes("2 votes") && lastSlackUpdate(allianceTs).includes("2 votes") && lastTeamsUpdate(teamsActivity).includes("2 votes"), "every copy shows 2 votes", 20_000);
    // Sam votes on the Slack alliance-channel copy, after Tessa: the Teams card follows.
    await sendInteraction(
      slackEvents,
      blockAction({ actionId: "poll.vote", value: `${poll.id}:${poll.options[1]!.id}` }, { ts: allianceTs, channelId: SLACK_ALLIANCE }, slack.responseUrl("v3"), { teamId: SLACK_TEAM, userId: "U0SAM" }),
    );
    await eventually(async () => lastSlackUpdate(generalTs).includes("3 votes") && lastSlackUpdate(allianceTs).includes("3 votes") && lastTeamsUpdate(teamsActivity).includes("3 votes"), "every copy shows 3 votes", 20_000);
    expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(3);

    // Tessa (an admin) closes it from the Teams copy: the Slack copies close too.
    const closed = invokeCard(await h.post(executeActivity(inAllianceChannel(), "poll.close", { pollId: poll.id })));
    expect(cardText(closed)).toContain("Closed");
    await eventually(async () => lastSlackUpdate(generalTs).includes("Closed") && lastSlackUpdate(allianceTs).includes("Closed") && lastTeamsUpdate(teamsActivity).includes("Closed"), "every copy closed", 20_000);
    // No copy offers a vote any more.
    expect(lastSlackUpdate(allianceTs)).not.toContain("poll.vote");
    // Still one message per target: closing updates, it never posts again.
    expect(slack.posted.filter((p) => p.channel === SLACK_ALLIANCE).length).toBe(1);
  }, 120_000);

  it("closes every copy of an alliance poll at its deadline, through the outbox", async () => {
    const prisma = h.bot.database.prisma;
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const anna = (await h.bot.services.stores.members.findByExternalId(slackSpace.id, "U0ANN"))!;
    const actor = await h.bot.services.members.getActor(anna.id);
    const now = h.bot.services.clock.now();
    const poll = await h.bot.services.polls.createPoll(actor, { question: "Meet in Delft or Utrecht?", options: ["Delft", "Utrecht"], forAlliance: true, closesAt: new Date(now.getTime() + 60 * 60_000) });
    // Posted where it was created (as the Slack listener does), then the copies.
    await h.bot.services.polls.recordMessage(poll.id, { workspaceId: slackSpace.id, conversationId: SLACK_GENERAL, messageId: "1700000099.000100" });
    expect(await h.bot.pollRelay.postCopies(poll.id)).toBe(2);
    await deliverOutbox(2);
    const copies = await prisma.pollCopy.findMany({ where: { pollId: poll.id } });
    expect(copies).toHaveLength(2);

    const teamsMark = h.connector.mark();
    const slackUpdates = slack.callsTo("chat.update").length;
    const afterDeadline = new Date(now.getTime() + 61 * 60_000);
    await handlers.closeDuePolls(afterDeadline);
    await handlers.closeDuePolls(new Date(afterDeadline.getTime() + 60_000)); // the next minute's sweep queues nothing new
    await deliverOutbox(3);
    const keys = (await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `poll-closed:${poll.id}` } } })).map((m) => [m.dedupeKey, m.status]);
    expect(keys.sort()).toEqual(
      [
        [`poll-closed:${poll.id}`, "sent"],
        [`poll-closed:${poll.id}:${slackSpace.id}:${SLACK_ALLIANCE}`, "sent"],
        [`poll-closed:${poll.id}:${(await workspaceOf("teams", DEFAULT_TENANT)).id}:${TEAMS_ALLIANCE}`, "sent"],
      ].sort(),
    );
    const updatedTs = slack.callsTo("chat.update").slice(slackUpdates).map((c) => c.args.ts);
    expect(updatedTs).toEqual(expect.arrayContaining(["1700000099.000100", copies.find((c) => c.conversationId === SLACK_ALLIANCE)!.messageId]));
    const teamsUpdate = h.connector.since(teamsMark).find((r) => r.method === "PUT" && r.path.endsWith(copies.find((c) => c.conversationId === TEAMS_ALLIANCE)!.messageId));
    expect(cardText(cardOf(teamsUpdate))).toContain("Closed");
  }, 90_000);
  it("counts a person in both spaces once: the same verified e-mail on Slack and Teams is one ballot and one pulse invitation", async () => {
    const prisma = h.bot.database.prisma;
    // Anna also works in the Teams organisation; its directory gives the same address as Slack's.
    const annaOnTeams = { id: "29:anna", name: "Anna Teams", aadObjectId: "aad-anna" };
    h.connector.setMember(annaOnTeams.id, { name: "Anna Teams", email: "Anna@Engineering.example" });
    await teamsSay(personal(annaOnTeams), "help");
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const teamsSpace = await workspaceOf("teams", DEFAULT_TENANT);
    const members = h.bot.services.stores.members;
    const onSlack = (await members.findByExternalId(slackSpace.id, "U0ANN"))!;
    const onTeams = (await members.findByExternalId(teamsSpace.id, annaOnTeams.aadObjectId)) ?? (await members.findByExternalId(teamsSpace.id, annaOnTeams.id));
    expect(onSlack).toMatchObject({ email: "anna@engineering.example", emailVerified: true });
    expect(onTeams).toMatchObject({ email: "Anna@Engineering.example", emailVerified: true });

    // She votes on Slack, then changes her mind on the Teams card: still one ballot, now "Pump".
    const poll = await h.bot.services.polls.createPoll(await h.bot.services.members.getActor(onSlack.id), { question: "Pilot site?", options: ["Dyke", "Pump"], forAlliance: true });
    const [dyke, pump] = poll.options;
    await h.bot.services.polls.castVote(await h.bot.services.members.getActor(onSlack.id), poll.id, [dyke!.id]);
    const card = invokeCard(await h.post(executeActivity(personal(annaOnTeams), "poll.vote", { pollId: poll.id, choice: pump!.id, seen: "" })));
    expect(cardText(card)).toContain("1 vote");
    const ballots = await prisma.pollBallot.findMany({ where: { pollId: poll.id } });
    expect(ballots.map((b) => [b.memberId, b.optionIds])).toEqual([[onSlack.id, [pump!.id]]]);

    // The pulse round invites her once, as her oldest membership (the Slack one).
    const [engineering] = await h.bot.services.alliances.listOrganizations(slackSpace.allianceId!);
    expect(onTeams!.organizationId).toBe(engineering!.id); // mapped by the same e-mail domain
    await handlers.runPulseRound(slackSpace.allianceId!, "P-person", new Date());
    const invited = (await prisma.pulseInvite.findMany({ where: { memberId: { in: [onSlack.id, onTeams!.id] } } })).map((i) => i.memberId);
    expect(invited).toEqual([onSlack.id]);
  }, 60_000);
  it("counts a person who voted on Slack and on Teams before the Teams address was verified once, on every copy, as soon as it is", async () => {
    const prisma = h.bot.database.prisma;
    const services = h.bot.services;
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    const teamsSpace = await workspaceOf("teams", DEFAULT_TENANT);
    // Rob is in both spaces; the Teams member API does not answer for him at first.
    slack.addUser({ id: "U0ROB", teamId: SLACK_TEAM, name: "Rob Slack", email: "rob@engineering.example" });
    const robOnTeams = { id: "29:rob", name: "Rob Teams", aadObjectId: "aad-rob" };
    h.connector.setMember(robOnTeams.id, null);
    await trust("help", "U0ROB");
    await eventually(async () => (await services.stores.members.findByExternalId(slackSpace.id, "U0ROB"))?.emailVerified === true, "Rob's Slack profile read");
    await teamsSay(personal(robOnTeams), "help");
    const onSlack = (await services.stores.members.findByExternalId(slackSpace.id, "U0ROB"))!;
    const findOnTeams = async () => (await services.stores.members.findByExternalId(teamsSpace.id, robOnTeams.aadObjectId)) ?? (await services.stores.members.findByExternalId(teamsSpace.id, robOnTeams.id));
    expect(onSlack).toMatchObject({ emailVerified: true });
    expect(await findOnTeams()).toMatchObject({ emailVerified: false });

    // An alliance poll, posted in #general and copied into both alliance channels.
    const anna = (await services.stores.members.findByExternalId(slackSpace.id, "U0ANN"))!;
    const poll = await services.polls.createPoll(await services.members.getActor(anna.id), { question: "Kick-off in May or June?", options: ["May", "June"], forAlliance: true });
    const generalTs = "1700000199.000100";
    await services.polls.recordMessage(poll.id, { workspaceId: slackSpace.id, conversationId: SLACK_GENERAL, messageId: generalTs });
    expect(await h.bot.pollRelay.postCopies(poll.id)).toBe(2);
    await deliverOutbox(2);
    const copies = await prisma.pollCopy.findMany({ where: { pollId: poll.id } });
    const allianceTs = copies.find((c) => c.conversationId === SLACK_ALLIANCE)!.messageId;
    const teamsActivity = copies.find((c) => c.conversationId === TEAMS_ALLIANCE)!.messageId;

    // He votes May on Slack and June on the Teams card: two people as far as the bot knows.
    const [may, june] = poll.options;
    await sendInteraction(
      slackEvents,
      blockAction({ actionId: "poll.vote", value: `${poll.id}:${may!.id}` }, { ts: allianceTs, channelId: SLACK_ALLIANCE }, slack.responseUrl("rob-1"), { teamId: SLACK_TEAM, userId: "U0ROB" }),
    );
    await eventually(async () => (await prisma.pollBallot.count({ where: { pollId: poll.id } })) === 1, "Rob's Slack ballot");
    invokeCard(await h.post(executeActivity(personal(robOnTeams), "poll.vote", { pollId: poll.id, choice: june!.id, seen: "" })));
    await eventually(async () => lastSlackUpdate(generalTs).includes("2 votes") && lastSlackUpdate(allianceTs).includes("2 votes") && lastTeamsUpdate(teamsActivity).includes("2 votes"), "every copy counts him twice", 20_000);

    // He picks his organisation on Teams, and this week's pulse round invites both his memberships
    // (two people as far as the bot knows); he answers the same question on each.
    await services.members.chooseOrganization((await findOnTeams())!.id, onSlack.organizationId!);
    await handlers.runPulseRound(slackSpace.allianceId!, "P-rob", new Date());
    const robInvites = async () => (await prisma.pulseInvite.findMany({ where: { memberId: { in: [onSlack.id, (await findOnTeams())!.id] } } })).map((i) => i.memberId).sort();
    expect(await robInvites()).toEqual([onSlack.id, (await findOnTeams())!.id].sort());
    const [pulseRound] = await services.pulse.pendingFor(await services.members.getActor(onSlack.id), new Date());
    const question = pulseRound!.questions[0]!;
    const answerAs = async (memberId: string, score: number) =>
      services.pulse.recordAnswer(await services.members.getActor(memberId), { roundId: pulseRound!.round.id, itemKey: question.itemKey, targetOrganizationId: question.targetOrganizationId, score }, new Date());
    await answerAs(onSlack.id, 2);
    await answerAs((await findOnTeams())!.id, 5);
    const respondents = async () => new Set((await prisma.pulseAnswer.findMany({ where: { roundId: pulseRound!.round.id } })).map((a) => a.respondentKey)).size;
    const before = await respondents();

    // The member API answers now and the Teams handler hands its answer to the core, as on his
    // next message once the handler's per-user lookup cache (hours) has expired: his Teams
    // membership is verified and becomes one person with the Slack one. His ballots merge (same
    // day: the oldest membership's choice, May, stays) and every copy shows one vote.
    const stale = (await findOnTeams())!;
    await services.members.resolveMember({
      platform: "teams",
      workspaceExternalId: DEFAULT_TENANT,
      userExternalId: stale.externalId,
      displayName: "Rob Teams",
      email: "Rob@Engineering.example",
      emailVerified: true,
    });
    expect(await findOnTeams()).toMatchObject({ emailVerified: true });
    const ballots = await prisma.pollBallot.findMany({ where: { pollId: poll.id } });
    expect(ballots.map((b) => [b.memberId, b.optionIds])).toEqual([[onSlack.id, [may!.id]]]);
    // The open pulse round now has one invitation and one respondent for him.
    expect(await robInvites()).toEqual([onSlack.id]);
    expect(await respondents()).toBe(before - 1);
    await eventually(
      async () => lastSlackUpdate(generalTs).includes("1 vote") && lastSlackUpdate(allianceTs).includes("1 vote") && lastTeamsUpdate(teamsActivity).includes("1 vote"),
      "every copy counts him once",
      20_000,
    );
    // From now on a vote from either space changes that one ballot.
    invokeCard(await h.post(executeActivity(personal(robOnTeams), "poll.vote", { pollId: poll.id, choice: june!.id, seen: "" })));
    expect((await prisma.pollBallot.findMany({ where: { pollId: poll.id } })).map((b) => [b.memberId, b.optionIds])).toEqual([[onSlack.id, [june!.id]]]);
  }, 90_000);
  it("makes an alliance poll from the one-line command too: Teams' poll … alliance-wide reaches the Slack alliance channel once", async () => {
    const prisma = h.bot.database.prisma;
    const before = slack.posted.filter((p) => p.channel === SLACK_ALLIANCE).length;
    const mark = h.connector.mark();
    await teamsSay(inAllianceChannel(), `poll "Bike or train to the site visit?" "Bike" "Train" alliance-wide`);
    const poll = (await prisma.poll.findFirst({ where: { question: "Bike or train to the site visit?" } }))!;
    expect(poll).toMatchObject({ forAlliance: true, conversationId: TEAMS_ALLIANCE });
    // Created in the Teams alliance channel: the only copy is Slack's.
    const slackSpace = await workspaceOf("slack", SLACK_TEAM);
    expect((await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `poll-copy:${poll.id}:` } } })).map((m) => m.dedupeKey)).toEqual([`poll-copy:${poll.id}:${slackSpace.id}`]);
    await h.connector.waitFor((r) => h.connector.since(mark).includes(r) && JSON.stringify(r.body).includes("It is also being posted in the alliance channel of the other linked space."));
    await deliverOutbox(2);
    expect(slack.posted.filter((p) => p.channel === SLACK_ALLIANCE).length - before).toBe(1);
    expect(await prisma.pollCopy.count({ where: { pollId: poll.id } })).toBe(1);
  }, 60_000);
});
