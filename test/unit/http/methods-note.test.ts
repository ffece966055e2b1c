// The methods note link: summaries on both platforms link to it when the deployment has a URL
// (EN and NL), and the bot serves docs/trust-health.md as a readable, inert web page at /methods.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.js";
import { buildTrustHealthSummary } from "#core/summary/build-summary.js";
import { summaryView } from "#core/summary/summary-views.js";
import { markdownToHtml } from "#http/markdown-html.js";
import { mountMethodsPage } from "#http/methods-page.js";
import { renderSummary } from "#platforms/slack/render/summary-blocks.js";
import { renderSummaryCard } from "#platforms/teams/render/summary-card.js";
import { workedInput } from "../../fixtures/trust-health-worked-example.js";

const URL_ = "https://bot.example.org/methods";
const summary = buildTrustHealthSummary(workedInput);
const slackText = (locale: "en" | "nl", url: string | null) => JSON.stringify(renderSummary(summaryView(summary, locale, [], url)));
const teamsText = (locale: "en" | "nl", url: string | null) => JSON.stringify(renderSummaryCard(summaryView(summary, locale, [], url)).card);

describe("the summary footer's methods note", () => {
  it("links to the methods note in Slack and Teams, in English and Dutch", () => {
    expect(slackText("en", URL_)).toContain(`<${URL_}|Open the methods note>`);
    expect(slackText("nl", URL_)).toContain(`<${URL_}|Open de methodebeschrijving>`);
    expect(teamsText("en", URL_)).toContain(`[Open the methods note](${URL_})`);
    expect(teamsText("nl", URL_)).toContain(`[Open de methodebeschrijving](${URL_})`);
  });

  it("does not promise a note it cannot link to", () => {
    for (const text of [slackText("en", null), teamsText("en", null)]) {
      expect(text).toContain("How each number is computed: ask your alliance manager.");
      expect(text).not.toContain("methods note");
    }
    expect(teamsText("nl", null)).not.toContain("methodebeschrijving");
  });

  it("defaults to the page the bot serves at PUBLIC_URL/methods, and METHODS_URL wins", () => {
    const base = { NODE_ENV: "test", TEAMS_LOCAL_MODE: "true" };
    expect(loadConfig({ ...base, PUBLIC_URL: "https://bot.example.org/" }).methodsUrl).toBe("https://bot.example.org/methods");
    expect(loadConfig({ ...base, PUBLIC_URL: "https://bot.example.org", METHODS_URL: "https://docs.example.org/trust" }).methodsUrl).toBe("https://docs.example.org/trust");
    expect(loadConfig(base).methodsUrl).toBeNull();
    expect(() => loadConfig({ ...base, METHODS_URL: "not a url" })).toThrow(/METHODS_URL/);
  });
});

describe("markdown as HTML", () => {
  it("renders headings, tables, lists, code and links, and keeps markup inert", () => {
    const html = markdownToHtml(
      ["# Title <script>", "", "| a | b |", "|---|---|", "| **x** | `y<z>` |", "", "- one", "- two [ok](https://x.org) [bad](javascript:alert)", "", "    code <b>"].join("\n"),
    );
    expect(html).toContain('<h1 id="title-script">Title &lt;script&gt;</h1>');
    expect(html).toContain("<td><strong>x</strong></td><td><code>y&lt;z&gt;</code></td>");
    expect(html).toContain('<li>two <a href="https://x.org">ok</a> bad</li>');
    expect(html).toContain("<pre><code>code &lt;b&gt;</code></pre>");
    expect(html).not.toMatch(/<script|javascript:/);
  });
});

describe("GET /methods", () => {
  let server: ReturnType<typeof createServer>;
  let base = "";
  beforeAll(async () => {
    const app = express();
    mountMethodsPage(app, { logger: { warn: () => {} } });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("serves the trust-health methods note as a page with nothing that runs", async () => {
    const res = await fetch(`${base}/methods`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("<title>The trust-health model</title>");
    expect(html).toContain("<h2");
    expect(html).toContain("<table>");
  });
});
