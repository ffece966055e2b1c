/**
 * Polls in Slack end to end: signed slash commands, button clicks and modal submissions over
 * HTTP into the real Bolt app and poll service on PGlite, asserting what people would see in the
 * fake Web API's recorded calls and response_url posts.
 */
import { describe, expect, it } from "vitest";
import { blockAction, commandFields, sendCommand, sendInteraction, textValue, selectValue, viewSubmission } from "../../fakes/slack-requests.js";
import { eventually, settle } from "./support/slack-harness.js";
import { freshTeam } from "./support/slack-bot.js";
import { useSlackBot } from "./support/use-slack-bot.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bot = useSlackBot({ pollUpdateIntervalMs: 1000 });

const textOf = (blocks: Any[]): string => JSON.stringify(blocks);
const voteButtons = (blocks: Any[]) => blocks.filter((b) => b.accessory?.action_id === "poll.vote").map((b) => b.accessory);

/** Creates a poll with /poll in a fresh team and returns what was posted. */
async function createPoll(text: string, teamId = freshTeam()) {
  const res = await sendCommand(bot.eventsUrl, commandFields("/poll", text, bot.fake.responseUrl(`create-${teamId}`), { teamId, userId: "U0CREATOR" }));
  expect(res.status).toBe(200);
  const [post] = await bot.fake.waitFor("chat.postMessage");
  return { teamId, post: post as Any, ackMs: res.ms };
}

async function vote(teamId: string, ts: string, value: string, userId: string, responseId = `vote-${userId}`) {
  return sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.vote", value }, { ts }, bot.fake.responseUrl(responseId), { teamId, userId }));
}

