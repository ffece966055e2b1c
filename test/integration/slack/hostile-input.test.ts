/**
 * What an attacker or a careless member sends, over signed HTTP into the real Bolt app:
 * - mentions in user text (`<!channel>`) reach Slack escaped in the top-level `text` too, not only
 *   in the blocks, so the bot can never be made to notify a whole channel;
 * - a signed request replayed within the signature window has one effect (one poll, one post; one
 *   commitment, one confirmation);
 * - over-long input is answered after the ack, naming the limit in the member's language, and a
 *   pre-filled form field never exceeds its own max_length.
 */
import { describe, expect, it } from "vitest";
import { commandFields, sendCommand, sendInteraction, blockAction } from "../../fakes/slack-requests.js";
import { settle } from "./support/slack-harness.js";
import { freshTeam } from "./support/slack-bot.js";
import { useSlackBot } from "./support/use-slack-bot.js";
import { sendCommit, setUpAlliance } from "./support/alliance-setup.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bot = useSlackBot();

const PING = "<!channel> <!here> <!everyone> <@U0BOB> <!subteam^S0TEAM>";
/** Every raw mention of PING; none may reach Slack anywhere in a message. */
const RAW_MENTION = /<[!@#]/;

const responsesTo = (id: string) => bot.fake.responses.filter((r) => r.id === id);

describe("mentions in user text", () => {
  it("/poll: the channel post's top-level text and blocks carry the question escaped", async () => {
    const teamId = freshTeam();
    await sendCommand(bot.eventsUrl, commandFields("/poll", `"${PING} lunch?" "Yes" "No"`, bot.fake.responseUrl("m-poll"), { teamId }));
    const [post] = await bot.fake.waitFor("chat.postMessage");
    const args = (post as Any).args;
    expect(args.text).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0BOB&gt; &lt;!subteam^S0TEAM&gt; lunch?");
    expect(args.text).not.toMatch(RAW_MENTION);
    expect(JSON.stringify(args.blocks)).not.toMatch(RAW_MENTION);
    expect(JSON.stringify(args.blocks)).not.toContain("&amp;lt;"); // escaped once, not twice
  });

  it("/commit: the in-channel answer's top-level text and blocks carry the agreement escaped", async () => {
    const teamId = await setUpAlliance(bot);
    const reply = await bot.fake.waitForResponse(await sendCommit(bot, `tell ${PING} about the plan for Beta by friday`, teamId));
    expect(reply.body.response_type).toBe("in_channel");
    expect(reply.body.text).toContain("&lt;!channel&gt;");
    expect(reply.body.text).not.toMatch(RAW_MENTION);
    expect(JSON.stringify(reply.body.blocks)).not.toMatch(RAW_MENTION);
    expect(JSON.stringify(reply.body.blocks)).not.toContain("&amp;lt;");
  });
});

describe("replayed signed requests", () => {
  it("/poll sent twice with the same signature creates one poll and one post", async () => {
    const teamId = freshTeam();
    const fields = commandFields("/poll", `"Replay?" "Yes" "No"`, bot.fake.responseUrl("r-poll"), { teamId });
    const timestampSec = Math.floor(Date.now() / 1000);
    const [first, second] = [await sendCommand(bot.eventsUrl, fields, { timestampSec }), await sendCommand(bot.eventsUrl, fields, { timestampSec })];
    expect([first.status, second.status]).toEqual([200, 200]);
    await bot.fake.waitFor("chat.postMessage");
    await settle(1000);
    const posts = bot.fake.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    // Each poll posts its own message with its own vote buttons: one post means one poll.
    const pollIds = new Set(posts.flatMap((p: Any) => (p.args.blocks as Any[]).flatMap((b) => (b.accessory?.action_id === "poll.vote" ? [String(b.accessory.value).split(":")[0]] : []))));
    expect(pollIds.size).toBe(1);
  });

  it("/commit sent twice with the same signature logs one agreement and confirms it once", async () => {
    const teamId = await setUpAlliance(bot);
    const fields = commandFields("/commit", "send the draft contract for Beta by friday", bot.fake.responseUrl("r-commit"), { teamId });
    const timestampSec = Math.floor(Date.now() / 1000);
    await sendCommand(bot.eventsUrl, fields, { timestampSec });
    await sendCommand(bot.eventsUrl, fields, { timestampSec });
    await bot.fake.waitForResponse("r-commit");
    await settle(1000);
    expect(responsesTo("r-commit")).toHaveLength(1);
    expect(JSON.stringify(responsesTo("r-commit")[0]?.body.blocks)).toContain("Agreement #1 logged.");
    const list = await bot.fake.waitForResponse(await sendCommit(bot, "list mine", teamId));
    expect(JSON.stringify(list.body.blocks)).toContain("#1 send the draft contract");
    expect(JSON.stringify(list.body.blocks)).not.toContain("#2");
  });

  it("a replayed button click has one effect", async () => {
    const teamId = await setUpAlliance(bot);
    const created = await bot.fake.waitForResponse(await sendCommit(bot, "book the venue for Beta by friday", teamId));
    const kept = (created.body.blocks as Any[]).flatMap((b) => (b.type === "actions" ? b.elements : [])).find((e: Any) => e.action_id === "commitment.kept");
    const click = blockAction({ actionId: "commitment.kept", value: kept.value }, { ts: "1.7" }, bot.fake.responseUrl("r-click"), { teamId });
    const timestampSec = Math.floor(Date.now() / 1000);
    await sendInteraction(bot.eventsUrl, click, { timestampSec });
    await sendInteraction(bot.eventsUrl, click, { timestampSec });
    await bot.fake.waitForResponse("r-click");
    await settle(1000);
    expect(responsesTo("r-click")).toHaveLength(1);
    // The confirmation request to Beta went out once.
    expect(bot.fake.callsTo("chat.postMessage").filter((c: Any) => JSON.stringify(c.args.blocks ?? []).includes("commitment.confirm"))).toHaveLength(1);
  });
});

describe("long and odd input", () => {
  it("answers a 5,000-character command at once, naming the limit", async () => {
    const teamId = await setUpAlliance(bot);
    const res = await sendCommand(bot.eventsUrl, commandFields("/commit", "x".repeat(5000), bot.fake.responseUrl("long-1"), { teamId }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(2500);
    const reply = await bot.fake.waitForResponse("long-1");
    expect(reply.body).toMatchObject({ response_type: "ephemeral", text: "That is 5000 characters long; at most 2000 fit here. Please shorten it and try again." });
    expect(bot.fake.callsTo("views.open")).toHaveLength(0);
  });

  it("answers in Dutch for a Dutch member", async () => {
    const teamId = await setUpAlliance(bot, { locale: "nl-NL" });
    await sendCommand(bot.eventsUrl, commandFields("/poll", "x".repeat(5000), bot.fake.responseUrl("long-nl"), { teamId }));
    expect((await bot.fake.waitForResponse("long-nl")).body.text).toBe("Dat is 5000 tekens lang; hier passen er hoogstens 2000. Maak het korter en probeer het opnieuw.");
  });

  it("refuses a 300-character agreement in chat instead of opening a form Slack would reject", async () => {
    const teamId = await setUpAlliance(bot);
    const reply = await bot.fake.waitForResponse(await sendCommit(bot, `${"y".repeat(300)} for Beta`, teamId));
    expect(reply.body.text).toBe("That agreement is 300 characters long; describe it in at most 280 and try again.");
    expect(reply.body.text).not.toContain("Something went wrong");
    await settle();
    expect(bot.fake.callsTo("views.open")).toHaveLength(0);
  });

  it("keeps a pre-filled value within its field's limit (a 121-character date phrase in a 100-character field)", async () => {
    const teamId = await setUpAlliance(bot);
    const id = await sendCommit(bot, `share the roadmap for Beta by ${"q".repeat(60)} ${"r".repeat(60)}`, teamId);
    const [open] = await bot.fake.waitFor("views.open");
    const due = ((open as Any).args.view.blocks as Any[]).find((b) => b.block_id === "c.due").element;
    expect(Array.from(due.initial_value as string).length).toBeLessThanOrEqual(due.max_length);
    // Slack (and the fake) refuse a longer value; the member then saw "Something went wrong".
    await settle(500);
    expect(responsesTo(id).map((r) => r.body.text)).not.toContainEqual(expect.stringContaining("Something went wrong"));
  });
});
