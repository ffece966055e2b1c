// Issue 11: "due in 1 day(s)". Plural forms come from each locale's plural rules, and no
// template in either language falls back to "(s)" / "(en)" or to jargon a member cannot read.
import { describe, expect, it } from "vitest";
import { translate, type MessageKey } from "#core/i18n/catalogue.js";
import { allianceMessages } from "#core/i18n/messages/alliance.js";
import { commitmentMessages } from "#core/i18n/messages/commitments.js";
import { commonMessages } from "#core/i18n/messages/common.js";
import { cultureMessages } from "#core/i18n/messages/culture.js";
import { pollMessages } from "#core/i18n/messages/polls.js";
import { pulseMessages } from "#core/i18n/messages/pulse.js";
import { reachMessages } from "#core/i18n/messages/reach.js";
import { slackMessages } from "#core/i18n/messages/slack.js";
import { summaryMessages } from "#core/i18n/messages/summary.js";
import { teamsMessages } from "#core/i18n/messages/teams.js";
import { trustHealthMessages } from "#core/i18n/messages/trust-health.js";
import { selectPlurals } from "#core/i18n/plural.js";
import { LOCALES } from "#core/shared/refs.js";

const modules = [allianceMessages, commitmentMessages, commonMessages, cultureMessages, pollMessages, pulseMessages, reachMessages, slackMessages, summaryMessages, teamsMessages, trustHealthMessages];
const templates = modules.flatMap((m) => LOCALES.map((locale) => Object.entries(m[locale] as Record<string, string>).map(([key, text]) => ({ locale, key, text }))).flat());

describe("plural forms", () => {
  it("picks the branch by the locale's rules, with the number formatted for the locale", () => {
    const days = "{days, plural, one {# day} other {# days}}";
    expect(selectPlurals("en", `due in ${days}`, { days: 1 })).toBe("due in 1 day");
    expect(selectPlurals("en", `due in ${days}`, { days: 0 })).toBe("due in 0 days");
    expect(selectPlurals("en", `due in ${days}`, { days: 2 })).toBe("due in 2 days");
    expect(selectPlurals("nl", "{n, plural, one {# stem} other {# stemmen}}", { n: 1000 })).toBe("1.000 stemmen");
    expect(selectPlurals("en", "{n, plural, =0 {no votes} one {# vote} other {# votes}}", { n: 0 })).toBe("no votes");
    expect(selectPlurals("en", "{n, plural, one {# vote for {name}} other {# votes for {name}}}", { n: 1 })).toBe("1 vote for {name}");
    expect(selectPlurals("en", days, {})).toBe(days); // missing: left visible for a test to catch
  });

  it.each(LOCALES)("the catalogue in %s says 1 day, 1 member, 1 vote, 1 question — not day(s)", (locale) => {
    const one = (key: MessageKey, params: Record<string, string | number>) => translate(locale, key, params);
    expect(one("commitments.dueInDays", { days: 1 })).toBe(locale === "en" ? "due in 1 day" : "over 1 dag");
    expect(one("commitments.dueInDays", { days: 3 })).toBe(locale === "en" ? "due in 3 days" : "over 3 dagen");
    expect(one("commitments.overdueDays", { days: 1 })).toBe(locale === "en" ? "overdue by 1 day" : "1 dag over de deadline");
    expect(one("polls.voters", { count: 1 })).toBe(locale === "en" ? "1 vote" : "1 stem");
    expect(one("error.ALLIANCE_ORGANIZATION_IN_USE", { name: "Acme", count: 1 })).toContain(locale === "en" ? "still has 1 member." : "heeft nog 1 lid.");
    expect(one("pulse.intro", { count: 1, k: 3 })).toContain(locale === "en" ? "1 short question." : "1 korte vraag.");
    expect(one("alliance.setup.savedMembers.teams", { mapped: 1 })).toContain(locale === "en" ? "(1 member so far)" : "(1 lid tot nu toe)");
  });

  it("leaves no (s)/(en)-style plural and no member-facing jargon in any template", () => {
    const offenders = templates.filter(({ text }) => /\w\((s|en|n)\)|lid\/leden|uncertainty of the content|onzekerheid over de inhoud/i.test(text));
    expect(offenders.map((o) => `${o.locale} ${o.key}`)).toEqual([]);
  });

  it("every plural block has an 'other' branch and resolves for 1 and 2 in both languages", () => {
    for (const { locale, key, text } of templates.filter((t) => t.text.includes(", plural,"))) {
      const names = [...text.matchAll(/\{(\w+), plural,/g)].map((m) => m[1]!);
      for (const n of [1, 2]) {
        const out = selectPlurals(locale, text, Object.fromEntries(names.map((name) => [name, n])));
        expect(out, `${locale} ${key}`).not.toContain(", plural,");
      }
      expect(text, `${locale} ${key}`).toMatch(/other\s*\{/);
    }
  });
});
