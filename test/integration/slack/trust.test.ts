/**
 * /trust over HTTP: help, setup (errors in place, then saved), organisation asked once, Slack
 * Connect and e-mail mapping, the culture assessment (100-point splits checked in place), my data
 * and forget me, Dutch for Dutch Slack users.
 */
import { describe, expect, it } from "vitest";
import { blockAction, commandFields, selectValue, sendCommand, sendInteraction, textValue, viewSubmission } from "../../fakes/slack-requests.js";
import { eventually } from "./support/slack-harness.js";
import { freshTeam } from "./support/slack-bot.js";
import { useSlackBot } from "./support/use-slack-bot.js";
import { sendCommit, setUpAlliance } from "./support/alliance-setup.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
/** The bot's clock: real time, shifted by `clockShift.ms` (to log agreements in an earlier week). */
const clockShift = { ms: 0 };
const bot = useSlackBot({ clock: { now: () => new Date(Date.now() + clockShift.ms) } });

async function trust(text: string, who: { teamId: string; userId?: string; userTeamId?: string; channelId?: string }, responseId = `t-${Math.random()}`) {
  const res = await sendCommand(bot.eventsUrl, commandFields("/trust", text, bot.fake.responseUrl(responseId), who));
  expect(res.status).toBe(200);
  return responseId;
}

/** The values of a setup submission: two organisations unless overridden. */
function setupValues(overrides: Record<string, Record<string, unknown>> = {}) {
  return {
    name: { value: textValue("Bridge Alliance") },
    "organizations.0.name": { value: textValue("Alpha") },
    "organizations.0.emailDomains": { value: textValue("alpha.example") },
    "organizations.0.slackTeamIds": { value: textValue("") },
    "organizations.1.name": { value: textValue("Beta") },
    "organizations.1.emailDomains": { value: textValue("beta.example, beta.nl") },
    "organizations.1.slackTeamIds": { value: textValue("TBETA01") },
    "organizations.2.name": { value: textValue("") },
    "summary.cadence": { value: selectValue("weekly") },
    "summary.weekday": { value: selectValue("1") },
    "summary.hour": { value: selectValue("9") },
    "pulse.cadence": { value: selectValue("weekly") },
    "pulse.weekday": { value: selectValue("3") },
    "pulse.hour": { value: selectValue("10") },
    "pulse.itemsPerRound": { value: { type: "number_input", value: "4" } },
    uncertainty: { value: selectValue("high") },
    anonymityThreshold: { value: { type: "number_input", value: "5" } },
    cultureFlagThreshold: { value: { type: "number_input", value: "10" } },
    commitmentReminderDays: { value: { type: "number_input", value: "2" } },
    locale: { value: selectValue("en") },
    timezone: { value: textValue("Europe/Amsterdam") },
    ...overrides,
  };
}

/** A fresh team whose alliance is set up by U0ADMIN (Alpha and Beta), with the fake's calls cleared. */
async function freshAlliance(): Promise<string> {
  const teamId = freshTeam();
  await trust("setup", { teamId, userId: "U0ADMIN" });
  const [setup] = await bot.fake.waitFor("views.open");
  await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues(), setup?.args.view.private_metadata, { teamId, userId: "U0ADMIN" }));
  bot.fake.reset();
  return teamId;
}

/** The name of the organisation a Slack user of `teamId` is in, or null. */
async function organisationOf(teamId: string, userId: string): Promise<string | null> {
  const workspace = await bot.services.stores.workspaces.find("slack", teamId);
  const member = await bot.services.stores.members.findByExternalId(workspace?.id ?? "", userId);
  const orgs = await bot.services.alliances.listOrganizations(member?.allianceId ?? "");
  return orgs.find((o) => o.id === member?.organizationId)?.name ?? null;
}

