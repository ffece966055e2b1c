/**
 * Translated texts about partners and directions: the verdict sentence that names the partner,
 * who should talk to whom, the per-partner table, give and take both ways and why the index was
 * held below green. Split from present-summary.ts to keep each file about one thing.
 */
import type { Translator } from "../i18n/catalogue.js";
import type { Locale } from "../shared/refs.js";
import type { DiagnosisSubject, SubjectDiagnosis } from "../trust-health/diagnosis.js";
import type { Estimate } from "../trust-health/estimates.js";
import type { ReciprocityPair } from "../trust-health/partner-findings.js";
import { AMBER_THRESHOLD } from "../trust-health/trust-health-constants.js";
import { organizationName } from "./present-summary-sections.js";
import type { PresentedTable } from "./presented-table.js";
import { formatDelta, formatScore } from "./summary-format.js";
import type { TrustHealthSummary } from "./summary-model.js";

/** Giver and receiver names of a subject ("its partners" / the alliance when not a pair). */
function names(summary: TrustHealthSummary, subject: DiagnosisSubject, t: Translator): { giver: string; receiver: string } {
  switch (subject.kind) {
    case "pair":
      return {
        giver: organizationName(summary, t, subject.fromOrganizationId),
        receiver: organizationName(summary, t, subject.toOrganizationId),
      };
    case "organization":
      return { giver: organizationName(summary, t, subject.organizationId), receiver: t("trustHealth.partners") };
    case "alliance":
      return { giver: summary.alliance.name, receiver: t("trustHealth.partners") };
  }
}

const percent = (v: number) => String(Math.round(v));

/** "Globex keeps 25% of what it owes Acme (12–41%, based on 12 outcomes)". */
function recordText(summary: TrustHealthSummary, s: SubjectDiagnosis, t: Translator): string {
  const r = s.evidence.record;
  if (!r) return "";
  return t(`trustHealth.record.${s.subject.kind}`, { ...names(summary, s.subject, t), kept: percent(r.value), low: percent(r.low), high: percent(r.high), n: pluralCount(r.basis) });
}

function trustText(e: Estimate | null, t: Translator, locale: Locale): string {
  if (!e) return t("trustHealth.noTrustFigure");
  return t("trustHealth.trustFigure", { score: formatScore(e.value, locale), low: formatScore(e.low, locale), high: formatScore(e.high, locale), n: e.basis });
}

/** The verdict sentence naming the partner it is about. */
export function verdictText(summary: TrustHealthSummary, s: SubjectDiagnosis & { thresholds?: { trustLowBelow: number } }, t: Translator, locale: Locale): string {
  const record = recordText(summary, s, t);
  if (s.diagnosis === "insufficient_data") return t(record ? "trustHealth.verdict.insufficient_data.record" : "trustHealth.verdict.insufficient_data", { record });
  return t(`trustHealth.verdict.${s.diagnosis}`, {
    record,
    trustIn: t(`trustHealth.trustIn.${s.subject.kind}`, names(summary, s.subject, t)),
    trust: trustText(s.evidence.trust, t, locale),
    amber: AMBER_THRESHOLD,
    below: s.thresholds?.trustLowBelow ?? "",
  });
}

/** Lopsided give and take, as sentences for the diagnosis. */
export function lopsidedNotes(summary: TrustHealthSummary, t: Translator, locale: Locale): string[] {
  return summary.reciprocity.pairs.flatMap((pair) => {
    if (pair.lopsidedGiver === null) return [];
    const giverIsA = pair.lopsidedGiver === pair.organizationA;
    const taker = giverIsA ? pair.organizationB : pair.organizationA;
    return [
      t("trustHealth.lopsided", {
        giver: organizationName(summary, t, pair.lopsidedGiver),
        taker: organizationName(summary, t, taker),
        given: formatCount(giverIsA ? pair.deliveredAToB : pair.deliveredBToA, locale),
        received: formatCount(giverIsA ? pair.deliveredBToA : pair.deliveredAToB, locale),
      }),
    ];
  });
}

/** "A", "A and B", "A, B and C" in the reader's language. */
function listOf(items: readonly string[], t: Translator): string {
  if (items.length <= 1) return items[0] ?? "";
  return t("trustHealth.list", { items: items.slice(0, -1).join(", "), last: items.at(-1)! });
}

