/**
 * Adaptive Card renderers: every view kind renders (a table keyed by View["kind"] fails the type
 * check when a kind is added), cards are schema 1.5, every Action.Execute carries an Action.Submit
 * fallback with the same data, and the largest realistic cards stay under the 24 KB budget
 * (Teams' webhook limit is 28 KB; bots may send 100 KB).
 */
import { describe, expect, it } from "vitest";
import { buildSetupFormView } from "#core/alliance/alliance-views.js";
import type { CommitmentListView } from "#core/commitments/commitment-views.js";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { summaryView } from "#core/summary/summary-views.js";
import { CARD_BUDGET_BYTES, messageBytes } from "#platforms/teams/render/card-kit.js";
import { renderView } from "#platforms/teams/render/render-view.js";
import { toMessage } from "#platforms/teams/render/to-message.js";
import { renderCommitmentCreateForm } from "#platforms/teams/render/commitment-form-card.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";
import { pollView, viewSamples } from "../../../fixtures/view-samples.js";
import { perceivedPeriod } from "../../core/trust-health/period-builder.js";
import { NO_COMMITMENT_EVENTS } from "#core/trust-health/trust-health-inputs.js";

/** Every object in a card tree with a `type`. */
function nodes(tree: unknown): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, any>;
    if (typeof o.type === "string") out.push(o);
    Object.values(o).forEach(walk);
  };
  walk(tree);
  return out;
}

