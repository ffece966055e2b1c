// The scheduled summary end to end on Slack: the job over the real core services (PGlite), the
// real outbox and dispatcher, the platform router and the Slack outbox sender, against the fake
// Web API. The summary is posted once and its three chart PNGs follow as one files.uploadV2 in
// its thread; a lost upload outcome does not upload twice; a rate-limited post is waited for.
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderSummaryCharts } from "#charts/summary-charts.js";
import { buildCoreServices, type CoreServices } from "#src/compose-services.js";
import type { Alliance } from "#core/alliance/alliance.js";
import { FixedClock } from "#core/shared/clock.js";
import { cultureAssessment } from "#demo/demo-answers.js";
import { DemoRandom } from "#demo/demo-random.js";
import { botTokenResolver } from "#platforms/slack/transport/bot-tokens.js";
import { webClientOptions } from "#platforms/slack/transport/slack-app.js";
import { createSlackMessenger } from "#platforms/slack/transport/slack-messenger.js";
import { createSlackOutboxSender } from "#platforms/slack/transport/slack-outbox-sender.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import type { MessageSender } from "#scheduling/outbox/message-sender.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { summaryChartsDedupeKey, summaryDedupeKey } from "#scheduling/summary-job.js";
import type { Database } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { storageTargets } from "../../support/databases.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { slackConfig } from "../slack/support/slack-harness.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Monday 2026-11-23 09:00 in Amsterdam (08:00 UTC): the summary slot of week 48. */
const MONDAY = new Date("2026-11-23T08:00:00Z");

const fake = new FakeSlack();
let db: Database;
let services: CoreServices;
let store: PrismaOutboxStore;
let clock: FixedClock;
let handlers: JobHandlers;
let dispatcher: OutboxDispatcher;
/** Lets a test make the Slack sender "die" right after Slack accepted a send. */
let dieAfter: ((operation: string) => boolean) | null = null;

beforeAll(async () => {
  await fake.start();
  db = await storageTargets[0]!.open();
  clock = new FixedClock(MONDAY);
  services = buildCoreServices({ prisma: db.prisma, clock, secret: "test-secret-0123456789abcdef" });
  store = new PrismaOutboxStore(db.prisma);
  const slack = slackConfig(fake);
  const messenger = createSlackMessenger({ clientOptions: { ...webClientOptions(slack, pino({ level: "silent" })), retryConfig: { retries: 0 } }, botToken: botTokenResolver(slack, null) });
  const slackSender = createSlackOutboxSender({ messenger, workspaces: services.stores.workspaces });
  const crashing: MessageSender = {
    async send(message) {
      const outcome = await slackSender.send(message);
      if (outcome.kind === "sent" && dieAfter?.(message.operation)) throw new Error("process died before recording the send");
      return outcome;
    },
    findDelivered: (message) => slackSender.findDelivered!(message),
  };
  dispatcher = new OutboxDispatcher({
    store,
    sender: createPlatformMessageSender({ senders: { slack: crashing }, findMessage: (key) => store.findByDedupeKey(key), now: () => clock.now() }),
    clock,
    sleep: async () => {},
    random: () => 0,
  });
  handlers = createCoreJobHandlers({ services, recurringPolls: async () => [], closedPolls: async () => [], outbox: new Outbox(store, clock), renderCharts: (summary, locale) => renderSummaryCharts(summary, locale) });
}, 60_000);

afterAll(async () => {
  await fake.stop();
  await db?.close();
});

beforeEach(() => {
  fake.reset();
  dieAfter = null;
});