describe("/trust help", () => {
  it("lists every command privately", async () => {
    const id = await trust("help", { teamId: freshTeam() });
    const reply = await bot.fake.waitForResponse(id);
    expect(reply.body.response_type).toBe("ephemeral");
    const text = JSON.stringify(reply.body.blocks);
    for (const command of ["/poll", "/commit", "/pulse", "/trust"]) expect(text).toContain(command);
  });

  it("speaks Dutch to a user whose Slack locale is Dutch", async () => {
    const teamId = freshTeam();
    bot.fake.addUser({ id: "U0NL", teamId, name: "Nora", locale: "nl-NL" });
    const id = await trust("hulp", { teamId, userId: "U0NL" });
    expect((await bot.fake.waitForResponse(id)).body.blocks[0].text.text).toBe("Alliance Trust Bot: wat ik kan");
  });

  it("falls back to the alliance's language when Slack does not tell the user's", async () => {
    const teamId = freshTeam();
    await trust("setup", { teamId, userId: "U0ADMIN" });
    const [open] = await bot.fake.waitFor("views.open");
    await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues({ locale: { value: selectValue("nl") } }), open?.args.view.private_metadata, { teamId, userId: "U0ADMIN" }));
    const id = await trust("help", { teamId, userId: "U0NOLOCALE" }); // unknown to users.info
    expect((await bot.fake.waitForResponse(id)).body.blocks[0].text.text).toBe("Alliance Trust Bot: wat ik kan");
  });

  it("says which subcommand it does not know", async () => {
    const id = await trust("dance", { teamId: freshTeam() });
    expect((await bot.fake.waitForResponse(id)).body.text).toBe('I don\'t know "dance". Try `/trust help`.');
  });
});

describe("/trust setup", () => {
  it("opens the setup modal pre-filled, shows errors in place and stores nothing, then saves a valid setup", async () => {
    const teamId = freshTeam();
    await trust("setup", { teamId, userId: "U0ADMIN" });
    const [open] = await bot.fake.waitFor("views.open");
    expect(open?.args.view.callback_id).toBe("alliance.setup");
    const metadata = open?.args.view.private_metadata as string;

    const bad = setupValues({ "organizations.1.name": { value: textValue("") }, "organizations.1.emailDomains": { value: textValue("") }, "organizations.1.slackTeamIds": { value: textValue("") }, timezone: { value: textValue("Mars/Olympus") } });
    const refused = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", bad, metadata, { teamId, userId: "U0ADMIN" }));
    expect(refused.json.response_action).toBe("errors");
    expect(refused.json.errors.timezone).toBe('"Mars/Olympus" isn\'t a time zone I know. Use a name like Europe/Amsterdam.');
    expect(Object.values(refused.json.errors)).toContain("An alliance needs at least 2 partner organisations.");
    const alliance = await bot.services.alliances.findAllianceForWorkspace("slack", teamId);
    expect(alliance?.name).not.toBe("Bridge Alliance");
    expect(await bot.services.alliances.listOrganizations(alliance?.id ?? "")).toEqual([]);

    const ok = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues(), metadata, { teamId, userId: "U0ADMIN" }));
    expect(ok.text).toBe("");
    const saved = await bot.services.alliances.findAllianceForWorkspace("slack", teamId);
    expect(saved).toMatchObject({ name: "Bridge Alliance", uncertainty: "high" });
    expect((await bot.services.alliances.listOrganizations(saved?.id ?? "")).map((o) => o.name)).toEqual(["Alpha", "Beta"]);
    // Issue 11: say what was set up, what happens next and when, and how members get an organisation.
    // The confirmation, then (U0ADMIN matches no organisation) the admin's own organisation.
    const [confirmation, question] = await bot.fake.waitFor("chat.postEphemeral", 2);
    expect(JSON.stringify(question?.args.blocks)).toContain("alliance.choose-organization");
    const paragraphs = String(confirmation?.args.text).split("\n\n");
    expect(paragraphs[0]).toBe("Setup saved: Bridge Alliance, with partners Alpha and Beta.");
    expect(paragraphs[1]).toBe("No steering channel is set yet, so summaries are kept but not posted. Open setup again in the channel where they should go.");
    expect(paragraphs[2]).toMatch(/^Next: the first pulse round opens on Wednesday \d{1,2} \w+ at 10:00 \(every week\); members get its questions in a direct message\.$/);
    expect(paragraphs[3]).toMatch(/^The first trust-health summary follows on Monday \d{1,2} \w+ at 09:00 \(every week\)\.$/);
    expect(paragraphs[4]).toMatch(/^Members are matched to their organisation by e-mail domain or Slack Connect team \(\d+ members? so far\); anyone not matched is asked which organisation they work for/);
  });

  it("names the steering channel it saved, as a channel link", async () => {
    const teamId = freshTeam();
    await trust("setup", { teamId, userId: "U0ADMIN" });
    const [open] = await bot.fake.waitFor("views.open");
    const values = setupValues({ steeringChannel: { value: { type: "conversations_select", selected_conversation: "C0STEER" } } });
    await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { teamId, userId: "U0ADMIN" }));
    const [confirmation] = await bot.fake.waitFor("chat.postEphemeral", 2);
    expect(String(confirmation?.args.text)).toContain("The trust-health summary is posted in <#C0STEER>.");
  });

  it("saves this workspace's alliance channel from the picker, and clears it when the picker is emptied", async () => {
    const teamId = freshTeam();
    const submit = async (selected: string | null) => {
      bot.fake.reset();
      await trust("setup", { teamId, userId: "U0ADMIN" });
      const [open] = await bot.fake.waitFor("views.open");
      const values = setupValues({ allianceChannel: { value: { type: "conversations_select", selected_conversation: selected } } });
      await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", values, open?.args.view.private_metadata, { teamId, userId: "U0ADMIN" }));
      await bot.fake.waitFor("chat.postEphemeral");
      return open!.args.view as { blocks: Array<{ block_id?: string; element?: { initial_conversation?: string } }> };
    };
    const channelOf = async () => {
      const workspace = (await bot.services.stores.workspaces.find("slack", teamId))!;
      return (await bot.services.stores.spaces.listSpaces(workspace.allianceId!)).find((space) => space.workspaceId === workspace.id)?.allianceConversationId;
    };
    await submit("C0ALLIANCE");
    expect(await channelOf()).toBe("C0ALLIANCE");
    // The next setup shows it in the picker; emptying the picker removes it.
    const shown = await submit(null);
    expect(shown.blocks.find((b) => b.block_id === "allianceChannel")?.element?.initial_conversation).toBe("C0ALLIANCE");
    expect(await channelOf()).toBeNull();
  });
});

