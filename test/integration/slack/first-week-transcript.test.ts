/**
 * Issue 11: docs/slack.md shows the first week as a transcript generated from the real blocks'
 * text. This plays the week again (scripts/walkthrough/slack-week.ts: the real bot over HTTP, the
 * fake Web API) and checks the steps people rely on, then that the committed transcript is the
 * one the bot produces today: after a wording change, run `npm run walkthrough:slack`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { blocksText, playFirstWeek, transcriptMarkdown, TRANSCRIPT_END, TRANSCRIPT_START, withTranscript, type WeekStep } from "../../../scripts/walkthrough/slack-week.js";

const answersTo = (steps: WeekStep[], did: string): string =>
  steps.filter((s) => s.did.includes(did)).flatMap((s) => s.answers.map((a) => `${a.how}: ${a.text}`)).join("\n");

describe("the first week in Slack, as docs/slack.md shows it", () => {
  it("plays setup, a poll and a vote, an agreement kept and confirmed, health and a Dutch word", async () => {
    const steps = await playFirstWeek();
    expect(answersTo(steps, "/trust setup")).toContain("opens a form: Alliance setup");
    // The admin defines the organisations in setup: no organisation question before the form.
    expect(answersTo(steps, "/trust setup")).not.toContain("Which partner organisation");
    expect(answersTo(steps, "presses **Save**")).toContain("Setup saved: Alpha–Beta alliance, with partners Alpha and Beta.");
    expect(answersTo(steps, "/poll")).toContain("posts: *Which day suits the monthly steering meeting?*");
    expect(answersTo(steps, "presses **Wednesday**")).toMatch(/your vote is in: Wednesday[\s\S]*updates the message:[\s\S]*1 · 100%/);
    // The scheduler's first pulse round reaches both partners by DM, as the setup message said.
    const pulse = answersTo(steps, "opens the first pulse round");
    for (const who of ["Anna", "Ben"]) expect(pulse).toContain(`posts (direct message to ${who}): Time for the alliance pulse`);
    expect(answersTo(steps, "/commit send the draft contract")).toContain("Agreement #1 logged.");
    expect(answersTo(steps, "/commit kept #1")).toMatch(/posts \(direct message to Ben\): Anna \(Alpha\) reports #1 .* as kept\. Do you agree\?/);
    expect(answersTo(steps, "presses **Confirm**")).toContain("Thanks, #1 is confirmed.");
    expect(answersTo(steps, "/trust health")).toContain("Trust health · Alpha–Beta alliance");
    expect(answersTo(steps, "/trust health")).toContain("Pulse: 0 of 2 invited people have answered.");
    expect(answersTo(steps, "/trust health")).toContain("[Open the methods note](https://bot.example.org/methods)");
    expect(answersTo(steps, "/trust hulp")).toContain("Alliance Trust Bot: what I can do");

    const doc = readFileSync("docs/slack.md", "utf8");
    expect(doc, "docs/slack.md is stale: run `npm run walkthrough:slack`").toBe(withTranscript(doc, transcriptMarkdown(steps)));
  }, 60_000);

  it("writes blocks as the lines a person reads, and replaces only the marked part of the doc", () => {
    const blocks = [
      { type: "section", text: { type: "mrkdwn", text: "*Lunch?*" }, accessory: { type: "button", text: { type: "plain_text", text: "Yes" } } },
      { type: "context", elements: [{ type: "mrkdwn", text: "1 vote" }, { type: "mrkdwn", text: "Open" }] },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Close poll" } }] },
    ];
    expect(blocksText(blocks)).toBe("*Lunch?*\n[Yes]\n1 vote · Open\n[Close poll]");
    const doc = `# Slack\n\n## The first week\n\n${TRANSCRIPT_START}\nold\n${TRANSCRIPT_END}\n\n## After\n`;
    expect(withTranscript(doc, `${TRANSCRIPT_START}\nnew\n${TRANSCRIPT_END}`)).toBe(`# Slack\n\n## The first week\n\n${TRANSCRIPT_START}\nnew\n${TRANSCRIPT_END}\n\n## After\n`);
  });
});
