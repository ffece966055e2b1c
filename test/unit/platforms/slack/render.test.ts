/**
 * Block Kit renderers against Slack's documented limits (checked by an independent checker):
 * 50 blocks per message, 100 per modal, 3000 characters per section, 75 per button text,
 * 2000 per button value, 100 options; long content splits cleanly instead of being cut off.
 */
import { describe, expect, it } from "vitest";
import { buildHelpView, buildSetupFormView } from "#core/alliance/alliance-views.js";
import type { CommitmentListView } from "#core/commitments/commitment-views.js";
import type { PollView } from "#core/polls/poll-views.js";
import { splitText, truncate } from "#platforms/slack/render/limits.js";
import { renderMessages, renderView } from "#platforms/slack/render/render-view.js";
import { blockKitProblems } from "../../../fakes/block-kit-checks.js";
import { buildCreateModal } from "#platforms/slack/listeners/commitments/commitment-modals.js";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { summaryView } from "#core/summary/summary-views.js";
import { NO_COMMITMENT_EVENTS } from "#core/trust-health/trust-health-inputs.js";
import { workedInput } from "../../../fixtures/trust-health-worked-example.js";
import { perceivedPeriod } from "../../core/trust-health/period-builder.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBlock = any;

function pollView(overrides: Partial<PollView> = {}): PollView {
  const label = (i: number) => `Option ${i} `.padEnd(75, "x");
  const options = Array.from({ length: 10 }, (_, i) => ({
    optionId: `opt${i}`, label: label(i), count: i, percent: i * 2, figureText: `${i} · ${i * 2}%`, barRatio: i / 10,
  }));
  return {
    kind: "poll", pollId: "c".repeat(25), locale: "en", question: "Q".repeat(300), status: "open", acceptsVotes: true,
    mode: "single", maxChoices: 1, anonymous: false, visibility: "live", flags: ["Named", "Choose one", "Live results"],
    voteHint: "Choose one", options, resultsHiddenText: null, totalVoters: 45, totalVotersText: "45 votes",
    breakdown: {
      title: "Per organisation",
      rows: Array.from({ length: 10 }, (_, o) => ({ organizationId: `org${o}`, name: `Organisation ${o}`.padEnd(80, "o"), voters: 5, votersText: "5 votes", options })),
      hiddenText: "Hidden: Gamma (fewer than 5)",
    },
    closesAt: null, statusText: "Open", anonymityNote: null, recurrenceText: "Repeats every weekday (Monday to Friday) at 09:00 and 17:00. Next poll: 7 Dec 2026, 09:00.",
    ...overrides,
  };
}

const allText = (blocks: AnyBlock[]): string => blocks.map((b) => b.text?.text ?? "").join("\n");

describe("text helpers", () => {
  it("truncates to the limit with an ellipsis and leaves short text alone", () => {
    expect(truncate("short", 75)).toBe("short");
    const cut = truncate("x".repeat(100), 75);
    expect(Array.from(cut)).toHaveLength(75);
    expect(cut.endsWith("…")).toBe(true);
  });

  it("splits long text at line or word boundaries, never above the limit, losing no words", () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const text = words.map((w, i) => (i % 37 === 36 ? `${w}\n` : `${w} `)).join("");
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(" ").split(/\s+/).filter(Boolean)).toEqual(words);
  });

  it("cuts a single word longer than the limit hard", () => {
    const pieces = splitText("y".repeat(7000), 3000);
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
  });
});