describe("the first /trust setup, before any alliance exists (issue 11)", () => {
  /** Runs `/trust setup` as `userId` of a fresh team and saves; resolves with what the admin saw. */
  async function firstSetup(userId: string, locale: "en" | "nl" = "en") {
    const teamId = freshTeam();
    bot.fake.reset();
    const id = await trust("setup", { teamId, userId });
    const [open] = await bot.fake.waitFor("views.open");
    await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues({ locale: { value: selectValue(locale) } }), open?.args.view.private_metadata, { teamId, userId }));
    await bot.fake.waitFor("chat.postEphemeral");
    // Long enough for a question after the confirmation, had the bot sent one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const saw = JSON.stringify([...bot.fake.responses.filter((r) => r.id === id), ...bot.fake.callsTo("chat.postEphemeral").map((c) => c.args)]);
    return { teamId, open, saw, ephemerals: bot.fake.callsTo("chat.postEphemeral").map((c) => c.args) };
  }

  it("opens the setup form straight away, without asking the admin's organisation first", async () => {
    const { open, teamId } = await firstSetup("U0FIRSTADMIN");
    expect(open?.args.view.callback_id).toBe("alliance.setup");
    expect(bot.fake.callsTo("views.open")).toHaveLength(1);
    expect(bot.fake.responses.filter((r) => JSON.stringify(r.body).includes("alliance.choose-organization"))).toEqual([]);
    expect(await organisationOf(teamId, "U0FIRSTADMIN")).toBeNull();
  });

  it("asks the admin's own organisation after saving when nothing matched, with the chooser's button", async () => {
    const { ephemerals } = await firstSetup("U0NOMATCH");
    expect(String(ephemerals[0]?.text)).toMatch(/^Setup saved: Bridge Alliance/);
    expect(ephemerals[1]?.text).toBe("Setup is done. One more thing: which of the partner organisations do you work for yourself?");
    expect(JSON.stringify(ephemerals[1]?.blocks)).toContain("alliance.choose-organization");
  });

  it("asks in Dutch for an alliance set up in Dutch", async () => {
    const { ephemerals } = await firstSetup("U0NOMATCHNL", "nl");
    expect(ephemerals[1]?.text).toBe("De inrichting is klaar. Nog één ding: voor welke van de partnerorganisaties werk je zelf?");
  });

  it("does not ask an admin whose e-mail domain the setup just named", async () => {
    const userId = "U0MATCHED";
    bot.fake.addUser({ id: userId, teamId: "TANY", name: "Matched", email: "matched@alpha.example" });
    const { ephemerals, teamId, saw } = await firstSetup(userId);
    expect(ephemerals).toHaveLength(1);
    expect(saw).not.toContain("alliance.choose-organization");
    expect(await organisationOf(teamId, userId)).toBe("Alpha");
  });
});

