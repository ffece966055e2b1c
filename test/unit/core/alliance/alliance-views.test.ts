import { describe, expect, it } from "vitest";
import {
  buildChooseOrganizationView,
  buildForgetMeConfirmView,
  buildForgetMeDoneText,
  buildHelpView,
  buildMyDataView,
  buildSetupFormView,
} from "#core/alliance/alliance-views.js";
import type { MyDataExport } from "#core/alliance/personal-data.js";
import { parseCommitCommand } from "#core/commitments/commit-command.js";
import { parsePollCommand } from "#core/polls/poll-command.js";
import { readPollDeadline } from "#core/polls/poll-command-input.js";
import { parseCommand } from "#platforms/teams/commands/command-parser.js";
import { allianceMessages } from "#core/i18n/messages/alliance.js";
import { LOCALES } from "#core/shared/refs.js";

/** Every string in a view, recursively. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const exportData: MyDataExport = {
  format: "alliance-trust-bot/my-data@1",
  generatedAt: "2026-11-30T09:00:00.000Z",
  profile: { memberId: "m1", displayName: "Ann", email: null, platform: "slack", platformUserId: "U1", locale: "nl", timezone: null, memberSince: "2026-11-01T00:00:00.000Z" },
  alliance: { id: "a1", name: "Delta" },
  organization: { id: "o1", name: "Acme" },
  role: "member",
  sections: { "commitments.owned": [{ number: 1 }, { number: 2 }], "culture.requests": [] },
  notIncluded: { anonymousAnswers: "…", kinds: ["anonymous poll ballots", "pulse answers", "culture assessments"] },
};

describe("alliance views", () => {
  it("has a Dutch text for every English one, and the same placeholders", () => {
    for (const [key, en] of Object.entries(allianceMessages.en)) {
      const nl = allianceMessages.nl[key as keyof typeof allianceMessages.nl];
      expect(nl, key).toBeTruthy();
      expect([...nl.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort(), key).toEqual([...en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
  });

  it.each(LOCALES)("help in %s lists every command with examples and no unfilled placeholder", (locale) => {
    const slack = buildHelpView(locale, "slack", 5);
    expect(slack.sections.map((s) => s.command)).toEqual(["/poll", "/commit", "/pulse", "/trust"]);
    const trust = slack.sections[3]!.examples.join("\n");
    const subs = locale === "nl" ? ["gezondheid", "instellingen", "stuurgroep", "cultuur", "organisatie", "mijn-gegevens", "vergeet-mij", "hulp"] : ["health", "setup", "steering", "culture", "organisation", "my-data", "forget-me", "help"];
    for (const sub of subs) expect(trust).toContain(`/trust ${sub}:`);
    expect(slack.sections.every((s) => s.examples.length > 0)).toBe(true);
    expect(strings(slack).join("\n")).not.toMatch(/\{\w+\}/);
    expect(slack.footer).toContain("5");
  });

  // Issue 11: Teams help showed Slack's forms ("trust health", "trust forget-me"), never said
  // that plain words or the Dutch ones work or that groups need an @mention, and left out
  // organisation.
  it.each([
    ["en", ["poll", "commit", "pulse", "health", "setup", "culture", "organisation", "my data", "forget me", "link", "help"], /mention me first: @Alliance Trust Bot poll/],
    ["nl", ["peiling", "afspraak", "pulse", "gezondheid", "instellingen", "cultuur", "organisatie", "mijn gegevens", "vergeet mij", "koppelen", "hulp"], /Noem mij eerst in een groepschat of kanaal: @Alliance Trust Bot peiling/],
  ] as const)("Teams help in %s shows the words typed to the bot, in that language, and how to ask in groups", (locale, words, mention) => {
    const teams = buildHelpView(locale, "teams", 5);
    expect(teams.sections.map((s) => s.command)).toEqual(words);
    for (const word of words) expect(parseCommand(word), word).not.toBeNull();
    const all = strings(teams).join("\n");
    expect(all).not.toMatch(/trust (health|setup|culture|help|hulp)|forget-me|my-data|\/\w/);
    expect(all).not.toMatch(/\{\w+\}/);
    expect(teams.tips.join("\n")).toMatch(mention);
    expect(teams.tips.join("\n")).toMatch(/gezondheid/);
  });

  // Help and grammar drifted once ("--anonymous" advertised, refused): every example the help
  // shows must go through the real parsers, in the form each platform hands them over.
  describe.each(LOCALES)("help examples in %s parse", (locale) => {
    const now = new Date("2026-11-25T10:00:00Z"); // a Wednesday
    const context = { now, timeZone: "Europe/Amsterdam", locale, organizations: [{ id: "org-acme", name: "Acme" }], resolveMention: () => null };
    /** What the poll/commit handler receives on each platform: Slack's text after the slash command, Teams' args after the command word. */
    const argsOf = (platform: "slack" | "teams", example: string, command: "poll" | "commit") => {
      if (platform === "slack") {
        const [word, ...rest] = example.split(" ");
        expect(word).toBe(`/${command}`);
        return rest.join(" ");
      }
      const parsed = parseCommand(example);
      expect(parsed?.command, example).toBe(command);
      return parsed?.args ?? "";
    };
    const section = (platform: "slack" | "teams", index: number) => buildHelpView(locale, platform, 5).sections[index]!;

    it.each(["slack", "teams"] as const)("poll examples (%s) with their flags and deadlines", (platform) => {
      const examples = section(platform, 0).examples;
      expect(examples.length).toBeGreaterThan(1);
      for (const example of examples) {
        const parsed = parsePollCommand(argsOf(platform, example, "poll"));
        expect(parsed, example).toMatchObject({ ok: true });
        if (!parsed.ok) continue;
        expect(parsed.draft.options.length, example).toBeGreaterThanOrEqual(2);
        const closesAt = readPollDeadline(parsed.draft.deadlineText, context);
        if (parsed.draft.deadlineText) expect(closesAt!.getTime(), example).toBeGreaterThan(now.getTime());
      }
      // The second example shows the flags the description names, so they are checked too.
      const flagged = parsePollCommand(argsOf(platform, examples[1]!, "poll"));
      expect(flagged.ok && flagged.draft).toMatchObject({ anonymous: true, mode: "multiple", maxChoices: 2 });
      expect(flagged.ok && flagged.draft.deadlineText).toBeTruthy();
    });

    it.each(["slack", "teams"] as const)("commit examples (%s): create, list and outcome", async (platform) => {
      const kinds = [];
      for (const example of section(platform, 1).examples) kinds.push((await parseCommitCommand(argsOf(platform, example, "commit"), context)).kind);
      expect(kinds).toEqual(["create", "list", "outcome"]);
    });

    it("every Teams section is a command and its examples parse as that command", () => {
      for (const s of buildHelpView(locale, "teams", 5).sections) {
        expect(parseCommand(s.command), s.command).not.toBeNull();
        for (const example of s.examples) expect(parseCommand(example)?.command, example).toBe(parseCommand(s.command)?.command);
      }
    });
  });

  it("speaks Dutch when asked", () => {
    expect(buildHelpView("nl", "slack", 5).title).toContain("wat ik kan");
    expect(buildForgetMeConfirmView("nl", "m1")).toMatchObject({ title: "Mij vergeten?", confirmLabel: "Ja, vergeet mij", memberId: "m1" });
  });

  it("pre-fills the setup form and shows translated errors in place", () => {
    const view = buildSetupFormView(
      "en",
      { name: "Delta", organizations: [] },
      [{ field: "anonymityThreshold", code: "ANONYMITY_THRESHOLD_TOO_LOW", details: { min: 3 } }, { field: "name", code: "INVALID_INPUT", details: { field: "name", reason: "Too small" } }],
    );
    expect(view.values.name).toBe("Delta");
    expect(view.organizationLabels).toEqual(["Organisation 1", "Organisation 2"]);
    expect(view.errors).toEqual({ anonymityThreshold: "The anonymity threshold can't be lower than 3.", name: "That input doesn't look right: Too small" });
    expect(view.choices.weekdays).toHaveLength(7);
    expect(view.choices.hours[9]).toEqual({ value: 9, label: "09:00" });
    expect(strings(view).join("\n")).not.toMatch(/\{\w+\}/);
  });

  it("offers the organisations to choose from and a new name while there is room", () => {
    const orgs = [{ id: "o1", allianceId: "a", name: "Acme", emailDomains: [], slackTeamIds: [] }];
    expect(buildChooseOrganizationView("en", orgs)).toMatchObject({ organizations: [{ value: "o1", label: "Acme" }], allowNew: true });
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...orgs[0]!, id: `o${i}` }));
    expect(buildChooseOrganizationView("en", ten).allowNew).toBe(false);
  });

  it("summarises the export per section and attaches the full JSON", () => {
    const view = buildMyDataView("en", exportData);
    expect(view.sections).toEqual([
      { key: "commitments.owned", label: "Commitments you own", count: 2 },
      { key: "culture.requests", label: "culture.requests", count: 0 },
    ]);
    expect(view.profile).toBe("Profile: Ann, none, role member, organisation Acme.");
    expect(JSON.parse(view.file.content)).toEqual(exportData);
    expect(view.file.name).toBe("my-data-2026-11-30.json");
    expect(view.note).toMatch(/anonymous/);
  });

  // Issue 11: the confirmation promised to remove "named votes", but forgetting keeps the vote
  // (unlinked from the member), and agreements made to them show "former member" like those they owned.
  it.each([
    ["en", "Your votes in named polls still count, but no longer show your name.", "Commitments you made, and those made to you, stay, showing \"former member\" instead of your name."],
    ["nl", "Je stemmen in peilingen op naam tellen nog mee, maar tonen je naam niet meer.", "Afspraken die je maakte en afspraken met jou blijven staan, met \"voormalig lid\" in plaats van je naam."],
  ] as const)("the forget-me confirmation in %s says the vote still counts, unattributed", (locale, votes, owed) => {
    const view = buildForgetMeConfirmView(locale, "m1");
    expect(view.text).toContain(votes);
    expect(view.text).toContain(owed);
    expect(view.text).not.toMatch(/named votes|stemmen op naam, en/);
  });

  it("says whether forgetting removed something or had been done before", () => {
    expect(buildForgetMeDoneText("en", { memberId: "m", alreadyErased: false })).toMatch(/^Done/);
    expect(buildForgetMeDoneText("nl", { memberId: "m", alreadyErased: true })).toMatch(/al vergeten/);
  });
});
