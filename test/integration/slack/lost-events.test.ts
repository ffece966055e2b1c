// An Events API delivery that could not be handled — the database is down — is answered 500, so
// Slack retries it, and the retry is handled once the database is back. Before, Bolt acked every
// event with 200 before any listener ran, and an event that failed was lost for good.
//
// The database is real (embedded PGlite) behind a TCP proxy the test cuts and restores, so the
// failure is the one production sees: the redelivery guard's INSERT cannot reach the server.
import { pino } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "#core/shared/clock.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "#storage/embedded-postgres.js";
import { applyMigrations } from "#storage/migrate.js";
import { createPrismaClient, type PrismaClient } from "#storage/prisma-client.js";
import { PrismaProcessedEventRepository } from "#storage/prisma/prisma-processed-event-repository.js";
import { commandFields, eventEnvelope, sendCommand, sendEvent } from "../../fakes/slack-requests.js";
import { startCuttableProxy, type CuttableProxy } from "../../support/cuttable-proxy.js";
import { slackConfig, startSlackHarness, type SlackHarness } from "./support/slack-harness.js";

let served: EmbeddedPostgres;
let proxy: CuttableProxy;
let prisma: PrismaClient;
let h: SlackHarness;
/** Event ids whose listener should fail once (a failure after the redelivery guard stored the id). */
const failOnce = new Set<string>();

beforeAll(async () => {
  served = await startEmbeddedPostgres("memory://");
  await applyMigrations(served.url);
  const { hostname, port } = new URL(served.url);
  proxy = await startCuttableProxy({ host: hostname, port: Number(port) });
  prisma = createPrismaClient(proxy.via(served.url), 1);
  h = await startSlackHarness((fake) => ({
    slack: slackConfig(fake),
    clock: systemClock,
    processedEvents: new PrismaProcessedEventRepository(prisma),
    installations: null,
    logger: pino({ level: "silent" }),
  }));
  // What the event stands for: one row written per handled delivery.
  h.platform.bolt.event("member_joined_channel", async ({ body }) => {
    const eventId = (body as { event_id: string }).event_id;
    if (failOnce.delete(eventId)) throw new Error("simulated failure after the guard stored the event id");
    await prisma.alliance.create({ data: { name: `joined ${eventId}` } });
  });
  h.platform.bolt.command("/probe", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "ok" });
  });
});

afterAll(async () => {
  await h?.close();
  await prisma?.$disconnect();
  await proxy?.close();
  await served?.close();
});

beforeEach(async () => {
  await proxy.restore().catch(() => {}); // listening already unless a test left it cut
});

const joined = (eventId: string) => eventEnvelope(eventId, { type: "member_joined_channel", user: "U1", channel: "C1", event_ts: "1.1" });
const handledRows = (eventId: string) => prisma.alliance.count({ where: { name: `joined ${eventId}` } });

describe("Slack events when the database fails", () => {
  it("answers 500 while the database is down, and handles Slack's retry once it is back", async () => {
    await proxy.cut();
    const first = await sendEvent(h.eventsUrl, joined("EvDbDown1"));
    expect(first.status).toBe(500);

    await proxy.restore();
    const retry = await sendEvent(h.eventsUrl, joined("EvDbDown1"), { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" } });
    expect(retry.status).toBe(200);
    expect(await handledRows("EvDbDown1")).toBe(1);

    // A later redelivery of the handled event is still a no-op.
    const again = await sendEvent(h.eventsUrl, joined("EvDbDown1"), { headers: { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" } });
    expect(again.status).toBe(200);
    expect(await handledRows("EvDbDown1")).toBe(1);
  });

  it("answers 500 when the listener fails after the event id was stored, and the retry is not dropped as a duplicate", async () => {
    failOnce.add("EvFailOnce");
    const first = await sendEvent(h.eventsUrl, joined("EvFailOnce"));
    expect(first.status).toBe(500);
    const retry = await sendEvent(h.eventsUrl, joined("EvFailOnce"), { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" } });
    expect(retry.status).toBe(200);
    expect(await handledRows("EvFailOnce")).toBe(1);
  });

  it("still answers 200 to a handled event, and commands are acked at once as before", async () => {
    const ok = await sendEvent(h.eventsUrl, joined("EvFine"));
    expect(ok.status).toBe(200);
    expect(await handledRows("EvFine")).toBe(1);
    const command = await sendCommand(h.eventsUrl, commandFields("/probe", "x", h.fake.responseUrl("lost-events")));
    expect(command.status).toBe(200);
    // The command's replay claim is written after its ack; let it land before the suite closes
    // the database (a claim still in flight on the one pooled connection holds up the disconnect).
    await expect.poll(() => prisma.processedEvent.count({ where: { key: { startsWith: "slack:trigger:" } } }), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