describe("organisation of a member", () => {
  async function setUp(teamId: string) {
    await trust("setup", { teamId, userId: "U0ADMIN" });
    const [open] = await bot.fake.waitFor("views.open");
    await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues(), open?.args.view.private_metadata, { teamId, userId: "U0ADMIN" }));
    bot.fake.reset();
  }
  const orgOf = organisationOf;

  it("takes a Slack Connect user's own team first, then the e-mail domain", async () => {
    const teamId = freshTeam();
    await setUp(teamId);
    bot.fake.addUser({ id: "U0GUEST", teamId: "TBETA01", name: "Guest" });
    bot.fake.addUser({ id: "U0MAIL", teamId, name: "Mail", email: "mail@alpha.example" });
    await bot.fake.waitForResponse(await trust("help", { teamId, userId: "U0GUEST", userTeamId: "TBETA01" }));
    await bot.fake.waitForResponse(await trust("help", { teamId, userId: "U0MAIL" }));
    expect(await orgOf(teamId, "U0GUEST")).toBe("Beta");
    expect(await orgOf(teamId, "U0MAIL")).toBe("Alpha");
  });

  it("offers the question once, on a member's first command, when nothing tells", async () => {
    const teamId = freshTeam();
    await setUp(teamId);
    const first = await trust("help", { teamId, userId: "U0FRESH" });
    const prompt = await bot.fake.waitUntil(() => bot.fake.responses.find((r) => r.id === first && JSON.stringify(r.body).includes("alliance.choose-organization")), "prompt");
    expect(prompt.body.text).toContain("I'll ask only once");
    const second = await trust("help", { teamId, userId: "U0FRESH" });
    await bot.fake.waitForResponse(second);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(bot.fake.responses.filter((r) => r.id === second)).toHaveLength(1);
  });

  it("asks once when nothing tells, and the answer sticks", async () => {
    const teamId = freshTeam();
    await setUp(teamId);
    await trust("culture", { teamId, userId: "U0UNKNOWN" });
    const [open] = await bot.fake.waitFor("views.open");
    expect(open?.args.view.callback_id).toBe("alliance.choose-organization");
    const beta = open?.args.view.blocks.find((b: Any) => b.block_id === "org.choice").element.options.find((o: Any) => o.text.text === "Beta").value;
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.choose-organization", { "org.choice": { value: selectValue(beta) } }, "", { teamId, userId: "U0UNKNOWN" }));
    expect(res.text).toBe("");
    expect(await orgOf(teamId, "U0UNKNOWN")).toBe("Beta");
  });
});

