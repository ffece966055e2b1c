/**
 * Number formatting for the summary in the reader's language (Dutch writes 77,6), plus the
 * text sparkline that Markdown and chat messages show beside each pillar.
 */
import { translate } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { SeriesPoint } from "../trust-health/rag-and-trend.js";
import type { Rag } from "../trust-health/rag-and-trend.js";

/** A score with one decimal: "77.6" / "77,6". */
export function formatScore(value: number, locale: Locale): string {
  const text = value.toFixed(1);
  return locale === "nl" ? text.replace(".", ",") : text;
}

/** A signed delta with one decimal: "+5.6", "−1.5" (a real minus sign reads better in chat). */
export function formatDelta(value: number, locale: Locale): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return sign + formatScore(Math.abs(value), locale);
}

/** A 0–1 share as a whole percentage: "61%". */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A percentage already on 0–100 with up to one decimal, without trailing ",0": "80", "68,8". */
export function formatPercent(value: number, locale: Locale): string {
  const text = Number.isInteger(value) ? String(value) : formatScore(value, locale);
  return text;
}

/** A correlation with two decimals: "0.82" / "0,82". */
export function formatR(value: number, locale: Locale): string {
  const text = value.toFixed(2);
  return locale === "nl" ? text.replace(".", ",") : text;
}

const BARS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** One character per period, ▁ (0) … █ (100); "·" for a period without data. */
export function sparkline(series: readonly SeriesPoint[]): string {
  return series
    .map((point) => (point.score === null ? "·" : (BARS[Math.min(7, Math.floor(point.score / 12.5))] ?? "█")))
    .join("");
}

/** A coloured circle for a RAG status, for renderers that show emoji. */
export function ragIcon(rag: Rag): string {
  switch (rag) {
    case "green":
      return "🟢";
    case "amber":
      return "🟠";
    case "red":
      return "🔴";
    case "no_data":
      return "⚪";
  }
}

/**
 * A period key in the reader's language: "2026-W10" → "week 10, 2026" (long) or "W10" (short,
 * for chart axes); "2026-03" → "March 2026" / "maart 2026" (long) or "Mar" / "mrt" (short).
 * Other keys fall back to the label stored with the period.
 */
export function formatPeriod(key: string, fallback: string, locale: Locale, style: "long" | "short"): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const [, year = "", number = ""] = week;
    const n = String(Number(number));
    return style === "short" ? `W${n}` : translate(locale, "summary.period.week", { week: n, year });
  }
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15));
    const tag = locale === "nl" ? "nl-NL" : "en-GB";
    const options: Intl.DateTimeFormatOptions =
      style === "short" ? { month: "short", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" };
    return new Intl.DateTimeFormat(tag, options).format(date).replace(/\.$/, "");
  }
  return fallback;
}
