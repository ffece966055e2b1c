// The scheduled jobs over the real core services on PGlite, with a fake clock, the real outbox
// and dispatcher, and a MessageSender that records what would be posted where.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCharts } from "#charts/summary-charts.js";
import { buildCoreServices, type CoreServices } from "#src/compose-services.js";
import type { Alliance } from "#core/alliance/alliance.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import type { LeasedMessage } from "#scheduling/outbox/outbox-message.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import type { Database } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { storageTargets } from "../../support/databases.js";

const PNG = "iVBORw0KGgo"; // base64 of the PNG signature's first bytes

/** Records every delivered message, as the Slack sender would get it. */
class RecordingSender implements MessageSender {
  readonly sent: LeasedMessage[] = [];
  async send(message: LeasedMessage) {
    this.sent.push(message);
    return { kind: "sent" as const, ref: `ts-${this.sent.length}` };
  }
  kinds(): string[] {
    return this.sent.map((m) => `${m.operation}:${(m.payload as { view: { kind: string } }).view.kind}`);
  }
}

interface World {
  alliance: Alliance;
  workspaceId: string;
  actors: Actor[];
}

const target = storageTargets[0]!; // PGlite: the handlers' logic does not depend on the server
let db: Database;
let services: CoreServices;
let clock: FixedClock;
let handlers: JobHandlers;
let sender: RecordingSender;
let dispatcher: OutboxDispatcher;
let chartRenders = 0;

/** Monday 2026-11-23 09:00 in Amsterdam (08:00 UTC). */
const MONDAY = new Date("2026-11-23T08:00:00Z");
const at = (days: number, hours = 0) => new Date(MONDAY.getTime() + days * 86_400_000 + hours * 3_600_000);

beforeAll(async () => {
  db = await target.open();
  clock = new FixedClock(at(-7));
  services = buildCoreServices({ prisma: db.prisma, clock, secret: "test-secret-0123456789abcdef" });
  const store = new PrismaOutboxStore(db.prisma);
  const polls = services.stores.polls;
  sender = new RecordingSender();
  dispatcher = new OutboxDispatcher({
    store,
    sender: createPlatformMessageSender({ senders: { slack: sender }, recordPollMessage: (id, message) => services.polls.recordMessage(id, message), findMessage: (key) => store.findByDedupeKey(key), now: () => clock.now() }),
    clock,
    sleep: async () => {},
  });
  handlers = createCoreJobHandlers({
    services,
    recurringPolls: () => polls.listRecurring(),
    closedPolls: (since) => polls.listClosedSince(since),
    outbox: crashingOutbox(new Outbox(store, clock)),
    renderCharts: async (summary, locale) => {
      chartRenders++;
      return renderSummaryCharts(summary, locale);
    },
  });
}, 60_000);

/** Dedupe-key prefix whose next enqueue fails, as if the process died between a state change and its post. */
let crashBeforeQueueing: string | null = null;
function crashingOutbox(outbox: Outbox): Pick<Outbox, "enqueue" | "find"> {
  return {
    enqueue(message) {
      if (crashBeforeQueueing && message.dedupeKey.startsWith(crashBeforeQueueing)) {
        crashBeforeQueueing = null;
        return Promise.reject(new Error("process died before queueing"));
      }
      return outbox.enqueue(message);
    },
    find: (key) => outbox.find(key),
  };
}

afterAll(async () => {
  await db?.close();
});