describe("a command that needed the organisation (issue 11)", () => {
  it("is carried out once the member has picked, instead of being dropped", async () => {
    const teamId = await freshAlliance();
    bot.fake.addUser({ id: "U0LATE", teamId, name: "Lars" }); // nothing maps Lars to an organisation
    await sendCommand(bot.eventsUrl, commandFields("/commit", "share the roadmap for Alpha by friday", bot.fake.responseUrl("c1"), { teamId, userId: "U0LATE", channelId: "C0WORK" }));
    const prompt = await bot.fake.waitForResponse("c1");
    expect(prompt.body.text).toBe("I don't know which partner organisation you belong to yet. Pick yours once, and I'll carry out `/commit share the roadmap for Alpha by friday` right after.");
    const button = prompt.body.blocks.flatMap((b: Any) => (b.type === "actions" ? b.elements : [])).find((e: Any) => e.action_id === "alliance.choose-organization");

    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "alliance.choose-organization", value: button.value }, { ts: "1.8", channelId: "C0WORK" }, bot.fake.responseUrl("c1-click"), { teamId, userId: "U0LATE" }));
    const [open] = await bot.fake.waitFor("views.open");
    const beta = open?.args.view.blocks.find((b: Any) => b.block_id === "org.choice").element.options.find((o: Any) => o.text.text === "Beta").value;
    const res = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.choose-organization", { "org.choice": { value: selectValue(beta) } }, open?.args.view.private_metadata, { teamId, userId: "U0LATE" }));
    expect(res.text).toBe("");

    // The note is replaced by the answer, then the commitment is logged and posted where it was typed.
    const answers = await bot.fake.waitUntil(() => (bot.fake.responses.filter((r) => r.id === "c1-click").length >= 2 ? bot.fake.responses.filter((r) => r.id === "c1-click") : undefined), "command carried out");
    expect(answers[0]?.body).toMatchObject({ replace_original: true, text: "Thanks! You're now with Beta." });
    expect(answers[1]?.body.response_type).toBe("in_channel");
    expect(answers[1]?.body.text).toContain("#1");
    expect(JSON.stringify(answers[1]?.body.blocks)).toContain("share the roadmap");
    expect(await organisationOf(teamId, "U0LATE")).toBe("Beta");
  });

  it("asks in Dutch for a Dutch member", async () => {
    const teamId = await freshAlliance();
    bot.fake.addUser({ id: "U0NLLATE", teamId, name: "Noor", locale: "nl-NL" });
    await sendCommand(bot.eventsUrl, commandFields("/commit", "lijst onze", bot.fake.responseUrl("c2"), { teamId, userId: "U0NLLATE" }));
    expect((await bot.fake.waitForResponse("c2")).body.text).toMatch(/^Ik weet nog niet bij welke partnerorganisatie je hoort\. Kies de jouwe één keer, dan voer ik `\/commit lijst onze` meteen daarna uit\.$/);
  });
});

describe("a new organisation named by a member (issue 11)", () => {
  it("waits for an admin's approval: the admin is asked by DM, and only their click adds it", async () => {
    const teamId = await freshAlliance();
    bot.fake.addUser({ id: "U0NEWORG", teamId, name: "Nina" });
    await bot.fake.waitForResponse(await trust("help", { teamId, userId: "U0NEWORG" })); // a member nothing maps

    const res = await sendInteraction(bot.eventsUrl, viewSubmission("alliance.choose-organization", { "org.new": { value: textValue("Initech") } }, "", { teamId, userId: "U0NEWORG" }));
    expect(res.text).toBe("");
    const dms = await bot.fake.waitFor("chat.postMessage", 2);
    const toAdmin = dms.find((c) => c.args.channel === "DU0ADMIN")!;
    const toMember = dms.find((c) => c.args.channel === "DU0NEWORG")!;
    expect(toMember.args.text).toContain("an admin has been asked to add it");
    expect(toAdmin.args.text).toContain('Nina says they work for "Initech"');
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    const member = await bot.services.stores.members.findByExternalId(workspace!.id, "U0NEWORG");
    expect(member?.organizationId).toBeNull();
    expect((await bot.services.alliances.listOrganizations(member!.allianceId)).map((o) => o.name)).not.toContain("Initech");

    const approve = toAdmin.args.blocks.flatMap((b: Any) => (b.type === "actions" ? b.elements : [])).find((e: Any) => e.action_id === "alliance.approve-organization");
    expect(approve.text.text).toBe("Add Initech");
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "alliance.approve-organization", value: approve.value }, { ts: "1.7", channelId: "DU0ADMIN" }, bot.fake.responseUrl("approve1"), { teamId, userId: "U0ADMIN" }));
    expect((await bot.fake.waitForResponse("approve1")).body.text).toBe("Done: Initech is a partner organisation now, and Nina is in it.");
    const told = await bot.fake.waitUntil(() => bot.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "DU0NEWORG" && String(c.args.text).includes("An admin added Initech")), "member told");
    expect(told).toBeTruthy();
    const after = await bot.services.stores.members.findByExternalId(workspace!.id, "U0NEWORG");
    const orgs = await bot.services.alliances.listOrganizations(member!.allianceId);
    expect(orgs.find((o) => o.id === after?.organizationId)?.name).toBe("Initech");
  });
});