describe("renderView", () => {
  it.each(Object.values(viewSamples).map((view) => [view.kind, view] as const))("renders %s as a 1.5 card or text within budget", (_kind, view) => {
    const render = renderView(view);
    expect(render.card ?? render.text).toBeTruthy();
    if (render.card) {
      expect(render.card.version).toBe("1.5");
      expect(render.summary).toBeTruthy();
    }
    expect(messageBytes(toMessage(render))).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it("gives every Action.Execute button an Action.Submit fallback carrying the same verb and data", () => {
    for (const view of Object.values(viewSamples)) {
      // `refresh` is Universal Actions only (clients without it simply never refresh): no fallback.
      const { refresh: _refresh, ...card } = (renderView(view).card ?? {}) as Record<string, unknown>;
      for (const action of nodes(card).filter((n) => n.type === "Action.Execute")) {
        expect(action.fallback).toMatchObject({ type: "Action.Submit", data: action.data });
        expect(action.data.verb).toBe(action.verb);
      }
    }
  });

  it("keeps the largest cards well under 28 KB: 10-option poll with breakdown, 48-field culture form, summary, full setup", () => {
    const setup = buildSetupFormView("en", {
      name: "N".repeat(80),
      organizations: Array.from({ length: 10 }, (_, i) => ({ id: `org-${i}`.padEnd(36, "0"), name: `Org ${i}`.padEnd(80, "x"), emailDomains: ["a.example.com", "b.example.com"], slackTeamIds: ["T0123456789"] })),
    });
    const sizes = {
      poll: messageBytes(toMessage(renderView(pollView(), { poll: { myChoice: ["opt1", "opt2"], canClose: true } }))),
      culture: messageBytes(toMessage(renderView(viewSamples["culture.assessment-form"]))),
      summary: messageBytes(toMessage(renderView(viewSamples.trust_health_summary))),
      setup: messageBytes(toMessage(renderView(setup, { setup: { canChooseHereAsSteering: true } }))),
    };
    for (const size of Object.values(sizes)) expect(size).toBeLessThan(CARD_BUDGET_BYTES);
    console.log(`[teams card sizes, bytes] ${JSON.stringify(sizes)}`);
  });

  it("renders a long commitment list (50 items) within budget", () => {
    const list: CommitmentListView = {
      kind: "commitment_list", title: "Our organisation's open agreements", emptyText: null,
      items: Array.from({ length: 50 }, (_, i) => ({ commitmentId: `c${i}`, number: i + 1, line: `#${i + 1} ${"Deliver the thing ".repeat(10)} — Beta · Fri 5 Dec 2026`, statusText: "Open", overdue: i % 7 === 0 })),
    };
    expect(messageBytes(toMessage(renderView(list)))).toBeLessThan(CARD_BUDGET_BYTES);
  });
});

describe("poll card", () => {
  it("pre-selects the viewer's choice, confirms it, and asks Teams to refresh per viewer", () => {
    const card = renderView(pollView(), { poll: { myChoice: ["opt1", "opt3"] } }).card!;
    expect(JSON.stringify(card)).toContain("Your vote: Option 1");
    expect((card as any).refresh.action).toMatchObject({ type: "Action.Execute", verb: "poll.refresh", data: { pollId: "p".repeat(25) } });
  });

  // Issue 11: every option appeared twice (a result row and a radio button) and empty bars looked
  // like text boxes. One row per option is both the choice (tap it) and its result.
  it("has one row per option that is both the choice and its result, with no second list of radio buttons", () => {
    const card = renderView(pollView(), { poll: { myChoice: ["opt1", "opt3"] } }).card!;
    expect(nodes(card).some((n) => n.type === "Input.ChoiceSet")).toBe(false);
    const rows = nodes(card).filter((n) => n.type === "Container" && n.selectAction);
    expect(rows).toHaveLength(10);
    // Multiple choice: tapping ticks or unticks that one option; `seen` is what the card showed.
    expect(rows[0]!.selectAction).toMatchObject({ type: "Action.Execute", verb: "poll.vote", data: { pollId: "p".repeat(25), choice: "opt1,opt3,opt0", seen: "opt1,opt3" } });
    expect(rows[1]!.selectAction.data).toMatchObject({ choice: "opt3", seen: "opt1,opt3" });
    expect(JSON.stringify(rows[1])).toContain("Option 1");
    expect(JSON.stringify(rows[1])).toContain("1 · 2%");
    // Single choice: tapping a row chooses it.
    const single = nodes(renderView(pollView({ mode: "single" }), { poll: { myChoice: ["opt2"] } }).card).filter((n) => n.type === "Container" && n.selectAction);
    expect(single[4]!.selectAction.data).toMatchObject({ choice: "opt4", seen: "opt2" });
    expect(JSON.stringify(single[2])).toContain("◉ **3 · Option 2");
    expect(JSON.stringify(single[4])).toContain("○ 5 · Option 4");
  });

  it("draws a bar for options with votes only: a 0% option shows its figure, not an empty box", () => {
    const card = renderView(pollView()).card!;
    const rows = nodes(card).filter((n) => n.type === "Container" && n.selectAction);
    const hasBar = (row: any) => nodes(row).some((n) => n.type === "ColumnSet" && n.columns?.[0]?.style === "accent");
    expect(hasBar(rows[0])).toBe(false); // Option 0 has no votes
    expect(rows.slice(1).every(hasBar)).toBe(true);
    expect(nodes(card).some((n) => n.type === "Column" && n.style === "emphasis")).toBe(false);
  });

  it("hides the vote controls once closed", () => {
    const closed = nodes(renderView(pollView({ acceptsVotes: false, status: "closed", voteHint: "This poll is closed." })).card);
    expect(closed.some((n) => n.selectAction)).toBe(false);
    expect(closed.some((n) => n.verb === "poll.vote")).toBe(false);
  });

  it("aligns chosen and plain option rows: no row text starts with Markdown list syntax, which Teams indents", () => {
    const rows = nodes(renderView(pollView(), { poll: { myChoice: ["opt1"] } }).card)
      .filter((n) => n.type === "TextBlock" && /Option \d/.test(String(n.text)) && !String(n.text).startsWith("Your vote"))
      .map((n) => String(n.text));
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).not.toMatch(/^\s*(\d+[.)]|[-*+])\s/);
    expect(rows[0]).toMatch(/^☐ 1 · Option 0/);
    expect(rows[1]).toMatch(/^☑ \*\*2 · Option 1.*\*\*$/);
  });

  it("offers Close only to those allowed to close", () => {
    const verbs = (canClose: boolean) => nodes(renderView(pollView(), { poll: { canClose } }).card).filter((n) => n.type === "Action.Execute").map((n) => n.verb);
    expect(verbs(false)).not.toContain("poll.close");
    expect(verbs(true)).toContain("poll.close");
  });
});