describe("/poll with arguments", () => {
  it("acks at once and posts the poll with one vote button per option", async () => {
    const { post, ackMs } = await createPoll(`"What matters most?" "Trust" "Reliability" "Clear agreements"`);
    expect(ackMs).toBeLessThan(500);
    expect(post.args.channel).toBe("C0CHANNEL");
    expect(post.args.blocks[0].text.text).toBe("*What matters most?*");
    expect(voteButtons(post.args.blocks).map((b: Any) => b.text.text)).toEqual(["Trust", "Reliability", "Clear agreements"]);
  });

  it("answers a grammar mistake privately with the usage, and posts nothing", async () => {
    const teamId = freshTeam();
    await sendCommand(bot.eventsUrl, commandFields("/poll", `"Lunch? "Yes" "No"`, bot.fake.responseUrl("bad1"), { teamId }));
    const reply = await bot.fake.waitForResponse("bad1");
    expect(reply.body).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("quote is not closed") });
    await settle();
    expect(bot.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("passes the service's own rule errors on in plain words", async () => {
    const teamId = freshTeam();
    await sendCommand(bot.eventsUrl, commandFields("/poll", `"Only one?" "Yes"`, bot.fake.responseUrl("bad2"), { teamId }));
    expect((await bot.fake.waitForResponse("bad2")).body.text).toBe("A poll needs at least 2 options.");
  });

  // Issue 11: a recurring poll only showed a "Repeats" tag; nobody was told the rule or the next run.
  it("says the repeat rule and the next run in the confirmation and on the message", async () => {
    const { teamId, post } = await createPoll(`"Weekly check?" "Good" "Bad" every monday 09:00`);
    expect(textOf(post.args.blocks)).toMatch(/Repeats every Monday at 09:00\. Next poll: \d{1,2} \w{3} \d{4}, 09:00\./);
    const confirm = await bot.fake.waitForResponse(`create-${teamId}`);
    expect(confirm.body).toMatchObject({ response_type: "ephemeral" });
    expect(confirm.body.text).toMatch(
      /^Your poll is posted\. It repeats every Monday at 09:00 \(Europe\/Amsterdam time\): the next one is posted on \d{1,2} \w{3} \d{4}, 09:00, as a new poll in the same conversation\.$/,
    );
  });

  it("records the deadline and shows it on the message", async () => {
    const { post } = await createPoll(`"Friday drinks?" "Yes" "No" closes in 3 days`);
    expect(textOf(post.args.blocks)).toMatch(/Open · closes|closes/i);
  });
});

describe("voting", () => {
  it("counts a newcomer's vote and updates the message without waiting for users.info or the response_url", async () => {
    const { teamId, post } = await createPoll(`"Slow Slack?" "A" "B"`);
    const [button] = voteButtons(post.args.blocks);
    bot.fake.addUser({ id: "U0SANNE", teamId, name: "Sanne", locale: "nl-NL" });
    // Slack takes 4 s to answer the profile lookup and the private confirmation.
    bot.fake.slow.set("users.info", 4_000);
    bot.fake.slow.set("response_url", 4_000);
    const clicked = Date.now();
    await vote(teamId, "1700000000.000001", button.value, "U0SANNE");
    await eventually(() => bot.fake.callsTo("chat.update").some((c) => textOf(c.args.blocks).includes("1 vote")), "the message showing the vote", 3_000);
    expect(Date.now() - clicked).toBeLessThan(3_000);
    // The confirmation still comes, in the newcomer's own language (from users.info).
    const reply = await bot.fake.waitForResponse("vote-U0SANNE", 15_000);
    expect(reply.body.text).toContain("Dank je, je stem is binnen: A.");
    // And the profile reaches the member record in the background.
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    await eventually(async () => (await bot.services.stores.members.findByExternalId(workspace!.id, "U0SANNE"))?.displayName === "Sanne", "the refreshed name", 15_000);
  }, 30_000);

  it("confirms the vote privately and updates the message with the new tally", async () => {
    const { teamId, post } = await createPoll(`"Lunch?" "Yes" "No"`);
    const [yes] = voteButtons(post.args.blocks);
    const res = await vote(teamId, post.args.ts ?? "1700000000.000001", yes.value, "U0VOTER1");
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const reply = await bot.fake.waitForResponse("vote-U0VOTER1");
    expect(reply.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(reply.body.text).toContain("Thanks, your vote is in: Yes.");
    const [update] = await bot.fake.waitFor("chat.update");
    expect(textOf(update?.args.blocks)).toContain("1 vote");
    expect(textOf(update?.args.blocks)).toContain("1 · 100%");
  });

  it("keeps both votes when a voter who chose No double-clicks Yes on a multiple-choice poll (50 ms apart)", async () => {
    const { teamId, post } = await createPoll(`"Which days?" "Yes" "No" "Maybe" multiple`);
    const [yes, no] = voteButtons(post.args.blocks);
    const pollId = yes.value.split(":")[0];
    await vote(teamId, "1.5", no.value, "U0DOUBLE", "dbl-no");
    await bot.fake.waitForResponse("dbl-no");
    const first = vote(teamId, "1.5", yes.value, "U0DOUBLE", "dbl-yes1");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = vote(teamId, "1.5", yes.value, "U0DOUBLE", "dbl-yes2");
    expect((await Promise.all([first, second])).map((res) => res.status)).toEqual([200, 200]);
    await bot.fake.waitForResponse("dbl-yes1");
    const last = await bot.fake.waitForResponse("dbl-yes2");
    expect(last.body.text).toContain("Yes, No");
    const results = await bot.services.polls.getResults(null, pollId);
    expect(results.tally?.options.map((o) => [o.label, o.count])).toEqual([["Yes", 1], ["No", 1], ["Maybe", 0]]);
    // Taking an option away is an explicit "Remove" button in the voter's own receipt.
    const remove = last.body.blocks.flatMap((b: Any) => b.elements ?? []).find((e: Any) => e.text.text === "Remove “No”");
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.vote", value: remove.value }, { ts: "1.5" }, bot.fake.responseUrl("dbl-rm"), { teamId, userId: "U0DOUBLE" }));
    expect((await bot.fake.waitForResponse("dbl-rm")).body.text).toContain("Your vote is changed to: Yes.");
    await settle(2500); // let this poll's coalesced message updates finish before the next test
  });

  it("does not let the message updated after a lone vote on a live anonymous poll show what that person chose", async () => {
    const { teamId, post } = await createPoll(`"Secret ballot?" "Yes" "No" anonymous`);
    const [yes, no] = voteButtons(post.args.blocks);
    const lastUpdate = () => textOf(bot.fake.callsTo("chat.update").filter((c) => textOf(c.args.blocks).includes("Secret ballot?")).at(-1)?.args.blocks ?? []);
    for (const user of ["U0S1", "U0S2", "U0S3", "U0S4", "U0S5"]) {
      await vote(teamId, "1.7", yes.value, user);
      await bot.fake.waitForResponse(`vote-${user}`);
    }
    await eventually(() => lastUpdate().includes("5 votes"), "update after 5 votes", 10_000);
    expect(lastUpdate()).toContain("5 · 100%");
    await vote(teamId, "1.7", no.value, "U0LONE");
    await bot.fake.waitForResponse("vote-U0LONE");
    await eventually(() => lastUpdate().includes("6 votes"), "update after the lone vote", 10_000);
    const after = lastUpdate();
    expect(after).toContain("5 · 100%"); // Yes as published at 5 votes …
    expect(after).not.toMatch(/1 · 17%|5 · 83%/); // … not the live 5 of 6 / 1 of 6 that would name the lone No
    expect(after).toContain("Figures as of 5 votes");
    await settle(1500);
  });

  it("refuses a vote on a closed poll politely", async () => {
    const { teamId, post } = await createPoll(`"Closed soon?" "Yes" "No"`);
    const pollId = voteButtons(post.args.blocks)[0].value.split(":")[0];
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.close", value: pollId }, { ts: "1.1" }, bot.fake.responseUrl("close1"), { teamId, userId: "U0CREATOR" }));
    expect((await bot.fake.waitForResponse("close1")).body.text).toBe("The poll is closed and the results are revealed.");
    const [update] = await bot.fake.waitFor("chat.update");
    expect(voteButtons(update?.args.blocks)).toEqual([]);
    await vote(teamId, "1.1", voteButtons(post.args.blocks)[0].value, "U0LATE");
    expect((await bot.fake.waitForResponse("vote-U0LATE")).body.text).toBe("This poll is closed, so it no longer takes votes.");
  });

  it("turns 200 votes within one second into a bounded number of chat.update calls ending with all 200", async () => {
    const { teamId, post } = await createPoll(`"Burst?" "A" "B" "C"`);
    const buttons = voteButtons(post.args.blocks);
    // 200 people voting for the first time: each also becomes a member (the heavier case).
    const voters = Array.from({ length: 200 }, (_, i) => `U0B${String(i).padStart(4, "0")}`);
    const started = Date.now();
    const acks: number[] = [];
    bot.platform.ackLatency.reset();
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 5)); // spread over one second
        const res = await vote(teamId, "1700000000.000001", buttons[i % 3].value, voters[i] ?? "");
        acks.push(res.ms);
        expect(res.status).toBe(200);
      }),
    );
    const sentWithin = Date.now() - started;
    await eventually(() => bot.fake.responses.filter((r) => r.id.startsWith("vote-U0B")).length === 200, "200 confirmations", 60_000);
    await eventually(() => textOf(bot.fake.callsTo("chat.update").at(-1)?.args.blocks ?? []).includes("200 votes"), "final update", 15_000);
    await settle(1500); // nothing more should follow the final state
    const updates = bot.fake.callsTo("chat.update").filter((call) => textOf(call.args.blocks).includes("Burst?"));
    acks.sort((a, b) => a - b);
    const server = bot.platform.ackLatency.summary();
    console.log(
      `[slack burst] 200 votes sent in ${sentWithin} ms; client-side ack p50 ${acks[100]?.toFixed(1)} ms, p99 ${acks[197]?.toFixed(1)} ms; ` +
        `server-side ack p50 ${server.p50.toFixed(1)} ms, p99 ${server.p99.toFixed(1)} ms, max ${server.max.toFixed(1)} ms; all processed after ${Date.now() - started} ms; chat.update calls: ${updates.length}`,
    );
    // At most one update per second per poll while votes are processed, plus the trailing one.
    const span = (updates.at(-1)?.at ?? 0) - (updates[0]?.at ?? 0);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(span / 1000) + 1);
    expect(updates.length).toBeLessThanOrEqual(30);
    for (let i = 1; i < updates.length; i++) expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(acks[199]).toBeLessThan(3000);
  }, 120_000);
});