describe("poll message", () => {
  it("fits ten 75-character options and a ten-organisation breakdown in one valid message", () => {
    const [message, ...more] = renderMessages(pollView()).messages;
    expect(more).toEqual([]);
    const blocks = message?.blocks as AnyBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blockKitProblems(blocks, 50)).toEqual([]);
    const voteButtons = blocks.filter((b) => b.accessory?.action_id === "poll.vote");
    expect(voteButtons).toHaveLength(10);
    expect(voteButtons.every((b) => b.accessory.text.text.length <= 75)).toBe(true);
  });

  it("shows bars and figures while results are visible and no vote buttons once closed", () => {
    const closed = renderMessages(pollView({ acceptsVotes: false, status: "closed" })).messages[0]?.blocks as AnyBlock[];
    expect(closed.some((b) => b.accessory?.action_id === "poll.vote")).toBe(false);
    expect(allText(closed)).toContain("`▓▓▓▓▓░░░░░`  5 · 10%");
  });

  it("escapes Slack control characters in user text so a question cannot ping @channel", () => {
    const blocks = renderMessages(pollView({ question: "<!channel> & <@U1>?" })).messages[0]?.blocks as AnyBlock[];
    expect(blocks[0].text.text).toBe("*&lt;!channel&gt; &amp; &lt;@U1&gt;?*");
  });

  it("offers reminders only on named polls", () => {
    const actionIds = (view: PollView) => (renderMessages(view).messages[0]?.blocks as AnyBlock[]).filter((b) => b.type === "actions").flatMap((b) => b.elements.map((e: AnyBlock) => e.action_id));
    expect(actionIds(pollView())).toContain("poll.remind");
    expect(actionIds(pollView({ anonymous: true }))).not.toContain("poll.remind");
  });
});

describe("long content", () => {
  it("splits a very long text view into several valid messages without losing text", () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i}: ${"lorem ipsum ".repeat(20)}`);
    const { messages } = renderMessages({ kind: "text", text: paragraphs.join("\n\n") });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(blockKitProblems(m.blocks as AnyBlock[], 50)).toEqual([]);
    const joined = messages.map((m) => allText(m.blocks as AnyBlock[])).join("\n");
    for (const i of [0, 199, 399]) expect(joined).toContain(`Paragraph ${i}:`);
  });

  it("splits a 300-item commitment list over messages of at most 50 blocks", () => {
    const view: CommitmentListView = {
      kind: "commitment_list", title: "Mine", emptyText: null,
      items: Array.from({ length: 300 }, (_, i) => ({ commitmentId: `c${i}`, number: i, line: `#${i} ${"deliver the thing ".repeat(8)}`, statusText: "Open", overdue: i % 7 === 0 })),
    };
    const { messages } = renderMessages(view);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(blockKitProblems(m.blocks as AnyBlock[], 50)).toEqual([]);
    expect(messages.map((m) => allText(m.blocks as AnyBlock[])).join("\n")).toContain("#299 ");
  });

  it("renders the help in English and Dutch within the limits", () => {
    for (const locale of ["en", "nl"] as const) {
      const { messages } = renderMessages(buildHelpView(locale, "slack", 5));
      for (const m of messages) expect(blockKitProblems(m.blocks as AnyBlock[], 50)).toEqual([]);
      expect(allText(messages[0]?.blocks as AnyBlock[])).toContain("/poll");
    }
  });
});

describe("trust-health summary", () => {
  it.each(["en", "nl"] as const)("without data (%s): 'no data' once, empty sections say so for the period, no repository path", (locale) => {
    const organizations = [{ organizationId: "o1", name: "Acme", observed: null, perceivedByPartners: null, participation: null }];
    const empty = buildTrustHealthSummary({ ...workedInput, periods: [perceivedPeriod(47, {}, { organizations })], say: null, commitmentEvents: NO_COMMITMENT_EVENTS, cultureFit: null });
    const messages = renderMessages(summaryView(empty, locale)).messages;
    const blocks: AnyBlock[] = messages.flatMap((m) => m.blocks ?? []);
    const text = [allText(blocks), ...blocks.flatMap((b) => (b.elements ?? []).map((e: AnyBlock) => e.text ?? ""))].join("\n");
    const noData = locale === "en" ? "no data" : "geen gegevens";
    const indexLine = text.split("\n").find((line) => line.includes(locale === "en" ? "Trust-health index" : "Vertrouwensindex"))!;
    expect(indexLine.split(noData)).toHaveLength(2);
    expect(text).toContain(locale === "en" ? "No pulse rounds in week 47, 2026." : "Geen pulsrondes in week 47, 2026.");
    expect(text).toContain(locale === "en" ? "no new commitments were logged in week 47, 2026" : "in week 47, 2026 zijn geen nieuwe toezeggingen vastgelegd");
    expect(text).not.toContain("docs/");
    expect(text).toContain(locale === "en" ? "ask your alliance manager" : "vraag het je alliantiemanager");
    for (const message of messages) expect(blockKitProblems(message.blocks as AnyBlock[], 50)).toEqual([]);
  });
});

