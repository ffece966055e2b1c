/**
 * No user-supplied string can mention anyone, on either platform, in any view the bot sends.
 *
 * Every view kind (test/fixtures/view-samples.ts, keyed by View["kind"]) is rendered with EVERY
 * text it carries replaced by input an attacker chose (`<!channel>`, `<@U…>`, `<at>…</at>`,
 * HTML, stray `&<>`), because any of them can hold user input: poll questions and options,
 * commitment texts, organisation names, reasons, and the translated sentences that quote them.
 * Then every field the platform parses for mentions is checked:
 * - Slack: each message's top-level `text` and every mrkdwn text object: no raw `<` (so no
 *   `<!…>`, `<@…>`, `<#…>`), and nothing escaped twice (`&amp;lt;`).
 * - Teams: the message `text` (Markdown + HTML): no raw `<`, nothing escaped twice; every displayed
 *   card text (TextBlock, TextRun, FactSet), the preview summary and invoke toasts: no tag opener
 *   (`<at`, `</at`, `<b`, `<!`).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { View } from "#core/views.js";
import { renderView as renderSlack } from "#platforms/slack/render/render-view.js";
import { renderView as renderTeams } from "#platforms/teams/render/render-view.js";
import { toInvokeAnswer, toMessage } from "#platforms/teams/render/to-message.js";
import { viewSamples } from "../../fixtures/view-samples.js";

/** Pieces of hostile input; none is an entity already, so `&amp;lt;` can only mean double escaping. */
const FRAGMENTS = [
  "<!channel>", "<!here>", "<!everyone>", "<@U0ALICE>", "<@W0BOB|bob>", "<#C0GENERAL>", "<!subteam^S0TEAM>",
  "<at>Bob</at>", "<at id=\"0\">Everyone</at>", "<b>bold</b>", "<a href=\"https://evil.example\">x</a>", "<img src=x>",
  "&", "<", ">", "R&D", "*", "_", "~", "`", " ", "a", "Zoë", "\n",
];
const hostile = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));

/**
 * Keys whose strings are identifiers or enums the renderers switch on, not text anyone reads;
 * everything else in a view is replaced by hostile input.
 */
const NOT_TEXT = new Set([
  "kind", "locale", "pollId", "optionId", "organizationId", "commitmentId", "memberId", "roundId", "itemKey",
  "targetOrganizationId", "periodKey", "status", "mode", "visibility", "variant", "style", "actionId", "rag", "quadrant",
  "aspect", "view", "item", "key", "mimeType", "sparkline", "trend", "direction", "code", "pillar", "timezone", "cadence",
]);

/** `view` with every readable string replaced by `input` (the summary's data model is left as computed). */
function taint<T>(view: T, input: string): T {
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return NOT_TEXT.has(key) ? value : input;
    if (Array.isArray(value)) return value.map((item) => visit(item, key));
    if (value instanceof Date || !value || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "summary" && key === "" ? v : visit(v, k)]));
  };
  return visit(view, "") as T;
}

const views = Object.values(viewSamples) as View[];
const DOUBLE_ESCAPED = /&amp;(amp|lt|gt);/;

/** The strings Slack parses for mentions: top-level `text` and every mrkdwn text object. */
function slackParsed(view: View): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o["type"] === "mrkdwn" && typeof o["text"] === "string") out.push(o["text"]);
    Object.values(o).forEach(walk);
  };
  const rendering = renderSlack(view, "{}");
  if (rendering.surface === "modal") walk(rendering.modal);
  else
    for (const message of rendering.messages) {
      out.push(message.text);
      walk(message.blocks);
    }
  return out;
}

/** Teams: the message text (HTML-capable) and the texts shown without HTML (cards, previews, toasts). */
function teamsParsed(view: View): { html: string[]; displayed: string[] } {
  const render = renderTeams(view);
  const message = toMessage(render);
  const displayed: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, key));
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if ((o["type"] === "TextBlock" || o["type"] === "TextRun") && typeof o["text"] === "string") displayed.push(o["text"]);
    if (key === "facts") for (const k of ["title", "value"]) if (typeof o[k] === "string") displayed.push(o[k] as string);
    for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  walk(message.attachments, "");
  if (message.summary) displayed.push(message.summary);
  const answer = toInvokeAnswer(render.card ? render : { text: render.text ?? "" });
  if ("card" in answer) walk(answer.card, "");
  else displayed.push(answer.toast);
  return { html: message.text === undefined ? [] : [message.text], displayed };
}

describe("no user input mentions anyone", () => {
  it("covers every view kind", () => {
    expect(new Set(views.map((v) => v.kind)).size).toBe(Object.keys(viewSamples).length);
  });

  it.each(views.map((v) => [v.kind, v] as const))("Slack %s: every text and mrkdwn field escaped exactly once", (_kind, view) => {
    fc.assert(
      fc.property(hostile, (input) => {
        const fields = slackParsed(taint(view, input));
        expect(fields.length).toBeGreaterThan(0);
        for (const field of fields) {
          expect(field, "raw < reaches Slack").not.toContain("<");
          expect(field, "escaped twice").not.toMatch(DOUBLE_ESCAPED);
        }
      }),
      { numRuns: 40 },
    );
  });

  it.each(views.map((v) => [v.kind, v] as const))("Teams %s: message text escaped once, card text holds no tag", (_kind, view) => {
    fc.assert(
      fc.property(hostile, (input) => {
        const { html, displayed } = teamsParsed(taint(view, input));
        for (const field of html) {
          expect(field, "raw < in message text").not.toContain("<");
          expect(field, "escaped twice").not.toMatch(DOUBLE_ESCAPED);
        }
        for (const field of displayed) {
          expect(field, "a tag in card text").not.toMatch(/<[/!?]?[A-Za-z]/);
          expect(field, "entities in card text show literally").not.toMatch(/&(lt|gt|amp);/);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("keeps what the member typed readable: Slack and Teams show the characters, not the entities twice", () => {
    const slack = renderSlack({ kind: "text", text: "Ping <!channel> & R&D" });
    if (slack.surface !== "messages") throw new Error("text renders as messages");
    expect(slack.messages[0]?.text).toBe("Ping &lt;!channel&gt; &amp; R&amp;D");
    expect((slack.messages[0]?.blocks?.[0] as { text: { text: string } }).text.text).toBe("Ping &lt;!channel&gt; &amp; R&amp;D");
    expect(toMessage(renderTeams({ kind: "text", text: "<at>Bob</at> & co" })).text).toBe("&lt;at&gt;Bob&lt;/at&gt; &amp; co");
  });
});
