/**
 * /commit over HTTP: log, list, report an outcome, the beneficiary confirms from a DM, and
 * ambiguous input opening a pre-filled form whose mistakes show in place.
 */
import { describe, expect, it } from "vitest";
import { blockAction, commandFields, selectValue, sendCommand, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { freshTeam } from "./support/slack-bot.js";
import { useSlackBot } from "./support/use-slack-bot.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bot = useSlackBot();

let seq = 0;
async function commit(text: string, teamId: string, userId = "U0ALICE") {
  const id = `c${++seq}`;
  const res = await sendCommand(bot.eventsUrl, commandFields("/commit", text, bot.fake.responseUrl(id), { teamId, userId }));
  expect(res.status).toBe(200);
  return id;
}

/** A team with Alpha (alice) and Beta (bob) set up through the real setup modal. */
async function alliance(): Promise<string> {
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
  const res = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { teamId, userId: "U0ALICE" }));
  expect(res.text).toBe("");
  // Bob becomes a member (and is mapped to Beta by his e-mail domain).
  await bot.fake.waitForResponse(await commit("list", teamId, "U0BOB"));
  bot.fake.reset();
  return teamId;
}

const buttonsOf = (blocks: Any[]) => blocks.flatMap((b: Any) => (b.type === "actions" ? b.elements : []));

describe("/commit", () => {
  it("logs an agreement for a partner organisation and shows it to the channel", async () => {
    const teamId = await alliance();
    const reply = await bot.fake.waitForResponse(await commit("send the draft contract for Beta by friday", teamId));
    expect(reply.body.response_type).toBe("in_channel");
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toContain("Agreement #1 logged.");
    expect(text).toContain("#1 send the draft contract");
    expect(text).toContain("Beta");
    const list = await bot.fake.waitForResponse(await commit("list mine", teamId));
    expect(JSON.stringify(list.body.blocks)).toContain("#1 send the draft contract");
  });

  it("records an outcome and asks the receiving side to confirm by DM; their click confirms", async () => {
    const teamId = await alliance();
    await bot.fake.waitForResponse(await commit("share the roadmap for Beta by tomorrow", teamId));
    const kept = await bot.fake.waitForResponse(await commit("kept #1 delivered early", teamId));
    expect(JSON.stringify(kept.body.blocks)).toContain("#1 recorded as Kept.");
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(bot.fake.callsTo("conversations.open")[0]?.args.users).toBe("U0BOB");
    const confirm = buttonsOf(dm?.args.blocks).find((b: Any) => b.action_id === "commitment.confirm");
    expect(buttonsOf(dm?.args.blocks).map((b: Any) => b.action_id)).toEqual(expect.arrayContaining(["commitment.confirm", "commitment.dispute"]));
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "commitment.confirm", value: confirm.value }, { ts: "1.5", channelId: "DU0BOB" }, bot.fake.responseUrl("confirm1"), { teamId, userId: "U0BOB" }));
    const done = await bot.fake.waitForResponse("confirm1");
    expect(done.body.replace_original).toBe(true);
    expect(JSON.stringify(done.body.blocks)).toContain("Thanks, #1 is confirmed.");
  });

  // Issue 11: "/commit kept 99999" answered "I couldn't find that. It may have been removed."
  it("says which agreement number was not found and how to list yours", async () => {
    const teamId = await alliance();
    const reply = await bot.fake.waitForResponse(await commit("kept 99999", teamId));
    expect(reply.body.text).toBe("There is no agreement #99999 in this alliance. To see the numbers of yours, type /commit list mine.");
  });

  it("treats a double-clicked button as one change", async () => {
    const teamId = await alliance();
    const created = await bot.fake.waitForResponse(await commit("book the venue for Beta by friday", teamId));
    const kept = buttonsOf(created.body.blocks).find((b: Any) => b.action_id === "commitment.kept");
    const click = (id: string) => sendInteraction(bot.eventsUrl, blockAction({ actionId: "commitment.kept", value: kept.value }, { ts: "1.6" }, bot.fake.responseUrl(id), { teamId, userId: "U0ALICE" }));
    await Promise.all([click("k1"), click("k2")]);
    const texts = [await bot.fake.waitForResponse("k1"), await bot.fake.waitForResponse("k2")].map((r) => JSON.stringify(r.body.blocks));
    expect(texts.filter((t) => t.includes("recorded as Kept"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("Already done"))).toHaveLength(1);
  });

  it("opens a pre-filled form for ambiguous input and shows a bad date under the date field", async () => {
    const teamId = await alliance();
    await commit("prepare the budget by fridya", teamId);
    const [open] = await bot.fake.waitFor("views.open");
    const view = open?.args.view;
    expect(view.callback_id).toBe("commitment.create");
    expect(view.blocks.find((b: Any) => b.block_id === "c.text").element.initial_value).toBe("prepare the budget");
    expect(JSON.stringify(view.blocks[0])).toContain("fridya");
    const beta = view.blocks.find((b: Any) => b.block_id === "c.org").element.options.find((o: Any) => o.text.text === "Beta").value;
    const values = { "c.text": { value: textValue("prepare the budget") }, "c.org": { value: selectValue(beta) }, "c.due": { value: textValue("fridya") } };
    const refused = await sendInteraction(bot.eventsUrl, viewSubmission("commitment.create", values, view.private_metadata, { teamId, userId: "U0ALICE" }));
    expect(refused.json.response_action).toBe("errors");
    expect(refused.json.errors["c.due"]).toContain("fridya");
    const ok = await sendInteraction(bot.eventsUrl, viewSubmission("commitment.create", { ...values, "c.due": { value: textValue("next friday") } }, view.private_metadata, { teamId, userId: "U0ALICE" }));
    expect(ok.text).toBe("");
    const [post] = await bot.fake.waitFor("chat.postMessage");
    expect(post?.args.text).toContain("Agreement #1 logged.");
  });
});
