import { describe, expect, it } from "vitest";
import type { PendingPulse } from "#core/pulse/pulse-service.js";
import {
  buildNoPulseOpenText,
  buildPulseAnsweredView,
  buildPulseQuestionView,
  buildPulseReminderView,
  buildPulseThankYouView,
} from "#core/pulse/pulse-views.js";

const pending: PendingPulse = {
  round: {
    id: "r1",
    allianceId: "al",
    periodKey: "2026-W48",
    itemKeys: ["rel.kept_agreements", "tru.take_risks"],
    openedAt: new Date("2026-11-25T09:00:00Z"),
    closesAt: new Date("2026-11-29T23:00:00Z"),
  },
  invite: { id: "i1", roundId: "r1", memberId: "m1", organizationId: "A", sentAt: null, completedAt: null, remindedAt: null },
  questions: [
    { itemKey: "rel.kept_agreements", category: "reliability", targetOrganizationId: "B", targetName: "Beta", self: false, answer: null },
    { itemKey: "rel.kept_agreements", category: "reliability", targetOrganizationId: "A", targetName: "Alpha", self: true, answer: { score: 4, comment: "fine" } },
    { itemKey: "tru.take_risks", category: "trust", targetOrganizationId: "", targetName: null, self: false, answer: null },
  ],
  remaining: 2,
};
const en = { locale: "en" as const, timeZone: "Europe/Amsterdam", k: 5 };
const nl = { ...en, locale: "nl" as const };

describe("pulse views", () => {
  it("asks about a partner by name, with the 1–5 scale, can't say, a comment field and the intro on the first question", () => {
    const view = buildPulseQuestionView(pending, 0, en);
    expect(view).toMatchObject({
      kind: "pulse.question",
      targetOrganizationId: "B",
      prompt: "Beta kept its agreements with us this period.",
      about: "About Beta",
      pillar: "Reliability",
      progress: "Question 1 of 3",
      cantSayLabel: "Can't say",
      comment: { maxLength: 500 },
      current: null,
    });
    expect(view.options.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(view.options[4]!.label).toBe("Strongly agree");
    expect(view.intro).toContain("at least 5 people");
    expect(view.closesText).toBe("Open until Sunday 29 November at 23:59.");
  });

  it("asks the self-perception question about one's own organisation and preselects the earlier answer", () => {
    const view = buildPulseQuestionView(pending, 1, nl);
    expect(view.prompt).toBe("Wij zijn deze periode onze afspraken met onze partners nagekomen.");
    expect(view.about).toBe("Over je eigen organisatie");
    expect(view.intro).toBeNull();
    expect(view.current).toEqual({ score: 4, comment: "fine" });
    expect(view.closesText).toBe("Open tot zondag 29 november om 23:59.");
  });

  it("shows non-directional items without a target", () => {
    const view = buildPulseQuestionView(pending, 2, en);
    expect(view).toMatchObject({ about: null, targetOrganizationId: "", pillar: "Trust" });
    expect(view.prompt).toBe("I am willing to take risks together with our partners in this alliance.");
  });

  it("confirms an answer, thanks at the end and reminds, in both languages", () => {
    const answered = buildPulseAnsweredView(pending, pending.questions[0]!, null, en);
    expect(answered.text).toContain("Saved: Can't say.");
    expect(answered.remaining).toBe(2);
    expect(buildPulseAnsweredView(pending, pending.questions[0]!, 5, nl).text).toContain("Opgeslagen: Helemaal eens.");
    expect(buildPulseThankYouView(nl).text).toContain("minstens 5 personen");
    expect(buildPulseReminderView(pending.round.closesAt, en).text).toContain("Sunday 29 November");
  });

  // Issue 11: "nothing open" said the next round "comes automatically", never when.
  it("says when the next round opens when nothing is open, in the alliance's time zone", () => {
    const alliance = { timezone: "Europe/Amsterdam", pulse: { cadence: "weekly" as const, weekday: 3, hour: 10, itemsPerRound: 4 } };
    const thursday = new Date("2026-11-26T12:00:00Z");
    expect(buildNoPulseOpenText(alliance, thursday, "en")).toBe(
      "You have no open pulse questions right now. The next round opens on Wednesday 2 December at 10:00; I'll send you its questions in a direct message then.",
    );
    expect(buildNoPulseOpenText(alliance, thursday, "nl")).toContain("De volgende ronde begint op woensdag 2 december om 10:00");
    // Before this week's slot it is this week's round.
    expect(buildNoPulseOpenText(alliance, new Date("2026-11-25T08:00:00Z"), "en")).toContain("Wednesday 25 November at 10:00");
  });
});
