/**
 * /commit over HTTP: log, list, report an outcome, the beneficiary confirms from a DM, and
 * ambiguous input opening a pre-filled form whose mistakes show in place.
 */
import { describe, expect, it } from "vitest";
import { blockAction, selectValue, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { useSlackBot } from "./support/use-slack-bot.js";
import { sendCommit, setUpAlliance } from "./support/alliance-setup.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const bot = useSlackBot();

const commit = (text: string, teamId: string, userId = "U0ALICE") => sendCommit(bot, text, teamId, userId);
const alliance = () => setUpAlliance(bot);

const buttonsOf = (blocks: Any[]) => blocks.flatMap((b: Any) => (b.type === "actions" ? b.elements : []));

describe("/commit", () => {
  // Issue 11: Confirm / Dispute were shown to the person who reported the outcome too.
  it("does not offer the reporter Confirm / Dispute of their own report, nor ask them by DM", async () => {
    const teamId = await alliance();
    // Bob (Beta) owes Alpha; Alice, an admin of Alpha, reports it kept on his behalf.
    await bot.fake.waitForResponse(await commit("share the test results for Alpha by 2099-01-01", teamId, "U0BOB"));
    const reply = await bot.fake.waitForResponse(await commit("kept #1", teamId, "U0ALICE"));
    expect(JSON.stringify(reply.body.blocks)).toContain("#1 share the test results");
    const ids = buttonsOf(reply.body.blocks).map((b: Any) => b.action_id);
    expect(ids).not.toContain("commitment.confirm");
    expect(ids).not.toContain("commitment.dispute");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "DU0ALICE")).toHaveLength(0);
  });

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

  it("refuses a form submitted with another alliance's organisation id, or a made-up one, under the field, and stores nothing", async () => {
    const formOf = async (teamId: string) => {
      await commit("prepare the budget by fridya", teamId);
      const [open] = await bot.fake.waitFor("views.open");
      bot.fake.reset();
      return open?.args.view;
    };
    const ours = await alliance();
    const theirs = await alliance();
    const view = await formOf(ours);
    const betaOf = (form: Any) => form.blocks.find((b: Any) => b.block_id === "c.org").element.options.find((o: Any) => o.text.text === "Beta").value;
    const foreign = betaOf(await formOf(theirs));
    const submit = (orgId: string) =>
      sendInteraction(bot.eventsUrl, viewSubmission("commitment.create", { "c.text": { value: textValue("prepare the budget") }, "c.org": { value: selectValue(orgId) }, "c.due": { value: textValue("next friday") } }, view.private_metadata, { teamId: ours, userId: "U0ALICE" }));
    for (const orgId of [foreign, "cmadeup0000000000000000000"]) {
      const refused = await submit(orgId);
      expect(refused.json).toEqual({ response_action: "errors", errors: { "c.org": "That organisation isn't one of this alliance's partners. Please pick one from the list." } });
    }
    expect((await submit(betaOf(view))).text).toBe("");
    const [post] = await bot.fake.waitFor("chat.postMessage");
    expect(post?.args.text).toContain("Agreement #1 logged."); // the refused forms stored nothing
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