// Issue 11: nothing in chat made someone a steering member, so "steering committee only" meant admins only.
describe("/trust steering", () => {
  it("lets an admin name and take off steering members, says who they are, and refuses a member", async () => {
    const teamId = await setUpAlliance(bot);
    const before = await bot.fake.waitForResponse(await trust("steering", { teamId, userId: "U0ALICE" }));
    expect(before.body.text).toContain("No steering members are named yet");
    expect(before.body.text).toContain("Admins, who see those results too: Alice.");

    const named = await bot.fake.waitForResponse(await trust("steering <@U0BOB|bob>", { teamId, userId: "U0ALICE" }));
    expect(named.body.text).toContain('Steering committee (sees "steering committee only" results): Bob.');
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    expect((await bot.services.stores.members.findByExternalId(workspace!.id, "U0BOB"))?.role).toBe("steering");

    const refused = await bot.fake.waitForResponse(await trust("steering <@U0ALICE>", { teamId, userId: "U0BOB" }));
    expect(refused.body.text).not.toContain("Steering committee");

    await bot.fake.waitForResponse(await trust("stuurgroep verwijder <@U0BOB>", { teamId, userId: "U0ALICE" }));
    expect((await bot.services.stores.members.findByExternalId(workspace!.id, "U0BOB"))?.role).toBe("member");
  });

  it("lists the committee in Dutch, and help mentions it", async () => {
    const teamId = await setUpAlliance(bot, { locale: "nl-NL" });
    const list = await bot.fake.waitForResponse(await trust("stuurgroep", { teamId, userId: "U0BOB" }));
    expect(list.body.text).toContain("Er zijn nog geen stuurgroepleden benoemd");
    expect(list.body.text).toContain("/trust stuurgroep @naam @naam");
    const help = await bot.fake.waitForResponse(await trust("hulp", { teamId, userId: "U0BOB" }));
    expect(JSON.stringify(help.body.blocks)).toContain("/trust stuurgroep: wie in de stuurgroep zitten");
  });
});

describe("/trust culture", () => {
  it("shows a split that does not add up to 100 under that aspect, and saves a valid assessment", async () => {
    const teamId = freshTeam();
    bot.fake.addUser({ id: "U0CULT", teamId, name: "Cult", email: "c@alpha.example" });
    await trust("setup", { teamId, userId: "U0CULT" });
    const [setup] = await bot.fake.waitFor("views.open");
    await sendInteraction(bot.eventsUrl, viewSubmission("alliance.setup", setupValues(), setup?.args.view.private_metadata, { teamId, userId: "U0CULT" }));
    bot.fake.reset();
    await trust("culture", { teamId, userId: "U0CULT" });
    const [open] = await bot.fake.waitFor("views.open");
    expect(open?.args.view.callback_id).toBe("culture.assessment");
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of open?.args.view.blocks as Any[]) {
      if (block.block_id?.startsWith("culture.now.") || block.block_id?.startsWith("culture.preferred.")) values[block.block_id] = { value: { type: "number_input", value: "25" } };
    }
    values["culture.now.leadership.clan"] = { value: { type: "number_input", value: "35" } };
    const refused = await sendInteraction(bot.eventsUrl, viewSubmission("culture.assessment", values, "", { teamId, userId: "U0CULT" }));
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: { "culture.now.leadership.clan": expect.stringContaining("add up to 110") },
    });
    values["culture.now.leadership.clan"] = { value: { type: "number_input", value: "25" } };
    const ok = await sendInteraction(bot.eventsUrl, viewSubmission("culture.assessment", values, "", { teamId, userId: "U0CULT" }));
    expect(ok.text).toBe("");
    const [thanks] = await bot.fake.waitFor("chat.postMessage");
    expect(thanks?.args.text).toContain("culture assessment is saved");
  });
});

