/**
 * The published pulse figures: what the trust-health model, the summary and the charts consume.
 * Everything in here has already passed the anonymity rules (core/anonymity); nothing in here can
 * be traced to a person.
 */
import type { HiddenReason } from "../anonymity/anonymity.js";
import type { PulseCategory } from "./pulse-item-bank.js";

/** A published score: the mean of the 1–5 answers and the same on 0–100 ((mean − 1) / 4 · 100). */
export interface PulseScore {
  kind: "score";
  /** Mean of the 1–5 answers ("can't say" excluded), full precision; round when displaying. */
  mean: number;
  /** (mean − 1) / 4 · 100, full precision. */
  score: number;
  /** Distinct respondents behind the figure (over several rounds: the most in any one round). */
  respondents: number;
}

/** A figure withheld by the anonymity rules (fewer than k people, or it would reveal one that is). */
export interface PulseHidden {
  kind: "hidden";
  reason: HiddenReason;
}

/** A score or the marker that it is hidden. A category that had no answers is simply absent. */
export type PulseFigure = PulseScore | PulseHidden;

/** Figures per category: the five pillars and "culture" (dealing with cultural differences). */
export type PulseCategoryFigures = Partial<Record<PulseCategory, PulseFigure>>;

/** Invited and completed people; participation is not anonymous data, so it is never hidden. */
export interface PulseParticipation {
  invited: number;
  completed: number;
  /** completed / invited, 0–1; null when nobody was invited. */
  rate: number | null;
}

/** A comment as published: no respondent, no time, sorted by category, item and text. */
export interface PulseComment {
  category: PulseCategory;
  itemKey: string;
  /** The organisation a directional item was about, or null. */
  targetOrganizationId: string | null;
  text: string;
}

/** One cell of the perception matrix: how `from`'s people rate `to` on `category`. */
export interface PerceptionCell {
  fromOrganizationId: string;
  toOrganizationId: string;
  /** True when from === to: how an organisation sees itself. */
  self: boolean;
  category: PulseCategory;
  figure: PulseFigure;
}

/** One partner organisation's figures. */
export interface OrganizationPulseFigures {
  organizationId: string;
  name: string;
  participation: PulseParticipation;
  /** How this organisation's own people answered (all items), per category. */
  answeredBy: PulseCategoryFigures;
  /** How the OTHER organisations rate this one (directional items), per category. */
  seenByPartners: PulseCategoryFigures;
  /** How this organisation rates itself (directional items about itself), per category. */
  selfPerception: PulseCategoryFigures;
  /** Its people's comments, only when at least k of them answered. */
  comments: { kind: "comments"; items: PulseComment[] } | PulseHidden;
}

/**
 * Pulse figures of an alliance over one period or a range of periods.
 *
 * Shape:
 * - `periodKeys`: the periods whose rounds were found (sorted); `k`: the threshold applied.
 * - `overall[category]`: all answers of the alliance (`PulseScore` | `PulseHidden`; absent = no answers).
 * - `organizations[]`: per partner organisation — participation (invited/completed/rate),
 *   `answeredBy` (its own people's answers), `seenByPartners` (directional answers about it from
 *   the other organisations), `selfPerception`, and comments (or hidden).
 * - `perception[]`: the perception matrix, one cell per (from org, to org, category) that had
 *   answers, self cells included (`self: true`).
 * - `participation`: the alliance total.
 *
 * Anonymity (DESIGN.md §2.3): a figure needs ≥ k distinct respondents. Org figures are a breakdown
 * of `overall` and get complementary suppression through core/anonymity. A row of the matrix is a
 * breakdown of the organisation's `answeredBy` figure (together with its non-directional answers),
 * a column of its `seenByPartners` figure; both get complementary suppression, repeated until
 * nothing changes, and a row whose `answeredBy` figure is hidden is hidden whole. Answer counts are
 * not published, only respondents. Comments of an organisation are shown only when at least k of
 * its people answered, and never as an alliance-wide list (it would reveal the hidden ones).
 */
export interface PulseFigures {
  allianceId: string;
  periodKeys: string[];
  k: number;
  overall: PulseCategoryFigures;
  organizations: OrganizationPulseFigures[];
  perception: PerceptionCell[];
  participation: PulseParticipation;
}
