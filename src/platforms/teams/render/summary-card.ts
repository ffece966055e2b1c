// The trust-health summary as one Adaptive Card: index and diagnosis first (what a steering
// committee reads), then next steps, pillar table with a Teams line chart of 8 periods, observed
// vs perceived reliability as a grouped bar chart, agreements, say-vs-do, events, participation
// and culture. Every chart carries a text fallback, since the chart elements are a Teams-only
// extension that other hosts (and some Teams clients) do not draw.
import type { CardElement } from "@microsoft/teams.cards";
import { translate } from "#core/i18n/catalogue.js";
import type { PresentedTable } from "#core/summary/present-summary.js";
import { summaryChartData, type SummaryChartData } from "#core/summary/summary-chart-data.js";
import type { SummaryView } from "#core/summary/summary-views.js";
import type { Rag } from "#core/trust-health/rag-and-trend.js";
import type { Locale } from "#core/shared/refs.js";
import { card, column, container, heading, note, text } from "./card-kit.js";
import type { CardRender } from "./render-types.js";

const RAG_COLOR: Record<Rag, "Good" | "Warning" | "Attention" | "Default"> = { green: "Good", amber: "Warning", red: "Attention", no_data: "Default" };

function section(title: string, items: CardElement[]): CardElement {
  return container([text(title, { weight: "Bolder", size: "Medium" }), ...items], { separator: true });
}

/** A 1.5 Table; the first column stretches, the rest fit their content. */
function table(t: PresentedTable): CardElement {
  return {
    type: "Table",
    firstRowAsHeader: true,
    showGridLines: false,
    columns: t.columns.map((_, i) => ({ width: i === 0 ? 2 : 1 })),
    rows: [t.columns, ...t.rows].map((cells, r) => ({
      type: "TableRow",
      cells: cells.map((cell) => ({ type: "TableCell", items: [text(cell, { size: "Small", ...(r === 0 ? { weight: "Bolder" } : {}) })] })),
    })),
  } as CardElement;
}

/** The pillar trends as Chart.Line, falling back to the sparkline rows; null without any score (an empty chart says nothing). */
function trendChart(data: SummaryChartData, fallbackLines: string[], locale: Locale): CardElement | null {
  const series = new Map<string, Array<{ x: string; y: number }>>();
  for (const row of data.pillarTrends) {
    if (row.score === null) continue;
    const values = series.get(row.seriesLabel) ?? [];
    values.push({ x: row.period, y: Math.round(row.score) });
    series.set(row.seriesLabel, values);
  }
  if (series.size === 0) return null;
  return {
    type: "Chart.Line",
    title: data.titles.pillarTrends,
    yMin: 0,
    yMax: 100,
    data: [...series].map(([legend, values]) => ({ legend, values })),
    fallback: container([note(translate(locale, "teams.chart.fallback", { title: data.titles.pillarTrends })), ...fallbackLines.map((line) => note(line))]),
  } as CardElement;
}

/** Observed kept-rate next to the partners' rating, per organisation. */
function keptRateChart(data: SummaryChartData, fallback: PresentedTable): CardElement | null {
  const measures = new Map<string, Array<{ x: string; y: number }>>();
  for (const row of data.keptRateByOrganization) {
    if (row.value === null || row.hidden) continue;
    const values = measures.get(row.measureLabel) ?? [];
    values.push({ x: row.organization, y: Math.round(row.value) });
    measures.set(row.measureLabel, values);
  }
  if (measures.size === 0) return null;
  return {
    type: "Chart.VerticalBar.Grouped",
    title: data.titles.keptRate,
    yMin: 0,
    yMax: 100,
    showBarValues: true,
    data: [...measures].map(([legend, values]) => ({ legend, values })),
    fallback: table(fallback),
  } as CardElement;
}

/** The footer with the methods note as a Markdown link (spaces and brackets in the URL encoded). */
function footer(p: SummaryView["presentation"]): CardElement {
  if (!p.methodsLink) return note(p.footer);
  const url = p.methodsLink.url.replace(/ /g, "%20").replace(/\(/g, "%28").replace(/\)/g, "%29");
  return note(`${p.footer} [${p.methodsLink.label.replace(/[[\]]/g, "")}](${url})`);
}