describe("my data and forget me", () => {
  it("sends the export to the member's DM as a JSON file", async () => {
    const teamId = freshTeam();
    bot.fake.addUser({ id: "U0DATA", teamId, name: "Dana Data" });
    const id = await trust("my-data", { teamId, userId: "U0DATA" });
    expect((await bot.fake.waitForResponse(id)).body.text).toBe("I've sent it to you in a direct message.");
    await bot.fake.waitFor("files.completeUploadExternal");
    const exported = JSON.parse(bot.fake.uploads.at(-1)?.text ?? "{}");
    expect(exported.profile.displayName).toBe("Dana Data");
  });

  it("forgets the member only after the confirm button", async () => {
    const teamId = freshTeam();
    bot.fake.addUser({ id: "U0GONE", teamId, name: "Gone Soon" });
    const id = await trust("forget-me", { teamId, userId: "U0GONE" });
    const confirm = await bot.fake.waitForResponse(id);
    const button = confirm.body.blocks.flatMap((b: Any) => b.elements ?? []).find((e: Any) => e.action_id === "privacy.forget.confirm");
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    expect(await bot.services.stores.members.findByExternalId(workspace?.id ?? "", "U0GONE")).not.toBeNull();
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "privacy.forget.confirm", value: button.value }, null, bot.fake.responseUrl("forget1"), { teamId, userId: "U0GONE" }));
    const done = await bot.fake.waitForResponse("forget1");
    expect(done.body).toMatchObject({ replace_original: true, text: expect.stringContaining("personal data has been removed") });
    await eventually(async () => (await bot.services.stores.members.findByExternalId(workspace?.id ?? "", "U0GONE")) === null, "member erased");
  });

  it("refuses someone else's forget button", async () => {
    const teamId = freshTeam();
    const id = await trust("forget-me", { teamId, userId: "U0VICTIM" });
    const confirm = await bot.fake.waitForResponse(id);
    const button = confirm.body.blocks.flatMap((b: Any) => b.elements ?? []).find((e: Any) => e.action_id === "privacy.forget.confirm");
    await sendInteraction(bot.eventsUrl, blockAction({ actionId: "privacy.forget.confirm", value: button.value }, null, bot.fake.responseUrl("forget2"), { teamId, userId: "U0MALLORY" }));
    expect((await bot.fake.waitForResponse("forget2")).body.text).toBe("You're not allowed to do that.");
    const workspace = await bot.services.stores.workspaces.find("slack", teamId);
    expect(await bot.services.stores.members.findByExternalId(workspace?.id ?? "", "U0VICTIM")).not.toBeNull();
  });
});