describe("/poll alone and the modal", () => {
  it("opens the template modal with the brief's question first", async () => {
    const teamId = freshTeam();
    await sendCommand(bot.eventsUrl, commandFields("/poll", "", bot.fake.responseUrl("m1"), { teamId }));
    const [open] = await bot.fake.waitFor("views.open");
    const view = open?.args.view;
    expect(view.callback_id).toBe("poll.create");
    const template = view.blocks.find((b: Any) => b.block_id === "poll.template");
    expect(template.element.initial_option.text.text).toBe("What matters most to you when collaborating with other organisations?");
  });

  it("shows a bad option list as an error under the options field and stores nothing", async () => {
    const teamId = freshTeam();
    const values = {
      "poll.template": { value: selectValue("__none") },
      "poll.question": { value: textValue("Which day?") },
      "poll.options": { value: textValue("Monday") },
      "poll.mode": { value: selectValue("single") },
      "poll.visibility": { value: selectValue("live") },
    };
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("poll.create", values, JSON.stringify({ c: "C0CHANNEL" }), { teamId }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: "errors", errors: { "poll.options": "A poll needs at least 2 options." } });
    await settle();
    expect(bot.fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("shows an unreadable deadline under the deadline field", async () => {
    const values = {
      "poll.template": { value: selectValue("__none") },
      "poll.question": { value: textValue("Which day?") },
      "poll.options": { value: textValue("Monday\nTuesday") },
      "poll.closes": { value: textValue("after the board meeting") },
    };
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("poll.create", values, JSON.stringify({ c: "C0CHANNEL" }), { teamId: freshTeam() }));
    expect(res.json.errors["poll.closes"]).toContain("after the board meeting");
  });

  it("posts the template poll when the template is kept and the fields are left empty", async () => {
    const values = { "poll.template": { value: selectValue("collaboration-priorities") }, "poll.anonymous": { value: { type: "checkboxes", selected_options: [{ value: "yes" }] } } };
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("poll.create", values, JSON.stringify({ c: "C0CHANNEL" }), { teamId: freshTeam() }));
    expect(res.text).toBe("");
    const [post] = await bot.fake.waitFor("chat.postMessage");
    expect(voteButtons(post?.args.blocks).map((b: Any) => b.text.text)).toEqual(["Trust", "Reliability", "Transparency", "Reciprocity", "Clear agreements"]);
    expect(textOf(post?.args.blocks)).toContain("Anonymous");
  });
});

