/**
 * The summary as Markdown, for export and for `npm run demo`. Uses the same presentation as the
 * chat renderers, so the export says exactly what the steering channel saw.
 */
import type { Locale } from "../shared/refs.js";
import { presentSummary, type PresentedTable } from "./present-summary.js";
import { ragIcon } from "./summary-format.js";
import type { TrustHealthSummary } from "./summary-model.js";

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(t: PresentedTable): string[] {
  return [
    `| ${t.columns.map(cell).join(" | ")} |`,
    `|${t.columns.map(() => "---").join("|")}|`,
    ...t.rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

/** Renders the summary as a Markdown document in `locale`. */
export function renderSummaryMarkdown(summary: TrustHealthSummary, locale: Locale): string {
  const p = presentSummary(summary, locale);
  // Without a score the status says "no data" a second time: show it once.
  const status = p.index.rag === "no_data" ? "" : ` ${p.index.status}`;
  const lines: string[] = [
    `# ${p.title}`,
    "",
    `_${p.subtitle}_`,
    "",
    `**${p.index.label}: ${p.index.score}** ${ragIcon(p.index.rag)}${status} · ${p.index.trend} · \`${p.index.sparkline}\``,
    "",
    ...(p.index.capped ? [`_${p.index.capped}_`, ""] : []),
    `## ${p.diagnosis.heading}: ${p.diagnosis.title}`,
    "",
    `**${p.diagnosis.verdict}**`,
    "",
    p.diagnosis.explanation,
    "",
    ...p.diagnosis.notes.flatMap((note) => [note, ""]),
    `_${p.diagnosis.uncertaintyNote}_`,
    "",
    `### ${p.nextSteps.heading}`,
    "",
    ...p.nextSteps.items.map((item) => `- ${item}`),
    "",
    `## ${p.pillars.heading}`,
    "",
    ...table({
      columns: p.pillars.columns,
      rows: p.pillars.items.map((item) => [
        item.name,
        item.score,
        `${ragIcon(item.rag)} ${item.status}`,
        item.trend,
        `\`${item.sparkline}\``,
        item.basis,
      ]),
    }),
    "",
    `## ${p.reliability.heading}`,
    "",
    ...table(p.reliability.table),
    "",
    `## ${p.agreements.heading}`,
    "",
    ...p.agreements.lines.map((line) => `- ${line}`),
    "",
    `## ${p.sayVsDo.heading}`,
    "",
    p.sayVsDo.text,
    "",
    ...(p.sayVsDo.table ? [...table(p.sayVsDo.table), ""] : []),
    ...(p.sayVsDo.note ? [`_${p.sayVsDo.note}_`, ""] : []),
    `## ${p.events.heading}`,
    "",
    ...(p.events.empty ? [p.events.empty] : p.events.items.flatMap((e) => [`- ${e.text}`, `  - ${e.step}`])),
    "",
    `## ${p.participation.heading}`,
    "",
    ...(p.participation.overall ? [p.participation.overall, ""] : []),
    ...(p.participation.empty ? [p.participation.empty, ""] : []),
    ...(p.participation.table.rows.length > 0 ? [...table(p.participation.table), ""] : []),
    // Each pair's flagged quadrant differences as indented bullets under the pair.
    ...(p.culture ? [`## ${p.culture.heading}`, "", ...p.culture.items.flatMap((i) => [`- ${i.text}`, ...i.details.map((d) => `  - ${d}`)]), ""] : []),
    ...(p.hiddenNote ? [`_${p.hiddenNote}_`, ""] : []),
    "---",
    "",
    `_${p.exportFooter}_`,
    "",
  ];
  return lines.join("\n");
}
