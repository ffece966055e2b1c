/**
 * The observed record over a rolling window with recency weights instead of a hard cut-off
 * (docs/trust-health.md §1.2). Input periods carry their OWN period's commitment counts; for each
 * period the model sums the last RECORD_WINDOW_PERIODS periods, weighting a period of age a (0 =
 * the period itself) by RECENCY_DECAY^a. Counts stay counts (kept, resolved, delivered, clear), so
 * the estimates of estimates.ts read weighted counts, and `outcomes` keeps the plain count.
 * Perception is not rolled: the pulse figures already span the last rounds.
 */
import { reciprocityImbalance, type ReciprocityFlow } from "./reciprocity.js";
import { RECENCY_DECAY, RECORD_WINDOW_PERIODS } from "./trust-health-constants.js";
import type {
  DirectionPeriodInput,
  ObservedRecord,
  OrganizationPeriodInput,
  TrustHealthPeriodInput,
} from "./trust-health-inputs.js";

interface Counts {
  kept: number;
  resolved: number;
  outcomes: number;
}

function add(total: Counts, record: ObservedRecord | null | undefined, weight: number): void {
  if (!record || record.resolved <= 0) return;
  total.kept += weight * record.keptRate * record.resolved;
  total.resolved += weight * record.resolved;
  total.outcomes += record.outcomes ?? record.resolved;
}

function recordOf(total: Counts): ObservedRecord | null {
  return total.resolved > 0 ? { keptRate: total.kept / total.resolved, resolved: total.resolved, outcomes: total.outcomes } : null;
}

const empty = (): Counts => ({ kept: 0, resolved: 0, outcomes: 0 });
const directionKey = (d: Pick<DirectionPeriodInput, "fromOrganizationId" | "toOrganizationId">) =>
  `${d.fromOrganizationId}→${d.toOrganizationId}`;

/** d^a for a = 0 … RECORD_WINDOW_PERIODS − 1. */
export const RECENCY_WEIGHTS: readonly number[] = Array.from({ length: RECORD_WINDOW_PERIODS }, (_, age) => RECENCY_DECAY ** age);

/**
 * c = Σ d^a / Σ d^(2a): weighted counts × c = Kish's effective sample size of the window (for
 * even volumes). The estimates use it, so the intervals are as wide as the evidence really is:
 * neither the raw count (which ignores that old outcomes count less) nor the plain weighted count
 * (which throws evidence away).
 */
export const EFFECTIVE_SAMPLE_SCALE =
  RECENCY_WEIGHTS.reduce((a, b) => a + b, 0) / RECENCY_WEIGHTS.reduce((a, b) => a + b * b, 0);

/** The window of period `index`: [period, weight] from the period itself back. */
function windowOf(periods: readonly TrustHealthPeriodInput[], index: number): Array<[TrustHealthPeriodInput, number]> {
  const window: Array<[TrustHealthPeriodInput, number]> = [];
  for (let age = 0; age < RECORD_WINDOW_PERIODS && index - age >= 0; age++) {
    window.push([periods[index - age]!, RECENCY_WEIGHTS[age]!]);
  }
  return window;
}

/** One period with its observed figures replaced by the recency-weighted window ending at it. */
export function rollPeriod(periods: readonly TrustHealthPeriodInput[], index: number): TrustHealthPeriodInput {
  const current = periods[index]!;
  const window = windowOf(periods, index);

  const reliability = empty();
  let clearW = 0;
  let clarityW = 0;
  let gapW = 0;
  let exchangesW = 0;
  const byOrg = new Map<string, Counts>();
  const byDirection = new Map<string, Counts & { delivered: number; from: string; to: string }>();
  for (const [period, weight] of window) {
    add(reliability, period.observed.reliability, weight);
    const clarity = period.observed.clarity;
    if (clarity && clarity.commitments > 0) {
      clearW += weight * clarity.share * clarity.commitments;
      clarityW += weight * clarity.commitments;
    }
    const reciprocity = period.observed.reciprocity;
    if (reciprocity && reciprocity.exchanges > 0) {
      gapW += weight * reciprocity.imbalance * reciprocity.exchanges;
      exchangesW += weight * reciprocity.exchanges;
    }
    for (const org of period.organizations) {
      let total = byOrg.get(org.organizationId);
      if (!total) byOrg.set(org.organizationId, (total = empty()));
      add(total, org.observed, weight);
    }
    for (const d of period.directions ?? []) {
      let total = byDirection.get(directionKey(d));
      if (!total) byDirection.set(directionKey(d), (total = { ...empty(), delivered: 0, from: d.fromOrganizationId, to: d.toOrganizationId }));
      add(total, d.observed, weight);
      total.delivered += weight * d.delivered;
    }
  }

  const organizations = current.organizations.map(
    (org): OrganizationPeriodInput => ({ ...org, observed: recordOf(byOrg.get(org.organizationId) ?? empty()) }),
  );
  const currentDirections = new Map((current.directions ?? []).map((d) => [directionKey(d), d]));
  const directions = [...byDirection.entries()].map(([key, total]): DirectionPeriodInput => {
    const now = currentDirections.get(key);
    return {
      fromOrganizationId: total.from,
      toOrganizationId: total.to,
      observed: recordOf(total),
      delivered: total.delivered,
      perceivedReliability: now?.perceivedReliability ?? null,
      trust: now?.trust ?? null,
    };
  });
  for (const [key, d] of currentDirections) if (!byDirection.has(key)) directions.push({ ...d, observed: null, delivered: 0 });

  // Reciprocity from the rolled deliveries when the directions are known (imbalances of single
  // periods do not add up); otherwise the exchange-weighted mean of the periods' imbalances.
  const flows = new Map<string, ReciprocityFlow>();
  const flow = (id: string) => flows.get(id) ?? flows.set(id, { organizationId: id, delivered: 0, received: 0 }).get(id)!;
  for (const d of directions) {
    flow(d.fromOrganizationId).delivered += d.delivered;
    flow(d.toOrganizationId).received += d.delivered;
  }
  const fromDirections = reciprocityImbalance([...flows.values()]);
  const reciprocity = fromDirections ?? (exchangesW > 0 ? { imbalance: gapW / exchangesW, exchanges: exchangesW } : null);

  return {
    ...current,
    observed: {
      reliability: recordOf(reliability),
      clarity: clarityW > 0 ? { share: clearW / clarityW, commitments: clarityW } : null,
      reciprocity,
    },
    organizations,
    directions: directions.sort((a, b) => directionKey(a).localeCompare(directionKey(b))),
  };
}

/** Every period rolled (see rollPeriod). */
export function rollPeriods(periods: readonly TrustHealthPeriodInput[]): TrustHealthPeriodInput[] {
  return periods.map((_, index) => rollPeriod(periods, index));
}