describe("export and reminders", () => {
  it("exports an anonymous poll as CSV to the requester's DM without naming voters", async () => {
    const { teamId, post } = await createPoll(`"Secret?" "Yes" "No" anonymous`);
    const buttons = voteButtons(post.args.blocks);
    for (const user of ["U0ANNA", "U0BERT", "U0CARL", "U0DORA", "U0EMMA"]) {
      await vote(teamId, "1.2", buttons[0].value, user);
      await bot.fake.waitForResponse(`vote-${user}`);
    }
    const pollId = buttons[0].value.split(":")[0];
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.export", value: pollId }, { ts: "1.2" }, bot.fake.responseUrl("exp1"), { teamId, userId: "U0CREATOR" }));
    expect((await bot.fake.waitForResponse("exp1")).body.text).toBe("I've sent it to you in a direct message.");
    const [complete] = await bot.fake.waitFor("files.completeUploadExternal");
    expect(complete?.args.channel_id).toBe("DU0CREATOR");
    const csv = bot.fake.uploads.at(-1)?.text ?? "";
    expect(csv).toMatch(/Yes,5,/);
    expect(csv).not.toMatch(/U0ANNA|U0BERT|U0CARL|anna|bert|carl/i);
  });

  it("reminds only the members of a named poll who have not voted, by DM", async () => {
    const teamId = freshTeam();
    // Three members exist in this workspace: the creator, a voter and someone who has not voted.
    for (const user of ["U0CREATOR", "U0VOTED", "U0SILENT"]) {
      await sendCommand(bot.eventsUrl, commandFields("/poll", "help", bot.fake.responseUrl(`h-${user}`), { teamId, userId: user }));
      await bot.fake.waitForResponse(`h-${user}`);
    }
    const { post } = await createPoll(`"Named?" "Yes" "No"`, teamId);
    await vote(teamId, "1.3", voteButtons(post.args.blocks)[0].value, "U0VOTED");
    await bot.fake.waitForResponse("vote-U0VOTED");
    const pollId = voteButtons(post.args.blocks)[0].value.split(":")[0];
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "poll.remind", value: pollId }, { ts: "1.3" }, bot.fake.responseUrl("rem1"), { teamId, userId: "U0CREATOR" }));
    expect((await bot.fake.waitForResponse("rem1")).body.text).toBe("I reminded 2 people who haven't voted yet.");
    const dms = bot.fake.callsTo("conversations.open").map((c) => c.args.users).sort();
    expect(dms).toEqual(["U0CREATOR", "U0SILENT"]);
  });
});
