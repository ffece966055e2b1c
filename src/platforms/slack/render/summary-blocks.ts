// The trust-health summary as Slack messages: index and diagnosis first (what a steering
// committee reads), then pillars, observed reliability, agreements, say-vs-do, notable events,
// participation and culture. Tables become monospace text; long summaries continue in a second message.
import type { PresentedTable } from "#core/summary/present-summary.js";
import type { SummaryView } from "#core/summary/summary-views.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { context, divider, header, sections, type Block } from "./blocks.js";
import { escapeMrkdwn } from "./limits.js";
import { toMessages } from "./message.js";

const RAG_ICON: Record<string, string> = { green: "🟢", amber: "🟠", red: "🔴", none: "⚪" };

/** A monospace table; cells are escaped (Slack's &, <, > rules hold inside code blocks too). */
function table(t: PresentedTable): string {
  if (t.rows.length === 0) return "";
  const all = [t.columns, ...t.rows].map((row) => row.map((cell) => escapeMrkdwn(cell ?? "")));
  const widths = t.columns.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ").trimEnd();
  return "```\n" + all.map(line).join("\n") + "\n```";
}

/** A bold heading over plain lines (the on-demand so-far and pending sections). */
const titled = (part: { heading: string; lines: string[] }): Block[] => sections(`*${escapeMrkdwn(part.heading)}*\n${part.lines.map(escapeMrkdwn).join("\n")}`);

/** The footer with the methods note as a link (`<url|label>`; the URL made safe inside the brackets). */
function footer(p: SummaryView["presentation"]): string {
  const text = escapeMrkdwn(p.footer);
  if (!p.methodsLink) return text;
  const url = p.methodsLink.url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C");
  return `${text} <${url}|${escapeMrkdwn(p.methodsLink.label)}>`;
}

/** The summary message(s); on demand with the period so far, or only that when the reported period is empty. */
export function renderSummary(view: SummaryView): SlackMessage[] {
  const p = view.presentation;
  const e = escapeMrkdwn;
  const onDemand = view.onDemand;
  if (onDemand?.pending) {
    // Nothing to report yet: what will appear and when, and what happened so far (no "no data" page).
    return toMessages(`${p.title}: ${onDemand.pending.heading}`, [header(p.title), ...titled(onDemand.pending), ...titled(onDemand.soFar), context([footer(p)])]);
  }
  // Without a score the status says "no data" a second time: show it once.
  const status = p.index.rag === "no_data" ? "" : ` · ${e(p.index.status)}`;
  const blocks: Block[] = [
    header(p.title),
    context([e(p.subtitle)]),
    ...(onDemand ? titled(onDemand.soFar) : []),
    ...sections(`${RAG_ICON[p.index.rag] ?? ""} *${e(p.index.label)}: ${e(p.index.score)}*${status} · ${e(p.index.trend)}  \`${p.index.sparkline}\``),
    ...(p.index.capped ? [context([e(p.index.capped)])] : []),
    ...sections(`*${e(p.diagnosis.heading)}: ${e(p.diagnosis.title)}*\n*${e(p.diagnosis.verdict)}*\n${e(p.diagnosis.explanation)}${p.diagnosis.notes.map((n) => `\n${e(n)}`).join("")}${p.diagnosis.uncertaintyNote ? `\n_${e(p.diagnosis.uncertaintyNote)}_` : ""}`),
  ];
  if (p.nextSteps.items.length) blocks.push(...sections(`*${e(p.nextSteps.heading)}*\n${p.nextSteps.items.map((i) => `• ${e(i)}`).join("\n")}`));
  blocks.push(divider());
  blocks.push(...sections(`*${e(p.pillars.heading)}*\n${p.pillars.items.map((i) => `${RAG_ICON[i.rag] ?? ""} *${e(i.name)}* ${e(i.score)} · ${e(i.trend)} \`${i.sparkline}\`\n   _${e(i.basis)}_`).join("\n")}`));
  const reliability = table(p.reliability.table);
  if (reliability) blocks.push(...sections(`*${e(p.reliability.heading)}*\n${reliability}`));
  if (p.agreements.lines.length) blocks.push(...sections(`*${e(p.agreements.heading)}*\n${p.agreements.lines.map(e).join("\n")}`));
  const sayDo = p.sayVsDo.table ? table(p.sayVsDo.table) : "";
  blocks.push(...sections(`*${e(p.sayVsDo.heading)}*\n${e(p.sayVsDo.text)}${sayDo ? `\n${sayDo}` : ""}${p.sayVsDo.note ? `\n_${e(p.sayVsDo.note)}_` : ""}`));
  const events = p.events.items.length ? p.events.items.map((i) => `• ${e(i.text)}\n   → ${e(i.step)}`).join("\n") : e(p.events.empty ?? "");
  if (events) blocks.push(...sections(`*${e(p.events.heading)}*\n${events}`));
  const participation = table(p.participation.table);
  const noRounds = p.participation.empty ? `\n${e(p.participation.empty)}` : "";
  blocks.push(...sections(`*${e(p.participation.heading)}*${p.participation.overall ? `\n${e(p.participation.overall)}` : ""}${participation ? `\n${participation}` : ""}${noRounds}`));
  if (p.culture && p.culture.lines.length) blocks.push(...sections(`*${e(p.culture.heading)}*\n${p.culture.lines.map(e).join("\n")}`));
  if (p.hiddenNote) blocks.push(context([e(p.hiddenNote)]));
  for (const chart of view.charts) blocks.push(context([e(chart.altText)]));
  blocks.push(context([footer(p)]));
  return toMessages(`${p.title}: ${p.index.label} ${p.index.score} (${p.index.status})`, blocks);
}
