// Issue 11, "the first pulse reaches almost nobody", on Slack: a pulse round opened by the
// scheduler reaches members who never wrote to the bot. The job over the real core services
// (PGlite), the real outbox and dispatcher, and the real Slack messenger and outbox sender
// against the fake Web API: conversations.open gives each member's DM, which is stored and
// reused; a member Slack will not let the bot message is named to the admin once per round.
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildCoreServices, type CoreServices } from "#src/compose-services.js";
import type { Alliance } from "#core/alliance/alliance.js";
import { FixedClock } from "#core/shared/clock.js";
import { botTokenResolver } from "#platforms/slack/transport/bot-tokens.js";
import { webClientOptions } from "#platforms/slack/transport/slack-app.js";
import { createSlackMessenger } from "#platforms/slack/transport/slack-messenger.js";
import { createSlackOutboxSender } from "#platforms/slack/transport/slack-outbox-sender.js";
import { createSlackPersonalOpener } from "#platforms/slack/transport/slack-personal-opener.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import type { JobHandlers } from "#scheduling/job-handlers.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import type { Database } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { storageTargets } from "../../support/databases.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { slackConfig } from "../slack/support/slack-harness.js";

/** Wednesday 2026-11-25 10:00 in Amsterdam: the default pulse slot. */
const WEDNESDAY = new Date("2026-11-25T09:00:00Z");

const fake = new FakeSlack();
let db: Database;
let services: CoreServices;
let clock: FixedClock;
let handlers: JobHandlers;
let dispatcher: OutboxDispatcher;

beforeAll(async () => {
  await fake.start();
  db = await storageTargets[0]!.open();
  clock = new FixedClock(WEDNESDAY);
  services = buildCoreServices({ prisma: db.prisma, clock, secret: "test-secret-0123456789abcdef" });
  const store = new PrismaOutboxStore(db.prisma);
  const slack = slackConfig(fake);
  const messenger = createSlackMessenger({ clientOptions: { ...webClientOptions(slack, pino({ level: "silent" })), retryConfig: { retries: 0 } }, botToken: botTokenResolver(slack, null) });
  dispatcher = new OutboxDispatcher({
    store,
    sender: createPlatformMessageSender({ senders: { slack: createSlackOutboxSender({ messenger, workspaces: services.stores.workspaces }) }, findMessage: (key) => store.findByDedupeKey(key), now: () => clock.now() }),
    clock,
    sleep: async () => {},
    random: () => 0,
  });
  handlers = createCoreJobHandlers({
    services,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    outbox: new Outbox(store, clock),
    renderCharts: async () => [],
    openers: { slack: createSlackPersonalOpener(messenger) },
  });
}, 60_000);

afterAll(async () => {
  await fake.stop();
  await db?.close();
});

beforeEach(() => fake.reset());

/** A fresh alliance of four members (own team, own user ids) of whom none ever wrote to the bot. */
async function newAlliance(adminLocale = "en-GB"): Promise<{ alliance: Alliance; users: string[]; memberIds: string[] }> {
  clock.set(new Date(WEDNESDAY.getTime() - 7 * 86_400_000));
  const team = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const users = [1, 2, 3, 4].map((n) => `U${n}${randomUUID().slice(0, 6).toUpperCase()}`);
  const resolve = (i: number, domain: string) =>
    services.members.resolveMember({ platform: "slack", workspaceExternalId: team, userExternalId: users[i]!, displayName: `Member ${i + 1}`, email: `m${i + 1}@${domain}`, ...(i === 0 ? { locale: adminLocale } : {}) });
  const admin = await resolve(0, "acme.example");
  const setup = await services.alliances.applySetup(
    admin,
    { name: "Reach alliance", organizations: [{ name: "Acme", emailDomains: ["acme.example"] }, { name: "Bolt", emailDomains: ["bolt.example"] }], steeringChannel: { conversationId: "C0STEER" } },
    { workspaceId: admin.workspaceId },
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  const others = [await resolve(1, "acme.example"), await resolve(2, "bolt.example"), await resolve(3, "bolt.example")];
  clock.set(WEDNESDAY);
  return { alliance: setup.alliance, users, memberIds: [admin, ...others].map((m) => m.memberId) };
}

async function deliverAll(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await dispatcher.runOnce();
    clock.advance(2_000);
  }
}

const postsTo = (channel: string) => fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

describe("a scheduled pulse round on Slack", () => {
  it("reaches every member who never wrote to the bot: opens each DM once, stores it and reuses it for the reminder", async () => {
    const { alliance, users, memberIds } = await newAlliance();
    for (const id of memberIds) expect(await services.stores.conversations.findPersonalConversation(id)).toBeNull();

    await handlers.runPulseRound(alliance.id, "2026-W48", WEDNESDAY);
    await deliverAll();

    expect(fake.callsTo("conversations.open").map((c) => c.args.users).sort()).toEqual([...users].sort());
    for (const [i, user] of users.entries()) {
      const posts = postsTo(`D${user}`);
      expect(posts.length, `questions to member ${i + 1}`).toBeGreaterThan(0);
      expect(JSON.stringify(posts[0]!.args.blocks)).toContain("pulse");
      expect(await services.stores.conversations.findPersonalConversation(memberIds[i]!)).toMatchObject({ conversationId: `D${user}`, kind: "personal" });
    }
    const [round] = await services.pulse.pendingFor(await services.members.getActor(memberIds[0]!), WEDNESDAY);
    expect((await services.pulse.invitees(round!.round.id)).every((i) => i.sentAt !== null)).toBe(true);

    // Friday: the reminder goes into the stored DM, without opening it again.
    const opened = fake.callsTo("conversations.open").length;
    const friday = new Date(WEDNESDAY.getTime() + 2 * 86_400_000 + 3_600_000);
    clock.set(friday);
    await handlers.runPulseReminders(alliance.id, "2026-W48", friday);
    await deliverAll();
    expect(fake.callsTo("conversations.open")).toHaveLength(opened);
    for (const user of users) expect(postsTo(`D${user}`).some((c) => String(c.args.text).includes("reminder"))).toBe(true);
  }, 60_000);

  it("tells the admin once per round who Slack would not let the bot message, and how to fix it (in the admin's language)", async () => {
    const { alliance, users, memberIds } = await newAlliance("nl-NL");
    fake.undmable.set(users[2]!, "cannot_dm_bot");
    fake.undmable.set(users[3]!, "user_not_found");

    await handlers.runPulseRound(alliance.id, "2026-W48", WEDNESDAY);
    await handlers.runPulseRound(alliance.id, "2026-W48", new Date(WEDNESDAY.getTime() + 60_000)); // a retried run
    await deliverAll();

    expect(postsTo(`D${users[1]}`).length).toBeGreaterThan(0); // the reachable member got the questions
    const notices = postsTo(`D${users[0]}`).filter((c) => String(c.args.text).includes("Niet bereikt"));
    expect(notices).toHaveLength(1);
    const text = String(notices[0]!.args.text);
    expect(text).toContain("de pulsevragen van deze ronde");
    expect(text).toContain("Member 3 en Member 4");
    expect(text).toContain("Slack laat me geen direct bericht sturen");
    expect(text).not.toContain("Member 2");
    const [round] = await services.pulse.pendingFor(await services.members.getActor(memberIds[0]!), WEDNESDAY);
    const unsent = (await services.pulse.invitees(round!.round.id)).filter((i) => i.sentAt === null).map((i) => i.memberId);
    expect(unsent.sort()).toEqual([memberIds[2]!, memberIds[3]!].sort()); // still due: a later run tries again
  }, 60_000);
});