/** Renders the weekly / on-demand trust-health summary. */
export function renderSummaryCard(view: SummaryView): CardRender {
  const p = view.presentation;
  const onDemand = view.onDemand;
  const titled = (part: { heading: string; lines: string[] }) => section(part.heading, part.lines.map((line) => text(line)));
  if (onDemand?.pending) {
    // Nothing to report yet: what will appear and when, and what happened so far (no "no data" page).
    return { card: card([container([heading(p.title)], { style: "emphasis" }), titled(onDemand.pending), titled(onDemand.soFar), footer(p)], [], { fullWidth: true }), summary: `${p.title}: ${onDemand.pending.heading}` };
  }
  const charts = summaryChartData(view.summary, view.locale);
  // Without a score the big figure already says "no data"; the status would say it again.
  const status = p.index.rag === "no_data" ? [] : [text(p.index.status, { weight: "Bolder", color: RAG_COLOR[p.index.rag] })];
  const body: CardElement[] = [
    container([heading(p.title), note(p.subtitle)], { style: "emphasis" }),
    ...(onDemand ? [titled(onDemand.soFar)] : []),
    {
      type: "ColumnSet",
      columns: [
        column([text(p.index.label, { isSubtle: true }), text(p.index.score, { size: "ExtraLarge", weight: "Bolder", color: RAG_COLOR[p.index.rag] })], "auto"),
        column([...status, text(p.index.trend, { size: "Small" }), note(p.index.sparkline)], "stretch", {
          verticalContentAlignment: "Center",
        }),
      ],
    } as CardElement,
    ...(p.index.capped ? [note(p.index.capped)] : []),
    section(p.diagnosis.heading, [
      text(p.diagnosis.title, { weight: "Bolder" }),
      text(p.diagnosis.verdict, { weight: "Bolder" }),
      text(p.diagnosis.explanation),
      ...p.diagnosis.notes.map((n) => text(n)),
      note(p.diagnosis.uncertaintyNote),
    ]),
    section(p.nextSteps.heading, p.nextSteps.items.map((item, i) => text(`${i + 1}. ${item}`))),
  ];

  const pillarRows = p.pillars.items.map((item) => ({
    type: "ColumnSet",
    columns: [
      column([text(item.name, { size: "Small" })], 3),
      column([text(item.score, { size: "Small", weight: "Bolder", color: RAG_COLOR[item.rag] })], 1),
      column([text(item.trend, { size: "Small", isSubtle: true })], 3),
    ],
  }) as CardElement);
  const trend = trendChart(charts, p.pillars.items.map((i) => `${i.name}: ${i.sparkline}`), view.locale);
  body.push(section(p.pillars.heading, [...pillarRows, ...(trend ? [trend] : [])]));

  const kept = keptRateChart(charts, p.reliability.table);
  body.push(section(p.reliability.heading, [table(p.reliability.table), ...(kept ? [kept] : [])]));
  body.push(section(p.agreements.heading, p.agreements.lines.map((line) => text(line, { size: "Small" }))));
  body.push(
    section(p.sayVsDo.heading, [text(p.sayVsDo.text, { size: "Small" }), ...(p.sayVsDo.table ? [table(p.sayVsDo.table)] : []), ...(p.sayVsDo.note ? [note(p.sayVsDo.note)] : [])]),
  );
  body.push(
    section(p.events.heading, p.events.empty ? [note(p.events.empty)] : p.events.items.map((e) => container([text(e.text, { size: "Small" }), note(e.step)]))),
  );
  body.push(
    section(p.participation.heading, [
      ...(p.participation.overall ? [text(p.participation.overall, { size: "Small" })] : []),
      // A table of headers only reads as broken: say there were no rounds instead.
      ...(p.participation.table.rows.length > 0 ? [table(p.participation.table)] : []),
      ...(p.participation.empty ? [note(p.participation.empty)] : []),
    ]),
  );
  if (p.culture) body.push(section(p.culture.heading, p.culture.lines.map((line) => text(line, { size: "Small" }))));
  if (p.hiddenNote) body.push(note(p.hiddenNote));
  body.push(footer(p));
  return { card: card(body, [], { fullWidth: true }), summary: p.title };
}
