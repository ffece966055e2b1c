/**
 * Pulse questions as DMs with 1–5 buttons, the message turning into "answered", the comment modal,
 * and App Home showing open commitments and waiting questions.
 */
import { describe, expect, it } from "vitest";
import { blockAction, commandFields, eventEnvelope, sendCommand, sendEvent, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { freshTeam } from "./support/slack-bot.js";
import { useSlackBot } from "./support/use-slack-bot.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bot = useSlackBot();

/** A set-up alliance with Alice (Alpha) and Bob (Beta), and an open pulse round. */
async function allianceWithRound(): Promise<string> {
  const teamId = freshTeam();
  bot.fake.addUser({ id: "U0ALICE", teamId, name: "Alice", email: "alice@alpha.example" });
  bot.fake.addUser({ id: "U0BOB", teamId, name: "Bob", email: "bob@beta.example" });
  await sendCommand(bot.eventsUrl, commandFields("/trust", "setup", bot.fake.responseUrl(`s-${teamId}`), { teamId, userId: "U0ALICE" }));
  const [open] = await bot.fake.waitFor("views.open");
  const values = {
    name: { value: textValue("Bridge") },
    "organizations.0.name": { value: textValue("Alpha") },
    "organizations.0.emailDomains": { value: textValue("alpha.example") },
    "organizations.1.name": { value: textValue("Beta") },
    "organizations.1.emailDomains": { value: textValue("beta.example") },
    timezone: { value: textValue("Europe/Amsterdam") },
  };
  await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { teamId, userId: "U0ALICE" }));
  await sendCommand(bot.eventsUrl, commandFields("/trust", "help", bot.fake.responseUrl(`b-${teamId}`), { teamId, userId: "U0BOB" }));
  await bot.fake.waitForResponse(`b-${teamId}`);
  const alliance = await bot.services.alliances.findAllianceForWorkspace("slack", teamId);
  if (!alliance) throw new Error("no alliance");
  await bot.services.pulse.openRound(alliance, new Date());
  bot.fake.reset();
  return teamId;
}

const buttons = (blocks: Any[]) => blocks.flatMap((b: Any) => (b.type === "actions" ? b.elements : []));

describe("pulse in Slack", () => {
  it("says when the next round opens when nothing is open (issue 11)", async () => {
    const teamId = await allianceWithRound();
    // Bob answered nothing, but a member who joins after the round opened was not invited.
    bot.fake.addUser({ id: "U0CAROL", teamId, name: "Carol", email: "carol@beta.example" });
    await sendCommand(bot.eventsUrl, commandFields("/pulse", "", bot.fake.responseUrl("p0"), { teamId, userId: "U0CAROL" }));
    expect((await bot.fake.waitForResponse("p0")).body.text).toMatch(
      /^You have no open pulse questions right now\. The next round opens on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} \w+ at 10:00; I'll send you its questions in a direct message then\.$/,
    );
  });

  it("sends the open questions as DMs and turns an answered question into what was saved", async () => {
    const teamId = await allianceWithRound();
    await sendCommand(bot.eventsUrl, commandFields("/pulse", "", bot.fake.responseUrl("p1"), { teamId, userId: "U0ALICE" }));
    expect((await bot.fake.waitForResponse("p1")).body.text).toBe("I've sent you this period's pulse questions in a direct message.");
    const posts = bot.fake.callsTo("chat.postMessage");
    expect(posts.length).toBeGreaterThanOrEqual(3);
    const first = posts[0]?.args as Any;
    const scoreButtons = buttons(first.blocks).filter((b: Any) => b.action_id === "pulse.score");
    expect(scoreButtons).toHaveLength(6); // 1–5 and "can't say"
    const four = scoreButtons.find((b: Any) => b.text.text.startsWith("4"));
    bot.fake.reset();
    const res = await sendInteraction(bot.eventsUrl, blockAction({ actionId: "pulse.score", value: four.value }, { ts: "1700000000.000100", channelId: "DU0ALICE" }, bot.fake.responseUrl("a1"), { teamId, userId: "U0ALICE" }));
    expect(res.status).toBe(200);
    const [update] = await bot.fake.waitFor("chat.update");
    expect(update?.args).toMatchObject({ channel: "DU0ALICE", ts: "1700000000.000100" });
    expect(JSON.stringify(update?.args.blocks)).toMatch(/✅/);
    expect(buttons(update?.args.blocks)).toEqual([]);
  });

  it("takes a comment through a modal and keeps it with the answer", async () => {
    const teamId = await allianceWithRound();
    await sendCommand(bot.eventsUrl, commandFields("/pulse", "", bot.fake.responseUrl("p2"), { teamId, userId: "U0BOB" }));
    await bot.fake.waitForResponse("p2");
    const first = bot.fake.callsTo("chat.postMessage")[0]?.args as Any;
    const comment = buttons(first.blocks).find((b: Any) => b.action_id === "pulse.comment");
    bot.fake.reset();
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "pulse.comment", value: comment.value }, { ts: "1700000000.000200", channelId: "DU0BOB" }, bot.fake.responseUrl("c1"), { teamId, userId: "U0BOB" }));
    const [open] = await bot.fake.waitFor("views.open");
    expect(open?.args.view.callback_id).toBe("pulse.comment");
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("pulse.comment", { "p.comment": { value: textValue("Hard to judge this week") } }, open?.args.view.private_metadata, { teamId, userId: "U0BOB" }));
    expect(res.text).toBe("");
    const [update] = await bot.fake.waitFor("chat.update");
    expect(update?.args.ts).toBe("1700000000.000200");
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    const bob = await bot.services.stores.members.findByExternalId(workspace?.id ?? "", "U0BOB");
    const pending = await bot.services.pulse.pendingFor(await bot.services.members.getActor(bob?.id ?? ""), new Date());
    const answered = pending.flatMap((p) => p.questions).filter((q) => q.answer !== null);
    expect(answered.map((q) => q.answer?.comment)).toEqual(["Hard to judge this week"]);
  });
});

describe("App Home", () => {
  it("shows my open commitments with their buttons and the pulse questions waiting", async () => {
    const teamId = await allianceWithRound();
    await sendCommand(bot.eventsUrl, commandFields("/commit", "send the plan for Beta by friday", bot.fake.responseUrl("h1"), { teamId, userId: "U0ALICE" }));
    await bot.fake.waitForResponse("h1");
    await sendEvent(bot.eventsUrl, eventEnvelope(`EvHome${teamId}`, { type: "app_home_opened", user: "U0ALICE", channel: "DU0ALICE", tab: "home" }, teamId));
    const [publish] = await bot.fake.waitFor("views.publish");
    expect(publish?.args.user_id).toBe("U0ALICE");
    const text = JSON.stringify(publish?.args.view.blocks);
    expect(text).toContain("My open commitments");
    expect(text).toContain("#1 send the plan");
    expect(buttons(publish?.args.view.blocks).map((b: Any) => b.action_id)).toEqual(expect.arrayContaining(["commitment.kept", "home.pulse"]));
  });
});