/** A fresh alliance (own Slack team, own steering channel) whose six members took the culture assessment. */
async function newAlliance(): Promise<{ alliance: Alliance; channel: string }> {
  clock.set(new Date(MONDAY.getTime() - 14 * 86_400_000));
  const team = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const channel = `C${randomUUID().slice(0, 8).toUpperCase()}`;
  const member = (n: number, domain: string) =>
    services.members.resolveMember({ platform: "slack", workspaceExternalId: team, userExternalId: `U${n}`, displayName: `Member ${n}`, email: `m${n}@${domain}` });
  const admin = await member(1, "acme.example");
  const setup = await services.alliances.applySetup(
    admin,
    {
      name: "Chart alliance",
      organizations: [
        { name: "Acme", emailDomains: ["acme.example"] },
        { name: "Bolt", emailDomains: ["bolt.example"] },
      ],
      steeringChannel: { conversationId: channel },
      anonymityThreshold: 3,
    },
    { workspaceId: admin.workspaceId },
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  const random = new DemoRandom(7);
  const members = [admin, await member(2, "acme.example"), await member(3, "acme.example"), ...(await Promise.all([4, 5, 6].map((n) => member(n, "bolt.example"))))];
  for (const [i, m] of members.entries()) {
    const actor = await services.members.getActor(m.memberId);
    await services.culture.submitAssessment(setup.alliance, actor, cultureAssessment(random, i < 3 ? "gemeente" : "brug"), clock.now());
  }
  clock.set(MONDAY);
  return { alliance: setup.alliance, channel };
}

/** Dispatcher passes until nothing is due, moving the clock on between them. */
async function deliverAll(stepMs = 1_000, passes = 6): Promise<void> {
  for (let i = 0; i < passes; i++) {
    await dispatcher.runOnce();
    clock.advance(stepMs);
  }
}

describe("the scheduled summary on Slack", () => {
  it("posts the summary once and uploads its three chart PNGs in one call, in the summary's thread", async () => {
    const { alliance, channel } = await newAlliance();
    await handlers.runSummary(alliance.id, "2026-W48", MONDAY);
    await handlers.runSummary(alliance.id, "2026-W48", new Date(MONDAY.getTime() + 60_000)); // a retried run adds nothing
    await deliverAll();

    const posts = fake.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args).toMatchObject({ channel, metadata: { event_payload: { dedupe_key: summaryDedupeKey(alliance.id, "2026-W48") } } });
    const summaryTs = fake.posted[0]!.ts;

    // files.uploadV2: one upload URL per file, the bytes posted there, one completion for all three.
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(3);
    const completions = fake.callsTo("files.completeUploadExternal");
    expect(completions).toHaveLength(1);
    expect(completions[0]!.args).toMatchObject({ channel_id: channel, thread_ts: summaryTs });
    expect(fake.sharedFiles.map((f) => f.name)).toEqual(["pillar-trends", "kept-rate", "culture-radar"].map((n) => `trust-health-2026-W47-${n}.png`));
    for (const file of fake.sharedFiles) {
      expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(file.bytes.length).toBe(file.declaredLength);
      expect(file.bytes.length).toBeGreaterThan(5_000);
      expect(file.altText?.length).toBeGreaterThan(10);
      expect(file.title).toBe(file.altText?.slice(0, 255));
    }
    const [post, upload] = await Promise.all([store.findByDedupeKey(summaryDedupeKey(alliance.id, "2026-W48")), store.findByDedupeKey(summaryChartsDedupeKey(alliance.id, "2026-W48"))]);
    expect([post?.status, upload?.status]).toEqual(["sent", "sent"]);
    expect(upload?.resultRef).toBe(fake.sharedFiles.map((f) => f.id).join(","));
  }, 60_000);

  it("does not upload the charts twice when the outcome of the upload was lost (files found by name)", async () => {
    const { alliance } = await newAlliance();
    dieAfter = (operation) => operation === "upload";
    await handlers.runSummary(alliance.id, "2026-W48", MONDAY);
    await deliverAll(10_000); // the first upload "dies" after Slack shared the files; the retry looks first

    expect(fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
    expect(fake.sharedFiles).toHaveLength(3);
    expect(fake.callsTo("files.list")).toHaveLength(1);
    const upload = await store.findByDedupeKey(summaryChartsDedupeKey(alliance.id, "2026-W48"));
    expect(upload).toMatchObject({ status: "sent", attempts: 2, resultRef: fake.sharedFiles.map((f) => f.id).join(",") });
  }, 60_000);

  it("holds the charts back while the summary post waits out a rate limit, then threads them under it", async () => {
    const { alliance, channel } = await newAlliance();
    fake.rateLimitOnce("chat.postMessage", 30);
    await handlers.runSummary(alliance.id, "2026-W48", MONDAY);
    clock.advance(1_000); // both due: the post (first) and its charts
    await dispatcher.runOnce();
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(0); // nothing uploaded without its summary
    const waiting = await store.findByDedupeKey(summaryChartsDedupeKey(alliance.id, "2026-W48"));
    expect(waiting?.lastError).toContain("waiting for summary:");

    await deliverAll(15_000);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(2); // the 429, then the post
    expect(fake.callsTo("files.completeUploadExternal")[0]?.args).toMatchObject({ channel_id: channel, thread_ts: fake.posted[0]!.ts });
  }, 60_000);
});
