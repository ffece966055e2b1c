/**
 * Adaptive Card renderers: every view kind renders (a table keyed by View["kind"] fails the type
 * check when a kind is added), cards are schema 1.5, every Action.Execute carries an Action.Submit
 * fallback with the same data, and the largest realistic cards stay under the 24 KB budget
 * (Teams' webhook limit is 28 KB; bots may send 100 KB).
 */
import { describe, expect, it } from "vitest";
import { buildChooseOrganizationView, buildOrganizationRequestView, buildForgetMeConfirmView, buildHelpView, buildSetupFormView } from "../../../../src/core/alliance/alliance-views.js";
import type { CommitmentCardView, CommitmentListView } from "../../../../src/core/commitments/commitment-views.js";
import { buildCultureFormView } from "../../../../src/core/culture-fit/culture-fit-views.js";
import type { PollView } from "../../../../src/core/polls/poll-views.js";
import { buildTrustHealthSummary } from "../../../../src/core/summary/build-summary.js";
import { summaryView } from "../../../../src/core/summary/summary-views.js";
import type { View, ViewKind } from "../../../../src/core/views.js";
import { CARD_BUDGET_BYTES, messageBytes } from "../../../../src/platforms/teams/render/card-kit.js";
import { renderView } from "../../../../src/platforms/teams/render/render-view.js";
import { toMessage } from "../../../../src/platforms/teams/render/to-message.js";
import { renderCommitmentCreateForm } from "../../../../src/platforms/teams/render/commitment-form-card.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";
import { perceivedPeriod } from "../../core/trust-health/period-builder.js";
import { NO_COMMITMENT_EVENTS } from "../../../../src/core/trust-health/trust-health-inputs.js";

function pollView(overrides: Partial<PollView> = {}): PollView {
  const options = Array.from({ length: 10 }, (_, i) => ({
    optionId: `opt${i}`, label: `Option ${i} `.padEnd(75, "x"), count: i, percent: i * 2, figureText: `${i} · ${i * 2}%`, barRatio: i / 45,
  }));
  return {
    kind: "poll", pollId: "p".repeat(25), locale: "en", question: "Q".repeat(300), status: "open", acceptsVotes: true,
    mode: "multiple", maxChoices: 3, anonymous: true, visibility: "live", flags: ["Anonymous", "Up to 3 choices", "Live results"],
    voteHint: "Choose up to 3 options.", options, resultsHiddenText: null, totalVoters: 45, totalVotersText: "45 votes",
    breakdown: {
      title: "By organisation",
      rows: Array.from({ length: 10 }, (_, o) => ({ organizationId: `org${o}`, name: `Organisation ${o}`.padEnd(80, "o"), voters: 5, votersText: "5 votes", options })),
      hiddenText: "Not shown to protect anonymity: Gamma",
    },
    closesAt: null, statusText: "Open", anonymityNote: "Anonymous: nobody can see who voted what.", recurrenceText: "Repeats every weekday (Monday to Friday) at 09:00 and 17:00. Next poll: 7 Dec 2026, 09:00.",
    ...overrides,
  };
}

const commitmentCard: CommitmentCardView = {
  kind: "commitment_card", commitmentId: "c1", number: 12, title: "#12 Send the draft contract", statusText: "Open",
  confirmationText: null, fields: [{ label: "Owner", value: "Ann (Acme)" }, { label: "For", value: "Beta" }], overdue: false, disputeText: null,
  actions: [
    { actionId: "commitment.kept", label: "Kept", value: "c1", style: "primary", opensForm: false },
    { actionId: "commitment.renegotiate", label: "New date…", value: "c1", style: "default", opensForm: true },
    { actionId: "commitment.dispute", label: "Dispute…", value: "c1", style: "danger", opensForm: true },
  ],
};