describe("commitment modal", () => {
  const draft = { text: "Send the plan", ownerSlackId: null, organizationId: null, personSlackId: null, dueText: "friday", problems: [] };

  it("before setup says there are no partner organisations and offers no empty organisation list", () => {
    const modal = buildCreateModal("en", draft, [], "C1");
    const blocks = modal.blocks as AnyBlock[];
    expect(blocks.some((b) => b.block_id === "c.org")).toBe(false);
    const notes = blocks.flatMap((b) => (b.type === "context" ? b.elements.map((e: AnyBlock) => e.text) : []));
    expect(notes.some((n: string) => n.includes("No partner organisations are set up yet") && n.includes("/trust setup"))).toBe(true);
    expect(blockKitProblems(blocks, 100)).toEqual([]);
    const withOrgs = buildCreateModal("en", draft, [{ id: "o1", allianceId: "a", name: "Acme", emailDomains: [], slackTeamIds: [] }], "C1");
    expect(JSON.stringify(withOrgs.blocks)).not.toContain("No partner organisations");
  });
});

describe("setup modal", () => {
  it("stays within 100 blocks with ten organisations and pre-fills their values", () => {
    const organizations = Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, name: `Org ${i}`, emailDomains: [`org${i}.example`], slackTeamIds: [] }));
    const rendering = renderView(buildSetupFormView("nl", { name: "Alliantie", organizations }), "{}");
    expect(rendering.surface).toBe("modal");
    if (rendering.surface !== "modal") return;
    const blocks = rendering.modal.blocks as AnyBlock[];
    expect(blockKitProblems(blocks, 100)).toEqual([]);
    expect(rendering.modal.title.text.length).toBeLessThanOrEqual(24);
    const nameBlock = blocks.find((b) => b.block_id === "organizations.9.name");
    expect(nameBlock.element.initial_value).toBe("Org 9");
    expect(blocks.find((b) => b.block_id === "organizations.9.emailDomains").element.initial_value).toBe("org9.example");
  });
});

describe("culture assessment modal", () => {
  it("fits 6 aspects × 4 statements × 2 views and the difference items into one modal, errors under the aspect", async () => {
    const { buildCultureFormView } = await import("#core/culture-fit/culture-fit-views.js");
    const { cultureModalErrors } = await import("#platforms/slack/render/culture-blocks.js");
    const view = buildCultureFormView({
      locale: "en", k: 5, organizationName: "Alpha", periodKey: "2026-Q4",
      values: { now: { dominant_characteristics: { clan: 50, adhocracy: 20, market: 20, hierarchy: 20 } } },
      issues: [{ code: "CULTURE_POINTS_NOT_100", view: "now", aspect: "dominant_characteristics", sum: 110 }],
    });
    const rendering = renderView(view, "{}");
    if (rendering.surface !== "modal") throw new Error("expected a modal");
    const blocks = rendering.modal.blocks as AnyBlock[];
    expect(blockKitProblems(blocks, 100)).toEqual([]);
    expect(blocks.filter((b) => b.type === "input" && b.block_id.startsWith("culture.now."))).toHaveLength(24);
    expect(blocks.find((b) => b.block_id === "culture.now.dominant_characteristics.clan").element.initial_value).toBe("50");
    const errors = cultureModalErrors(view);
    expect(Object.keys(errors)).toEqual(["culture.now.dominant_characteristics.clan"]);
  });
});
