import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { renderSummaryMarkdown } from "#core/summary/render-summary-markdown.js";
import { summaryView } from "#core/summary/summary-views.js";
import { NO_COMMITMENT_EVENTS } from "#core/trust-health/trust-health-inputs.js";
import { perceivedPeriod } from "../trust-health/period-builder.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";

const summary = buildTrustHealthSummary(workedInput);

describe("renderSummaryMarkdown", () => {
  it("renders the worked example in English with scores, statuses, diagnosis and steps", () => {
    const md = renderSummaryMarkdown(summary, "en");
    expect(md).toContain("# Trust health · Acme × Bolt");
    expect(md).toContain("**Trust-health index: 59.4** 🟠 amber · steady (−0.7)");
    expect(md).toContain("## Diagnosis: Not enough evidence yet");
    expect(md).toContain("**The partners keep 76% of what they owe each other (55–90%, based on 8 outcomes): not clear enough yet");
    expect(md).toContain("Log agreements between the partners as commitments");
    expect(md).toMatch(/\| Reliability \| 77\.6 \| 🟢 green \| up \+5\.6 \| `[▁-█]{2}` \| 48% observed 75\.0 \(n = 8\) \+ 52% perceived 80\.0 \|/);
    expect(md).toContain("| Acme → its partners | 80.0 (53.8–94.9; 5) | no data | 75.0 (62.8–86.1; 5) | +5.0 | Not enough evidence yet |");
    expect(md).toContain("| Bolt → its partners | 70.9 (38.1–92.6; 3) | no data | hidden (fewer than 5 people) | – | Not enough evidence yet |");
    expect(md).toContain("Broken: “Share the pilot results” (Bolt → Acme, due 2026-03-04)");
    // Acme's 80% → 60% from 10 people is within noise (docs/trust-health.md §8), so no event.
    expect(md).not.toContain("Participation at Acme fell");
    expect(md).toContain("Not enough data yet to see what moves trust");
    expect(md).toContain("| Trust | 61% |  |");
    expect(md).toContain("Acme: mostly hierarchy now; would prefer clan.");
    expect(md).toContain("Hidden because fewer than 5 people answered: how partners rate Bolt; culture profile of Bolt.");
  });

  it("renders a participation drop that clears noise with its next step", () => {
    const dropped = {
      ...summary,
      events: [
        ...summary.events,
        {
          event: { kind: "participation_falling" as const, organizationId: "org-a", previousRate: 80, currentRate: 20, drop: 60 },
          step: "trustHealth.eventStep.participation_falling" as const,
        },
      ],
    };
    expect(renderSummaryMarkdown(dropped, "en")).toContain("Participation at Acme fell from 80% to 20%");
  });

  it("nests each partner pair's flagged quadrant differences under that pair", () => {
    const acme = summary.cultureFit!.organizations[0]!;
    const profile = { ...acme, hidden: false, dominantNow: ["market" as const], dominantPreferred: ["clan" as const] };
    const withPairs = {
      ...summary,
      cultureFit: {
        ...summary.cultureFit!,
        organizations: [acme, { ...profile, organizationId: "org-b", name: "Bolt" }, { ...profile, organizationId: "org-c", name: "Cargo" }],
        pairs: [
          { organizationIds: ["org-a", "org-b"] as const, distance: 18.4, flagged: [{ quadrant: "market" as const, difference: -12.5 }, { quadrant: "hierarchy" as const, difference: 14 }] },
          { organizationIds: ["org-a", "org-c"] as const, distance: 6.1, flagged: [] },
          { organizationIds: ["org-b", "org-c"] as const, distance: 11.2, flagged: [{ quadrant: "clan" as const, difference: 10.5 }] },
        ],
      },
    };
    const md = renderSummaryMarkdown(withPairs, "en");
    const section = md.slice(md.indexOf("## Culture fit"), md.indexOf("_Hidden because"));
    expect(section.trim().split("\n").slice(2)).toEqual([
      "- Acme: mostly hierarchy now; would prefer clan.",
      "- Bolt: mostly market now; would prefer clan.",
      "- Cargo: mostly market now; would prefer clan.",
      "- Acme ↔ Bolt: culture distance 18.4 out of 100.",
      "  - market differs by −12.5 points (flag at 10).",
      "  - hierarchy differs by +14.0 points (flag at 10).",
      "- Acme ↔ Cargo: culture distance 6.1 out of 100.",
      "- Bolt ↔ Cargo: culture distance 11.2 out of 100.",
      "  - clan differs by +10.5 points (flag at 10).",
    ]);
    // Chat renderers get the same entries flattened, flags right after their pair.
    expect(summaryView(withPairs, "en").presentation.culture?.lines.slice(3, 6)).toEqual([
      "Acme ↔ Bolt: culture distance 18.4 out of 100.",
      "market differs by −12.5 points (flag at 10).",
      "hierarchy differs by +14.0 points (flag at 10).",
    ]);
  });

  it("renders Dutch with decimal commas and Dutch texts", () => {
    const md = renderSummaryMarkdown(summary, "nl");
    expect(md).toContain("# Vertrouwensgezondheid · Acme × Bolt");
    expect(md).toContain("**Vertrouwensindex: 59,4** 🟠 oranje");
    expect(md).toContain("## Diagnose: Nog niet genoeg bewijs");
    expect(md).toContain("| Acme → zijn partners | 80,0 (53,8–94,9; 5) |");
    expect(md).toContain("| Betrouwbaarheid | 77,6 | 🟢 groen | omhoog +5,6 |");
    expect(md).toContain("Gebroken: “Share the pilot results” (Bolt → Acme, uiterlijk 2026-03-04)");
  });

  it.each(["en", "nl"] as const)("leaves no placeholder unfilled in %s, also without data", (locale) => {
    const empty = buildTrustHealthSummary({
      ...workedInput,
      periods: [perceivedPeriod(1, {})],
      say: null,
      commitmentEvents: NO_COMMITMENT_EVENTS,
      cultureFit: null,
    });
    for (const md of [renderSummaryMarkdown(summary, locale), renderSummaryMarkdown(empty, locale)]) {
      expect(md).not.toMatch(/\{\w+\}/);
      expect(md).not.toMatch(/(trustHealth|summary|common)\.[a-z_]+/);
    }
    expect(renderSummaryMarkdown(empty, locale)).toContain(locale === "en" ? "Not enough evidence yet" : "Nog niet genoeg bewijs");
  });

  it("without data: 'no data' once on the index line, says there were no pulse rounds, and keeps the docs reference the chat versions leave out", () => {
    const empty = buildTrustHealthSummary({ ...workedInput, periods: [perceivedPeriod(1, {})], say: null, commitmentEvents: NO_COMMITMENT_EVENTS, cultureFit: null });
    const md = renderSummaryMarkdown(empty, "en");
    expect(md).toContain("**Trust-health index: no data** ⚪ · ");
    expect(md).toContain("No pulse rounds in week 1, 2026.");
    expect(md).toContain("Every formula is in docs/trust-health.md.");
    expect(summaryView(empty, "en").presentation.footer).not.toContain("docs/");
  });
});

describe("summaryView", () => {
  it("carries the summary and its presentation in the reader's language", () => {
    const view = summaryView(summary, "nl");
    expect(view.kind).toBe("trust_health_summary");
    expect(view.presentation.diagnosis.title).toBe("Nog niet genoeg bewijs");
    expect(view.presentation.pillars.items).toHaveLength(5);
  });
});
