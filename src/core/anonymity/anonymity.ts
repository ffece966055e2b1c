/**
 * Anonymity rules shared by polls, pulses, culture fit and trust health (DESIGN.md §2.3).
 *
 * Public API (keep it small and stable; other features import it):
 * - `effectiveAnonymityThreshold(configured)` → the k to use: the configured value, never below
 *   MIN_ANONYMITY_THRESHOLD (3); a missing or non-finite value gives the default (5).
 * - `decideSuppression({ groups, k, publishTotal })` → which group figures and whether the overall
 *   total may be published:
 *     1. primary suppression: a group with fewer than k distinct contributors is hidden
 *        ("below_threshold"); a group marked `reportable: false` (e.g. "organisation unknown") is
 *        never shown on its own ("not_reportable") but still counts in the total;
 *     2. the total is published only when asked for and at least k people contributed overall;
 *     3. complementary suppression: when the total is published, the hidden groups together must
 *        hold 0 or at least k people (total − published groups = the hidden union); otherwise the
 *        smallest published groups are hidden as well ("complementary") until they do.
 *   Every contributor must be in exactly one group; k is clamped with effectiveAnonymityThreshold.
 * - `applySuppression(aggregates, decision)` → splits a record of per-group aggregates (any value
 *   type: tallies, mean scores, profiles) into the published ones and the hidden ids with reasons.
 * - `suppressAggregates(entries, { k, publishTotal })` → decide + apply in one call.
 *
 * What it does not cover: several overlapping breakdowns of the same answers (each published
 * breakdown must be decided together), and differencing over time (live tallies that change by one
 * vote); callers that publish those must handle them.
 */
import { DEFAULT_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD } from "../alliance/alliance.js";

/** A group (e.g. a partner organisation) and how many distinct people contributed to its figure. */
export interface GroupSize {
  readonly id: string;
  readonly contributors: number;
  /** False for a group that must never be shown on its own (e.g. members without an organisation). */
  readonly reportable?: boolean;
}

/** Why a figure is hidden. */
export type HiddenReason = "below_threshold" | "complementary" | "not_reportable";

/** The verdict on one group. */
export interface GroupDecision {
  readonly id: string;
  readonly contributors: number;
  readonly published: boolean;
  readonly hiddenReason: HiddenReason | null;
}

/** The verdict on every group and on the overall total. */
export interface SuppressionDecision {
  /** The threshold actually applied (after clamping). */
  readonly k: number;
  /** In input order. */
  readonly groups: readonly GroupDecision[];
  readonly totalContributors: number;
  readonly totalPublished: boolean;
  /** Null when the total is published or was not asked for. */
  readonly totalHiddenReason: "below_threshold" | null;
}

/** The k to apply: the configured value (rounded down), never below 3; default 5 when unset. */
export function effectiveAnonymityThreshold(configured?: number | null): number {
  if (configured === null || configured === undefined || !Number.isFinite(configured)) {
    return DEFAULT_ANONYMITY_THRESHOLD;
  }
  return Math.max(MIN_ANONYMITY_THRESHOLD, Math.floor(configured));
}

/** Decides which group figures and whether the total may be published (see the module JSDoc). */
export function decideSuppression(input: {
  groups: readonly GroupSize[];
  k: number;
  publishTotal: boolean;
}): SuppressionDecision {
  const k = effectiveAnonymityThreshold(input.k);
  const seen = new Set<string>();
  for (const group of input.groups) {
    if (!Number.isInteger(group.contributors) || group.contributors < 0) {
      throw new RangeError(`contributors of group ${group.id} must be a non-negative integer`);
    }
    if (seen.has(group.id)) throw new RangeError(`group ${group.id} appears twice`);
    seen.add(group.id);
  }

  const reasons = new Map<string, HiddenReason>();
  for (const group of input.groups) {
    if (group.reportable === false) reasons.set(group.id, "not_reportable");
    else if (group.contributors < k) reasons.set(group.id, "below_threshold");
  }

  const totalContributors = input.groups.reduce((sum, group) => sum + group.contributors, 0);
  const totalPublished = input.publishTotal && totalContributors >= k;

  if (totalPublished) {
    // total − published groups reveals the hidden union: it must be empty or hold ≥ k people.
    // Hiding the smallest published group first costs the least information. Terminates: once
    // every group is hidden the union is the total, which is ≥ k here.
    let hiddenUnion = sumOf(input.groups.filter((group) => reasons.has(group.id)));
    const candidates = input.groups
      .filter((group) => !reasons.has(group.id))
      .sort((a, b) => a.contributors - b.contributors);
    for (const group of candidates) {
      if (hiddenUnion === 0 || hiddenUnion >= k) break;
      reasons.set(group.id, "complementary");
      hiddenUnion += group.contributors;
    }
  }

  return {
    k,
    groups: input.groups.map((group) => ({
      id: group.id,
      contributors: group.contributors,
      published: !reasons.has(group.id),
      hiddenReason: reasons.get(group.id) ?? null,
    })),
    totalContributors,
    totalPublished,
    totalHiddenReason: input.publishTotal && !totalPublished ? "below_threshold" : null,
  };
}

/** The ids of the groups whose figures may be shown. */
export function publishedGroupIds(decision: SuppressionDecision): Set<string> {
  return new Set(decision.groups.filter((group) => group.published).map((group) => group.id));
}

/** Per-group aggregates split into what may be shown and what is hidden (with the reason). */
export interface PublishedAggregates<T> {
  readonly published: Record<string, T>;
  readonly hidden: ReadonlyArray<{ readonly id: string; readonly reason: HiddenReason }>;
  readonly totalPublished: boolean;
  readonly k: number;
}

/**
 * Keeps only the aggregates of published groups. An aggregate for a group the decision does not
 * know is treated as hidden ("not_reportable"): unknown means unchecked, and unchecked is never shown.
 */
export function applySuppression<T>(
  aggregates: Readonly<Record<string, T>>,
  decision: SuppressionDecision,
): PublishedAggregates<T> {
  const byId = new Map(decision.groups.map((group) => [group.id, group]));
  const published: Record<string, T> = {};
  const hidden: Array<{ id: string; reason: HiddenReason }> = [];
  for (const [id, value] of Object.entries(aggregates)) {
    const verdict = byId.get(id);
    if (verdict?.published) published[id] = value;
    else hidden.push({ id, reason: verdict?.hiddenReason ?? "not_reportable" });
  }
  return { published, hidden, totalPublished: decision.totalPublished, k: decision.k };
}

/** Decides and applies in one call for aggregates that carry their own contributor counts. */
export function suppressAggregates<T>(
  entries: ReadonlyArray<GroupSize & { readonly value: T }>,
  options: { k: number; publishTotal: boolean },
): PublishedAggregates<T> & { decision: SuppressionDecision } {
  const decision = decideSuppression({ groups: entries, ...options });
  const aggregates: Record<string, T> = {};
  for (const entry of entries) aggregates[entry.id] = entry.value;
  return { ...applySuppression(aggregates, decision), decision };
}

function sumOf(groups: readonly GroupSize[]): number {
  return groups.reduce((sum, group) => sum + group.contributors, 0);
}