/** A fresh alliance with two organisations, a steering channel and three members (two with a DM). */
async function newWorld(): Promise<World> {
  clock.set(at(-7));
  const team = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const resolve = (n: number, domain: string) =>
    services.members.resolveMember({ platform: "slack", workspaceExternalId: team, userExternalId: `U${n}`, displayName: `Member ${n}`, email: `m${n}@${domain}` });
  const admin = await resolve(1, "acme.example");
  const setup = await services.alliances.applySetup(
    admin,
    {
      name: "Test alliance",
      organizations: [
        { name: "Acme", emailDomains: ["acme.example"] },
        { name: "Bolt", emailDomains: ["bolt.example"] },
      ],
      steeringChannel: { conversationId: "C0STEER" },
    },
    { workspaceId: admin.workspaceId },
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  const second = await resolve(2, "bolt.example");
  const third = await resolve(3, "bolt.example");
  for (const m of [admin, second]) {
    await services.stores.conversations.saveConversation({ workspaceId: m.workspaceId, conversationId: `D-${m.memberId}`, kind: "personal", serviceUrl: null, tenantId: null, memberId: m.memberId });
  }
  const actors = await Promise.all([admin, second, third].map((m) => services.members.getActor(m.memberId)));
  return { alliance: setup.alliance, workspaceId: admin.workspaceId, actors };
}

/** Delivers what is due and returns the messages delivered by this call. */
async function deliver(): Promise<LeasedMessage[]> {
  const before = sender.sent.length;
  await dispatcher.runOnce();
  return sender.sent.slice(before);
}

describe("scheduled jobs over the core services", () => {
  it("posts the summary of the week that ended to the steering channel once, its chart PNGs as an upload in its thread", async () => {
    const { alliance, actors } = await newWorld();
    const [acme, bolt] = actors as [Actor, Actor];
    const { commitment } = await services.commitments.create(acme, { text: "Share the pilot results", beneficiary: { kind: "organization", organizationId: bolt.organizationId! }, dueAt: at(-3), definitionOfDone: "Report sent" });
    clock.set(at(-2));
    await services.commitments.reportOutcome(acme, commitment.id, "broken");

    clock.set(MONDAY);
    const rendersBefore = chartRenders;
    await handlers.runSummary(alliance.id, "2026-W48", MONDAY);
    await handlers.runSummary(alliance.id, "2026-W48", at(0, 1)); // a retry: nothing new
    const posted = await deliver();
    clock.set(at(0, 1)); // the upload is due just after the post
    posted.push(...(await deliver()));

    expect(posted).toHaveLength(2);
    const [post, upload] = posted as [LeasedMessage, LeasedMessage];
    expect(post).toMatchObject({ operation: "post", platform: "slack", conversationId: "C0STEER", dedupeKey: `summary:${alliance.id}:2026-W48` });
    const payload = post.payload as { view: { kind: string; summary: { period: { key: string }; events: Array<{ event: { kind: string } }> }; charts: Array<{ name: string }> } };
    expect(payload.view.kind).toBe("trust_health_summary");
    expect(payload.view.summary.period.key).toBe("2026-W47");
    expect(payload.view.summary.events.map((e) => e.event.kind)).toContain("commitment_broken");
    expect(payload.view.charts.map((c) => c.name)).toEqual(["pillar-trends", "kept-rate"]);
    expect(post.payload).not.toHaveProperty("charts"); // the PNGs travel once, in the upload
    expect(upload).toMatchObject({ operation: "upload", conversationId: "C0STEER", dedupeKey: `summary-charts:${alliance.id}:2026-W48` });
    // Threaded under the post: the router put the post's ref in.
    const files = upload.payload as { replyTo: string; threadTs: string; files: Array<{ filename: string; contentBase64: string }> };
    expect(files).toMatchObject({ replyTo: post.dedupeKey, threadTs: `ts-${sender.sent.indexOf(post) + 1}` });
    expect(files.files.map((c) => c.filename)).toEqual(["trust-health-2026-W47-pillar-trends.png", "trust-health-2026-W47-kept-rate.png"]);
    for (const chart of files.files) expect(chart.contentBase64.startsWith(PNG)).toBe(true);
    expect(chartRenders - rendersBefore).toBe(1);
    expect((await services.summary.latest(alliance.id))?.periodKey).toBe("2026-W47");
  }, 30_000);

  it("sends the pulse questions to members with a 1:1 conversation, skips the others, and reminds two days later", async () => {
    const { alliance, actors } = await newWorld();
    const wednesday = at(2, 1); // 10:00 local
    clock.set(wednesday);
    await handlers.runPulseRound(alliance.id, "2026-W48", wednesday);
    await handlers.runPulseRound(alliance.id, "2026-W48", at(2, 2)); // repeated run: no second copy
    const questions = await deliver();

    const withDm = actors.slice(0, 2).map((a) => a.memberId);
    const [round] = await services.pulse.pendingFor(actors[0]!, wednesday);
    const [second] = await services.pulse.pendingFor(actors[1]!, wednesday);
    // Slack gets every question at once, one message each.
    expect(questions.every((m) => (m.payload as { view: { kind: string } }).view.kind === "pulse.question")).toBe(true);
    expect(questions).toHaveLength(round!.questions.length + second!.questions.length);
    const invites = await services.pulse.invitees(round!.round.id);
    expect(invites.filter((i) => i.sentAt !== null).map((i) => i.memberId).sort()).toEqual([...withDm].sort());

    // The first member answers everything; only the second is reminded on Friday.
    for (const q of round!.questions) {
      await services.pulse.recordAnswer(actors[0]!, { roundId: round!.round.id, itemKey: q.itemKey, targetOrganizationId: q.targetOrganizationId, score: 4 }, at(2, 3));
    }
    await handlers.runPulseReminders(alliance.id, "2026-W48", at(4, 1));
    const reminders = await deliver();
    expect(reminders.map((m) => m.conversationId)).toEqual([`D-${actors[1]!.memberId}`]);
    expect((reminders[0]!.payload as { view: { kind: string } }).view.kind).toBe("text");
  }, 30_000);

  it("sends each alliance's pulse reminders from that alliance's own reminder job", async () => {
    const worlds = [await newWorld(), await newWorld()];
    const wednesday = at(2, 1);
    clock.set(wednesday);
    for (const { alliance } of worlds) await handlers.runPulseRound(alliance.id, "2026-W48", wednesday);
    while ((await deliver()).length > 0); // every question out (more than one batch)
    const dms = (world: (typeof worlds)[number]) => world.actors.slice(0, 2).map((a) => `D-${a.memberId}`).sort();

    await handlers.runPulseReminders(worlds[0]!.alliance.id, "2026-W48", at(4, 1));
    expect((await deliver()).map((m) => m.conversationId).sort()).toEqual(dms(worlds[0]!));
    await handlers.runPulseReminders(worlds[1]!.alliance.id, "2026-W48", at(4, 1));
    expect((await deliver()).map((m) => m.conversationId).sort()).toEqual(dms(worlds[1]!));
  }, 30_000);

  it("reminds the owner before the due day and asks 'kept?' on it, once each", async () => {
    const { alliance, actors } = await newWorld();
    const [acme, bolt] = actors as [Actor, Actor];
    clock.set(at(-3));
    await services.commitments.create(acme, { text: "Draft the joint roadmap", beneficiary: { kind: "organization", organizationId: bolt.organizationId! }, dueAt: at(2, 8), definitionOfDone: "Draft shared" });

    await handlers.runCommitmentReminders(alliance.id, "2026-11-23", MONDAY);
    await handlers.runCommitmentReminders(alliance.id, "2026-11-24", at(1));
    const before = await deliver();
    expect(before).toHaveLength(1);
    expect(before[0]!.conversationId).toBe(`D-${acme.memberId}`);
    expect((before[0]!.payload as { view: { kind: string; variant: string } }).view).toMatchObject({ kind: "commitment_check_in", variant: "before_due" });

    await handlers.runCommitmentCheckIns(alliance.id, "2026-11-25", at(2));
    await handlers.runCommitmentCheckIns(alliance.id, "2026-11-26", at(3));
    const checkIns = await deliver();
    expect(checkIns.map((m) => (m.payload as { view: { variant: string } }).view.variant)).toEqual(["due_today"]);
  }, 30_000);

  it("closes a poll at its deadline and updates its message with the result", async () => {
    const { alliance, actors, workspaceId } = await newWorld();
    clock.set(at(0));
    const poll = await services.polls.createPoll(actors[0]!, { question: "Lunch on Friday?", options: ["Yes", "No"], closesAt: at(0, 2) });
    await services.polls.recordMessage(poll.id, { workspaceId, conversationId: "C0POLLS", messageId: "1700000000.000100" });
    await services.polls.castVote(actors[1]!, poll.id, [poll.options[0]!.id]);

    await handlers.closeDuePolls(at(0, 1));
    expect(await deliver()).toHaveLength(0);
    clock.set(at(0, 2));
    await handlers.closeDuePolls(at(0, 2));
    const updates = await deliver();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ operation: "update", conversationId: "C0POLLS", payload: { ts: "1700000000.000100" } });
    expect((await services.polls.getPoll(actors[0]!, poll.id)).status).toBe("closed");
    void alliance;
  }, 30_000);

  it("posts the next run of a recurring poll in the minute its rule fires, and records where", async () => {
    const { actors, workspaceId } = await newWorld();
    clock.set(at(-1));
    const source = await services.polls.createPoll(actors[0]!, { question: "How was this week?", options: ["Good", "Bad"], recurrence: "0 9 * * MON", closesAt: at(0) });
    await services.polls.recordMessage(source.id, { workspaceId, conversationId: "C0WEEKLY", messageId: "1.1" });

    clock.set(MONDAY);
    await handlers.runPollRecurrences(MONDAY);
    await handlers.runPollRecurrences(at(0, 1 / 60)); // 09:01: the rule does not fire
    const posts = (await deliver()).filter((m) => m.conversationId === "C0WEEKLY");
    expect(posts).toHaveLength(1);
    expect((posts[0]!.payload as { view: { kind: string } }).view.kind).toBe("poll");
    const runs = (await services.stores.polls.listByAlliance(actors[0]!.allianceId)).filter((p) => p.id !== source.id && p.question === source.question);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.message).toMatchObject({ conversationId: "C0WEEKLY", messageId: posts[0] && `ts-${sender.sent.indexOf(posts[0]) + 1}` });
  }, 30_000);

  it("delivers a closed poll's result on the next tick when the process died between closing it and queueing the update", async () => {
    const { actors, workspaceId } = await newWorld();
    clock.set(at(0));
    const poll = await services.polls.createPoll(actors[0]!, { question: "Coffee or tea?", options: ["Coffee", "Tea"], closesAt: at(0, 2) });
    await services.polls.recordMessage(poll.id, { workspaceId, conversationId: "C0CRASH", messageId: "1700000000.000200" });
    await services.polls.castVote(actors[1]!, poll.id, [poll.options[1]!.id]);

    clock.set(at(0, 2));
    crashBeforeQueueing = `poll-closed:${poll.id}`;
    await handlers.closeDuePolls(at(0, 2));
    expect((await services.polls.getPoll(actors[0]!, poll.id)).status).toBe("closed");
    expect((await deliver()).filter((m) => m.conversationId === "C0CRASH")).toHaveLength(0);

    const updates: LeasedMessage[] = [];
    for (const minute of [1, 2, 3]) {
      clock.set(at(0, 2 + minute / 60));
      await handlers.closeDuePolls(clock.now());
      updates.push(...(await deliver()).filter((m) => m.conversationId === "C0CRASH"));
    }
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ operation: "update", payload: { ts: "1700000000.000200", view: { kind: "poll" } } });
    expect(JSON.stringify(updates[0]!.payload)).toContain("Tea");
  }, 30_000);

  it("posts a recurring poll's run on the next tick when the process died between creating it and queueing its post", async () => {
    const { actors, workspaceId } = await newWorld();
    clock.set(at(-1));
    const source = await services.polls.createPoll(actors[0]!, { question: "Ready for the steering meeting?", options: ["Yes", "No"], recurrence: "0 9 * * MON", closesAt: at(0) });
    await services.polls.recordMessage(source.id, { workspaceId, conversationId: "C0CRASHRUN", messageId: "2.2" });

    clock.set(MONDAY);
    crashBeforeQueueing = `poll-run:${source.id}:`;
    await handlers.runPollRecurrences(MONDAY); // the run's poll is created, its post never queued
    expect((await deliver()).filter((m) => m.conversationId === "C0CRASHRUN")).toHaveLength(0);

    const posts: LeasedMessage[] = [];
    for (const minute of [1, 2, 3]) {
      clock.set(at(0, minute / 60));
      await handlers.runPollRecurrences(clock.now());
      posts.push(...(await deliver()).filter((m) => m.conversationId === "C0CRASHRUN"));
    }
    expect(posts).toHaveLength(1);
    expect(posts[0]!.dedupeKey).toBe(`poll-run:${source.id}:2026-11-23T08:00`);
    // One run, the one the crashed attempt created, now knows where it was posted.
    const runs = (await services.stores.polls.listByAlliance(actors[0]!.allianceId)).filter((p) => p.id !== source.id && p.question === source.question);
    expect(runs).toHaveLength(1);
    expect((posts[0]!.payload as { recordPollMessage: string }).recordPollMessage).toBe(runs[0]!.id);
    expect(runs[0]!.message).toMatchObject({ conversationId: "C0CRASHRUN" });
    expect(runs[0]!.closesAt?.toISOString()).toBe(new Date(MONDAY.getTime() + (at(0).getTime() - at(-1).getTime())).toISOString());
  }, 30_000);
});