describe("/trust health", () => {
  it("shows the current summary privately with a share button, and posts it to the channel on request", async () => {
    const teamId = freshTeam();
    const id = await trust("health", { teamId, userId: "U0HEALTH" });
    const reply = await bot.fake.waitForResponse(id);
    expect(reply.body.response_type).toBe("ephemeral");
    const blocks = reply.body.blocks as Any[];
    expect(blocks[0].type).toBe("header");
    expect(blocks.flatMap((b: Any) => b.elements ?? []).some((e: Any) => e.action_id === "health.share")).toBe(true);
    await trust("health channel", { teamId, userId: "U0HEALTH" });
    const [post] = await bot.fake.waitFor("chat.postMessage");
    expect(post?.args.channel).toBe("C0CHANNEL");
    expect(post?.args.blocks[0].type).toBe("header");
  });

  // Issue 11: right after keeping an agreement the summary of the last complete week said nothing
  // happened, with "no data", a stray "–" and a dotted sparkline.
  it("shows the week so far, and for an empty last week what will appear and when, instead of 'no data'", async () => {
    const teamId = await setUpAlliance(bot);
    await bot.fake.waitForResponse(await sendCommit(bot, "share the roadmap for Beta by 2099-01-01", teamId));
    await bot.fake.waitForResponse(await sendCommit(bot, "kept #1", teamId));
    const reply = await bot.fake.waitForResponse(await trust("health", { teamId, userId: "U0ALICE" }));
    const text = (reply.body.blocks as Any[]).map((b) => b.text?.text ?? (b.elements ?? []).map((e: Any) => e.text?.text ?? e.text ?? "").join(" ")).join("\n");
    expect(text).toMatch(/\*No figures yet for week \d+, \d{4}\*\nThe summary shows the trust-health index/);
    expect(text).toMatch(/The next summary is posted on Monday \d{1,2} \w+ at 09:00; until then, this shows what happened so far\./);
    expect(text).toMatch(/\*So far in week \d+, \d{4} \(since Monday \d{1,2} \w+\)\*\nAgreements: 1 logged, 1 kept, 0 broken, 0 overdue\.\nPulse: /);
    expect(text).not.toMatch(/no data|–|··/);
  });

  it("says the same in Dutch", async () => {
    const teamId = await setUpAlliance(bot, { locale: "nl-NL" });
    const reply = await bot.fake.waitForResponse(await trust("gezondheid", { teamId, userId: "U0ALICE" }));
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toMatch(/Nog geen cijfers voor week \d+/);
    expect(text).toMatch(/Tot nu toe in week \d+, \d{4} \(sinds maandag \d{1,2} \w+\)/);
    expect(text).toContain("Afspraken: 0 vastgelegd, 0 nagekomen, 0 gebroken, 0 over tijd.");
    expect(text).toMatch(/Het volgende overzicht verschijnt op maandag \d{1,2} \w+ om 09:00/);
  });

  it("uploads the chart PNGs into the thread of the summary it shares to the channel", async () => {
    // An agreement kept a week ago, so the last complete week has figures to draw.
    clockShift.ms = -7 * 24 * 3600 * 1000;
    let teamId = "";
    try {
      teamId = await setUpAlliance(bot);
      await bot.fake.waitForResponse(await sendCommit(bot, "share the roadmap for Beta by 2099-01-01", teamId));
      await bot.fake.waitForResponse(await sendCommit(bot, "kept #1", teamId));
    } finally {
      clockShift.ms = 0;
    }
    await trust("health channel", { teamId, userId: "U0ALICE", channelId: "C0CHARTS" });
    // One completion for all charts, as a reply to the summary.
    const complete = await bot.fake.waitUntil(() => bot.fake.callsTo("files.completeUploadExternal").find((c) => c.args.channel_id === "C0CHARTS"), "chart upload", 10_000);
    const post = bot.fake.callsTo("chat.postMessage").find((c) => c.args.channel === "C0CHARTS");
    const ts = bot.fake.posted.find((m) => m.channel === "C0CHARTS")?.ts;
    expect(ts).toBeDefined();
    expect(complete.args.thread_ts).toBe(ts);
    // Every file a real PNG, complete, with alt text.
    const files = bot.fake.sharedFiles.filter((f) => f.channel === "C0CHARTS");
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^trust-health-.+-pillar-trends\.png$/), expect.stringMatching(/-kept-rate\.png$/)]);
    for (const file of files) {
      expect(file.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(file.bytes.length).toBe(file.declaredLength);
      expect(file.altText).toBeTruthy();
    }
    // The summary names each chart in text too, for clients that do not show images.
    expect(JSON.stringify(post?.args.blocks)).toContain(files[0]!.altText!.slice(0, 20));
    // Next to the last complete week, the week so far.
    expect(JSON.stringify(post?.args.blocks)).toMatch(/So far in week \d+/);
  }, 30_000);
});
