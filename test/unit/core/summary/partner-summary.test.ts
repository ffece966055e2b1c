// The summary about partners: the verdict names the partner and who it owes, the index cannot be
// green over a red partner verdict, give and take is shown both ways and a lopsided pair is named,
// and the next steps say who should talk to whom — in the model, the Markdown, Slack and Teams.
import { describe, expect, it } from "vitest";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { renderSummaryMarkdown } from "#core/summary/render-summary-markdown.js";
import { summaryView } from "#core/summary/summary-views.js";
import { NO_COMMITMENT_EVENTS, type Perceived, type TrustHealthPeriodInput } from "#core/trust-health/trust-health-inputs.js";
import { renderSummary } from "#platforms/slack/render/summary-blocks.js";
import { renderSummaryCard } from "#platforms/teams/render/summary-card.js";
import { perceivedPeriod } from "../trust-health/period-builder.js";

const seen = (mean: number, respondents: number): Perceived => ({ kind: "score", score: 0, mean, respondents });
const pillarsAt90 = { reliability: 90, reciprocity: 90, transparency: 90, clear_agreements: 90, trust: 90 };

/** Acme keeps 19 of 20 it owes Bolt; Bolt keeps 5 of 20 it owes Acme, while Acme trusts Bolt (4.4 from 8 people). */
function period(): TrustHealthPeriodInput {
  return perceivedPeriod(10, pillarsAt90, {
    organizations: [
      { organizationId: "org-a", name: "Acme", observed: { keptRate: 0.95, resolved: 20 }, perceivedByPartners: seen(4.3, 8), trustByPartners: seen(4.4, 8), participation: null },
      { organizationId: "org-b", name: "Bolt", observed: { keptRate: 0.25, resolved: 20 }, perceivedByPartners: seen(4.2, 8), trustByPartners: seen(4.4, 8), participation: null },
    ],
    directions: [
      { fromOrganizationId: "org-a", toOrganizationId: "org-b", observed: { keptRate: 0.95, resolved: 20 }, delivered: 19, perceivedReliability: seen(4.3, 8), trust: seen(4.4, 8) },
      { fromOrganizationId: "org-b", toOrganizationId: "org-a", observed: { keptRate: 0.25, resolved: 20 }, delivered: 5, perceivedReliability: seen(4.2, 8), trust: seen(4.4, 8) },
    ],
  });
}

const summary = buildTrustHealthSummary({
  alliance: { id: "al", name: "Acme × Bolt", uncertainty: "medium", anonymityThreshold: 5 },
  periods: [period()],
  say: null,
  commitmentEvents: NO_COMMITMENT_EVENTS,
  cultureFit: null,
  generatedAt: new Date("2026-03-09T08:00:00Z"),
});

describe("the summary about partners", () => {
  it("gives fragile trust about the direction Bolt → Acme, and healthy for Acme", () => {
    expect(summary.diagnosis).toMatchObject({ diagnosis: "fragile_trust", subject: { kind: "pair", fromOrganizationId: "org-b", toOrganizationId: "org-a" } });
    const verdicts = summary.findings.map((f) => [f.subject, f.diagnosis]);
    expect(verdicts).toContainEqual([{ kind: "organization", organizationId: "org-a" }, "healthy"]);
    expect(verdicts).toContainEqual([{ kind: "organization", organizationId: "org-b" }, "fragile_trust"]);
  });

  it("holds the index below green although every pillar is 90, naming the partner", () => {
    expect(summary.index).toMatchObject({ score: 69.9, rag: "amber", cappedBy: { diagnosis: "fragile_trust" } });
  });

  it("shows give and take both ways and names the lopsided pair", () => {
    expect(summary.reciprocity.pairs).toEqual([
      { organizationA: "org-a", organizationB: "org-b", deliveredAToB: 19, deliveredBToA: 5, balance: 0.263, lopsidedGiver: "org-a" },
    ]);
  });

  it("says it in words, in English and Dutch, the same in Markdown, Slack and Teams", () => {
    const md = renderSummaryMarkdown(summary, "en");
    if (process.env.SHOW_MD) console.log(md);
    expect(md).toContain("**Fragile trust: Bolt keeps 29% of what it owes Acme");
    expect(md).toContain("based on 20 outcomes), while Acme's trust in Bolt is high (");
    expect(md).toContain("_Held below green because of Bolt → Acme: Fragile trust._");
    expect(md).toContain("- Bolt and Acme: go through what Bolt promised Acme and did not deliver");
    expect(md).toContain("- Bolt and Acme: Acme delivers much more to Bolt than the other way round; talk about what Bolt can give back.");
    expect(md).toContain("Give and take is lopsided: Acme delivered 19 to Bolt, Bolt delivered 5 to Acme.");
    expect(md).toContain("- Acme → Bolt: 19 delivered; Bolt → Acme: 5 delivered. Lopsided: Acme gives clearly more.");
    expect(md).toContain("| Bolt → Acme | 28.5 (17.9–41.4; 20) | 91.0 (83.9–97.8; 8) | 88.0 (79.9–94.8; 8) | −59.5 ⚠ (clear of noise) | Fragile trust |");
    // With one partner each, an organisation's row would repeat its direction's: only the direction shows.
    expect(md).not.toContain("| Bolt → its partners |");
    expect(renderSummaryMarkdown(summary, "nl")).toContain("**Broos vertrouwen: Bolt komt 29% na van wat het Acme heeft toegezegd");

    const view = summaryView(summary, "en");
    const slack = JSON.stringify(renderSummary(view));
    expect(slack).toContain("Fragile trust: Bolt keeps 29% of what it owes Acme");
    expect(slack).toContain("Bolt → Acme");
    const teams = JSON.stringify(renderSummaryCard(view).card);
    expect(teams).toContain("Fragile trust: Bolt keeps 29% of what it owes Acme");
    expect(teams).toContain("Acme → Bolt: 19 delivered; Bolt → Acme: 5 delivered.");
  });
});
