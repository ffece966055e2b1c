// Summary sentences count with real plurals: "Overdue by 1 day", "1 commitment has", "based on
// 1 outcome", and a recency-weighted 2.5 in the locale's own decimals.
import { describe, expect, it } from "vitest";
import { translator } from "#core/i18n/catalogue.js";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { eventText } from "#core/summary/present-summary-sections.js";
import { presentSummary } from "#core/summary/present-summary.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";

const summary = buildTrustHealthSummary(workedInput);
const overdue = (daysOverdue: number) =>
  ({ kind: "commitment_overdue", commitment: { id: "c1", text: "send the annex", ownerOrganizationId: "x", beneficiaryOrganizationId: null, dueDate: "2026-12-04", daysOverdue } }) as const;

describe("an overdue agreement in the summary's events", () => {
  it("counts its days with the language's plural rules", () => {
    expect(eventText(summary, overdue(1), translator("en"), "en")).toMatch(/^Overdue by 1 day: /);
    expect(eventText(summary, overdue(3), translator("en"), "en")).toMatch(/^Overdue by 3 days: /);
    expect(eventText(summary, overdue(1), translator("nl"), "nl")).toMatch(/^1 dag te laat: /);
    expect(eventText(summary, overdue(4), translator("nl"), "nl")).toMatch(/^4 dagen te laat: /);
  });
});

describe("counts in the agreements section and the partners' records", () => {
  const withCounts = (commitments: number) => ({ ...summary, clarity: { ...summary.clarity, share: 100, commitments } });

  it("says one commitment in the singular, and a weighted count with the locale's decimal sign", () => {
    const line = (n: number, locale: "en" | "nl") => presentSummary(withCounts(n), locale).agreements.lines.find((l) => l.startsWith(locale === "en" ? "Clear agreements" : "Duidelijke afspraken"));
    expect(line(1, "en")).toContain("100% of 1 commitment has an owner");
    expect(line(2.5, "en")).toContain("100% of 2.5 commitments have an owner");
    expect(line(1, "nl")).toContain("100% van 1 toezegging heeft");
    expect(line(2.5, "nl")).toContain("100% van 2,5 toezeggingen heeft");
  });

  it("never leaves a plural block unresolved", () => {
    // A weighted 2.5 was formatted "2,5" before the plural block saw it, which left the block raw in Dutch.
    const weighted = { ...withCounts(2.5), reciprocity: { ...summary.reciprocity, balance: 80, exchanges: 2.5 } };
    for (const locale of ["en", "nl"] as const) expect(JSON.stringify(presentSummary(weighted, locale))).not.toContain(", plural,");
    expect(presentSummary(weighted, "nl").agreements.lines.join("\n")).toContain("op basis van 2,5 geleverde toezeggingen");
  });
});

describe("the say-vs-do note", () => {
  it("counts the poll's respondents with plural rules", () => {
    const say = summary.sayVsDo.say;
    if (!say) throw new Error("the worked example has a say-vs-do poll");
    const one = { ...summary, sayVsDo: { ...summary.sayVsDo, say: { ...say, respondents: 1 } } };
    expect(presentSummary(one, "en").sayVsDo.note).toBe("1 person answered the poll.");
    expect(presentSummary(one, "nl").sayVsDo.note).toBe("1 persoon beantwoordde de peiling.");
    expect(presentSummary(summary, "nl").sayVsDo.note).toMatch(/^\d+ mensen beantwoordden de peiling\.$/);
  });
});