describe("commitment form card", () => {
  const draft = { text: "send the draft plan", owner: null, beneficiary: null, dueAt: null, dueText: "friday" };

  it("before setup says there are no partner organisations instead of a required dropdown without choices", () => {
    const card = renderCommitmentCreateForm({ locale: "en", draft, missing: ["beneficiary"], problems: [], organizations: [] }).card!;
    const all = nodes(card);
    expect(all.filter((n) => n.type === "Input.ChoiceSet")).toEqual([]);
    expect(all.some((n) => n.type === "TextBlock" && String(n.text).startsWith("No partner organisations are set up yet") && String(n.text).includes("setup"))).toBe(true);
    // Nothing could be saved, so there is no Save that silently does nothing.
    expect(all.filter((n) => n.type === "Action.Execute")).toEqual([]);
    const dutch = nodes(renderCommitmentCreateForm({ locale: "nl", draft, missing: ["beneficiary"], problems: [], organizations: [] }).card);
    expect(dutch.some((n) => n.type === "TextBlock" && String(n.text).startsWith("Er zijn nog geen partnerorganisaties"))).toBe(true);
  });

  it("offers the partner organisations once they exist", () => {
    const card = renderCommitmentCreateForm({ locale: "en", draft, missing: ["beneficiary"], problems: [], organizations: [{ id: "o1", name: "Acme" }] }).card!;
    expect(nodes(card).find((n) => n.type === "Input.ChoiceSet")).toMatchObject({ id: "beneficiary", isRequired: true, choices: [{ title: "Acme", value: "o1" }] });
    expect(nodes(card).filter((n) => n.type === "Action.Execute").map((n) => n.verb)).toEqual(["commitment.create"]);
  });
});

describe("summary card", () => {
  it("uses Teams chart elements with a text fallback", () => {
    const charts = nodes(renderView(viewSamples.trust_health_summary).card).filter((n) => String(n.type).startsWith("Chart."));
    expect(charts.map((c) => c.type)).toEqual(expect.arrayContaining(["Chart.Line"]));
    for (const chart of charts) expect(chart.fallback).toBeTruthy();
  });

  it("without data: no empty chart, 'no data' once, says why participation and agreements are empty, and no repository path", () => {
    const organizations = ["Acme Logistics", "Globex Gemeente"].map((name, i) => ({ organizationId: `o${i}`, name, observed: null, perceivedByPartners: null, participation: null }));
    const empty = buildTrustHealthSummary({
      ...workedInput,
      periods: [perceivedPeriod(47, {}, { organizations })],
      say: null,
      commitmentEvents: NO_COMMITMENT_EVENTS,
      cultureFit: null,
    });
    const card = renderView(summaryView(empty, "en")).card!;
    const all = nodes(card);
    expect(all.filter((n) => String(n.type).startsWith("Chart."))).toEqual([]);
    const index = all.find((n) => n.type === "ColumnSet")!;
    expect(nodes(index).filter((n) => n.type === "TextBlock" && n.text === "no data")).toHaveLength(1);
    const texts = all.filter((n) => n.type === "TextBlock").map((n) => String(n.text));
    expect(texts).toContain("No pulse rounds in week 47, 2026.");
    expect(texts).toContain("Clear agreements: no new commitments were logged in week 47, 2026.");
    expect(all.some((n) => n.type === "Table" && n.rows.length === 1)).toBe(false); // no header-only table
    expect(JSON.stringify(card)).not.toContain("docs/");
    expect(texts.at(-1)).toContain("ask your alliance manager");
  });
});