/** Who should talk to whom: the headline partner first (with its partners by name), then each lopsided pair. */
export function talkSteps(summary: TrustHealthSummary, t: Translator): string[] {
  const d = summary.diagnosis;
  const steps: string[] = [];
  if (d.subject.kind !== "alliance" && d.diagnosis !== "healthy" && d.diagnosis !== "insufficient_data") {
    const who = names(summary, d.subject, t);
    if (d.subject.kind === "organization") {
      const giver = d.subject.organizationId;
      who.receiver = listOf(summary.organizations.filter((o) => o.organizationId !== giver).map((o) => o.name), t);
    }
    steps.push(t(`trustHealth.talk.${d.diagnosis}`, who));
  }
  for (const pair of summary.reciprocity.pairs) {
    if (pair.lopsidedGiver === null) continue;
    const taker = pair.lopsidedGiver === pair.organizationA ? pair.organizationB : pair.organizationA;
    steps.push(t("trustHealth.talk.lopsided", { giver: organizationName(summary, t, pair.lopsidedGiver), taker: organizationName(summary, t, taker) }));
  }
  return steps;
}

/** A (recency-weighted) count: whole when it rounds to whole, else one decimal. */
/**
 * A (recency-weighted) count as the number a plural block takes (`{n, plural, …}` formats it for
 * the locale): one decimal at most, so 2.5 reads "2.5" / "2,5" and 1 takes the singular.
 */
export function pluralCount(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatCount(value: number, locale: Locale): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : formatScore(rounded, locale);
}

function estimateCell(e: Estimate | null, t: Translator, locale: Locale): string {
  if (!e) return t("trustHealth.noData");
  return t("summary.estimate", { value: formatScore(e.value, locale), low: formatScore(e.low, locale), high: formatScore(e.high, locale), n: e.basis });
}

function directionsOf(summary: TrustHealthSummary, giver: string): number {
  return summary.findings.filter((f) => f.subject.kind === "pair" && f.subject.fromOrganizationId === giver).length;
}

/** The per-partner and per-direction table. */
export function partnersTable(summary: TrustHealthSummary, t: Translator, locale: Locale): PresentedTable {
  const hidden = t("common.hiddenForAnonymity", { k: summary.alliance.anonymityThreshold });
  return {
    columns: [t("summary.column.who"), t("summary.column.kept"), t("summary.column.trustIn"), t("summary.column.perceivedByPartners"), t("summary.column.gap"), t("summary.column.verdict")],
    // An organisation that owes only one partner says the same as its one direction: show that.
    rows: summary.findings.filter((f) => f.subject.kind !== "organization" || directionsOf(summary, f.subject.organizationId) !== 1).map((f) => {
      const who = t(f.subject.kind === "pair" ? "summary.subject.pair" : "summary.subject.organization", names(summary, f.subject, t));
      const perception = (e: Estimate | null, isHidden: boolean) => (e === null && isHidden ? hidden : estimateCell(e, t, locale));
      const gap = f.gap === null ? "–" : f.gap.flagged ? t("summary.gapClear", { gap: formatDelta(f.gap.gap, locale) }) : formatDelta(f.gap.gap, locale);
      return [
        who,
        estimateCell(f.evidence.record, t, locale),
        perception(f.evidence.trust, f.hidden.trust),
        perception(f.evidence.perceivedReliability, f.hidden.perceivedReliability),
        gap,
        t(`trustHealth.diagnosis.${f.diagnosis}.title`),
      ];
    }),
  };
}

/** Give and take per pair, both ways. */
export function reciprocityLines(summary: TrustHealthSummary, t: Translator, locale: Locale): string[] {
  return summary.reciprocity.pairs.map((pair: ReciprocityPair) => {
    const params = {
      a: organizationName(summary, t, pair.organizationA),
      b: organizationName(summary, t, pair.organizationB),
      ab: formatCount(pair.deliveredAToB, locale),
      ba: formatCount(pair.deliveredBToA, locale),
      giver: pair.lopsidedGiver === null ? "" : organizationName(summary, t, pair.lopsidedGiver),
    };
    return t(pair.lopsidedGiver === null ? "summary.reciprocityPair" : "summary.reciprocityLopsided", params);
  });
}

/** Why the index is not green although its mean would be, or null. */
export function cappedNote(summary: TrustHealthSummary, t: Translator): string | null {
  const cap = summary.index.cappedBy;
  if (!cap) return null;
  const { giver, receiver } = names(summary, cap.subject, t);
  const who = cap.subject.kind === "pair" ? t("summary.subject.pair", { giver, receiver }) : cap.subject.kind === "organization" ? giver : summary.alliance.name;
  return t("summary.indexCapped", { who, verdict: t(`trustHealth.diagnosis.${cap.diagnosis}.title`) });
}