/** One sample per view kind: adding a kind to View makes this object fail the type check. */
const samples: { [K in ViewKind]: Extract<View, { kind: K }> } = {
  text: { kind: "text", text: "Hello" },
  poll: pollView(),
  "alliance.help": buildHelpView("en", "teams", 5),
  "alliance.setup-form": buildSetupFormView("en", { name: "A", organizations: [] }),
  "alliance.choose-organization": buildChooseOrganizationView("en", [{ id: "o1", allianceId: "a", name: "Acme", emailDomains: [], slackTeamIds: [] }]),
  "alliance.org-request": buildOrganizationRequestView("en", { memberId: "m1", memberName: "Gil", name: "Initech" }),
  "alliance.my-data": {
    kind: "alliance.my-data", title: "Your data", intro: "Here", profile: "Ann", sections: [{ key: "x", label: "X", count: 2 }], note: "n",
    file: { name: "my-data.json", mimeType: "application/json", content: "{}" },
  },
  "alliance.forget-me-confirm": buildForgetMeConfirmView("en", "m1"),
  commitment_card: commitmentCard,
  commitment_list: { kind: "commitment_list", title: "Mine", emptyText: null, items: [{ commitmentId: "c1", number: 1, line: "#1 x", statusText: "Open", overdue: true }] },
  commitment_check_in: { kind: "commitment_check_in", variant: "due_today", text: "Kept?", card: commitmentCard },
  commitment_confirm_request: { kind: "commitment_confirm_request", text: "Do you agree?", card: commitmentCard },
  trust_health_summary: summaryView(buildTrustHealthSummary(workedInput), "en"),
  "pulse.question": {
    kind: "pulse.question", locale: "en", roundId: "r1", itemKey: "rel1", targetOrganizationId: "o2", intro: "Intro", progress: "Question 1 of 4",
    pillar: "Reliability", about: "About Beta", prompt: "Beta kept its agreements.", options: ([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: `L${value}` })),
    cantSayLabel: "Can't say", comment: { label: "Comment", placeholder: "", maxLength: 500 }, current: { score: null, comment: "x" }, closesText: "Open until Sunday",
  },
  "pulse.answered": { kind: "pulse.answered", roundId: "r1", itemKey: "rel1", targetOrganizationId: "o2", prompt: "P", text: "Saved", remaining: 3 },
  "pulse.thank-you": { kind: "pulse.thank-you", text: "Thanks" },
  "culture.assessment-form": buildCultureFormView({ locale: "en", k: 5, organizationName: "Acme", periodKey: "2026-Q4" }),
  "culture.result": {
    kind: "culture.result", locale: "en", title: "Culture fit", periodKey: "2026-Q4", emptyText: null,
    organizations: [{ organizationId: "o1", name: "Acme", hiddenText: null, profile: null, lines: ["Dominant type: Clan"] }],
    differenceLines: ["Distance between Acme and Beta: 13.3 out of 100"], maturityText: null,
    radar: { axes: [{ quadrant: "clan", label: "Clan" }, { quadrant: "adhocracy", label: "Adhocracy" }, { quadrant: "market", label: "Market" }, { quadrant: "hierarchy", label: "Hierarchy" }], series: [{ organizationId: "o1", label: "Acme", view: "now", values: [40, 20, 20, 20] }] },
  },
};

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
  it.each(Object.values(samples).map((view) => [view.kind, view] as const))("renders %s as a 1.5 card or text within budget", (_kind, view) => {
    const render = renderView(view);
    expect(render.card ?? render.text).toBeTruthy();
    if (render.card) {
      expect(render.card.version).toBe("1.5");
      expect(render.summary).toBeTruthy();
    }
    expect(messageBytes(toMessage(render))).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it("gives every Action.Execute button an Action.Submit fallback carrying the same verb and data", () => {
    for (const view of Object.values(samples)) {
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
      culture: messageBytes(toMessage(renderView(samples["culture.assessment-form"]))),
      summary: messageBytes(toMessage(renderView(samples.trust_health_summary))),
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
    const choiceSet = nodes(card).find((n) => n.type === "Input.ChoiceSet")!;
    expect(choiceSet).toMatchObject({ id: "choice", isMultiSelect: true, value: "opt1,opt3" });
    expect(JSON.stringify(card)).toContain("Your vote: Option 1");
    expect((card as any).refresh.action).toMatchObject({ type: "Action.Execute", verb: "poll.refresh", data: { pollId: "p".repeat(25) } });
  });

  it("draws a bar per option and hides the vote controls once closed", () => {
    const open = nodes(renderView(pollView()).card);
    expect(open.filter((n) => n.type === "ColumnSet" && n.columns?.[0]?.style === "accent")).not.toHaveLength(0);
    const closed = nodes(renderView(pollView({ acceptsVotes: false, status: "closed", voteHint: "This poll is closed." })).card);
    expect(closed.some((n) => n.type === "Input.ChoiceSet")).toBe(false);
    expect(closed.some((n) => n.verb === "poll.vote")).toBe(false);
  });

  it("aligns chosen and plain option rows: no row text starts with Markdown list syntax, which Teams indents", () => {
    const rows = nodes(renderView(pollView(), { poll: { myChoice: ["opt1"] } }).card)
      .filter((n) => n.type === "TextBlock" && /Option \d/.test(String(n.text)) && !String(n.text).startsWith("Your vote"))
      .map((n) => String(n.text));
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).not.toMatch(/^\s*(\d+[.)]|[-*+])\s/);
    expect(rows[0]).toMatch(/^1 · Option 0/);
    expect(rows[1]).toMatch(/^\*\*2 · Option 1.*\*\* ✓$/);
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
    const charts = nodes(renderView(samples.trust_health_summary).card).filter((n) => String(n.type).startsWith("Chart."));
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
