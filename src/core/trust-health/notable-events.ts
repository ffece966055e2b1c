/**
 * Notable events for the summary (docs/trust-health.md §7): broken, disputed and overdue
 * commitments, participation that fell by PARTICIPATION_DROP_POINTS or more, pillars that turned red.
 * The last two are statistics, so they fire only when they are unlikely under noise (FLAG_LEVEL):
 * a pillar "turned red" only when the whole interval of its score is red, participation "fell"
 * only when the interval of the drop clears zero — a couple of people skipping a round is not news.
 */
import { PILLARS, type Pillar } from "./pillars.js";
import { round1 } from "./pillar-scores.js";
import { ragOf, type Rag } from "./rag-and-trend.js";
import { clearDrop, shareEstimate } from "./estimates.js";
import type { ScoreBounds } from "./pillar-bounds.js";
import { AMBER_THRESHOLD, FLAG_LEVEL, PARTICIPATION_BASELINE_PERIODS, PARTICIPATION_DROP_POINTS } from "./trust-health-constants.js";
import type {
  CommitmentEventsInput,
  CommitmentRef,
  OrganizationPeriodInput,
  OverdueRef,
  Participation,
} from "./trust-health-inputs.js";

/** Every kind of notable event. */
export type NotableEventKind =
  | "commitment_broken"
  | "commitment_disputed"
  | "commitment_overdue"
  | "participation_falling"
  | "pillar_turned_red";

/** One notable event, with what the summary needs to show it. */
export type NotableEvent =
  | { kind: "commitment_broken" | "commitment_disputed"; commitment: CommitmentRef }
  | { kind: "commitment_overdue"; commitment: OverdueRef }
  | {
      kind: "participation_falling";
      /** null = the alliance as a whole. */
      organizationId: string | null;
      /** The usual rate: pooled over the last PARTICIPATION_BASELINE_PERIODS periods with a pulse. */
      previousRate: number;
      currentRate: number;
      drop: number;
    }
  | { kind: "pillar_turned_red"; pillar: Pillar; score: number; previous: Rag };

/** Participation rate in percent (one decimal), or null when nobody was asked. */
export function participationRate(participation: Participation | null | undefined): number | null {
  if (!participation || participation.invited <= 0) return null;
  return round1((participation.responded / participation.invited) * 100);
}

function sumParticipation(orgs: readonly OrganizationPeriodInput[]): Participation | null {
  const counted = orgs.filter((o) => o.participation !== null && o.participation.invited > 0);
  if (counted.length === 0) return null;
  return {
    invited: counted.reduce((a, o) => a + (o.participation?.invited ?? 0), 0),
    responded: counted.reduce((a, o) => a + (o.participation?.responded ?? 0), 0),
  };
}

/**
 * Participation falls when the current rate is PARTICIPATION_DROP_POINTS or more below the usual
 * rate — pooled over the last PARTICIPATION_BASELINE_PERIODS periods with a pulse, so one lucky
 * week is not the yardstick — and the drop is clear of noise: the interval of the difference of
 * the two Beta posteriors clears zero at FLAG_LEVEL, shared (Bonferroni) among all the
 * participation checks of the summary (the alliance and each organisation), so that the summary as
 * a whole raises a false alarm in at most 1 − FLAG_LEVEL of healthy weeks.
 */
function fallingParticipation(
  current: readonly OrganizationPeriodInput[],
  earlier: ReadonlyArray<readonly OrganizationPeriodInput[]>,
): NotableEvent[] {
  const baseline = earlier.filter((orgs) => sumParticipation(orgs) !== null).slice(-PARTICIPATION_BASELINE_PERIODS);
  const pooled = (id: string | null) =>
    sumParticipation(baseline.flatMap((orgs) => (id === null ? orgs : orgs.filter((o) => o.organizationId === id))));
  const rows: Array<[string | null, Participation | null]> = [
    [null, sumParticipation(current)],
    ...current.map((o): [string, Participation | null] => [o.organizationId, o.participation]),
  ];
  const level = 1 - (1 - FLAG_LEVEL) / rows.length;
  const events: NotableEvent[] = [];
  for (const [organizationId, now] of rows) {
    const before = pooled(organizationId);
    const currentRate = participationRate(now);
    const previousRate = participationRate(before);
    if (currentRate === null || previousRate === null) continue;
    const drop = round1(previousRate - currentRate);
    const beyondNoise = () => clearDrop(shareEstimate(before!.responded, before!.invited), shareEstimate(now!.responded, now!.invited), level);
    if (drop >= PARTICIPATION_DROP_POINTS && beyondNoise()) {
      events.push({ kind: "participation_falling", organizationId, previousRate, currentRate, drop });
    }
  }
  return events;
}

/** The notable events of the current period, most actionable first. */
export function notableEvents(args: {
  commitments: CommitmentEventsInput;
  currentScores: Readonly<Record<Pillar, number | null>>;
  /** The FLAG_LEVEL interval of each current score (pillar-bounds.ts). */
  currentBounds: Readonly<Record<Pillar, ScoreBounds | null>>;
  previousScores: Readonly<Record<Pillar, number | null>> | null;
  currentOrganizations: readonly OrganizationPeriodInput[];
  /** The organisations of the earlier periods, oldest first (the baseline for participation). */
  previousOrganizations: ReadonlyArray<readonly OrganizationPeriodInput[]> | null;
}): NotableEvent[] {
  const events: NotableEvent[] = [
    ...args.commitments.broken.map((commitment): NotableEvent => ({ kind: "commitment_broken", commitment })),
    ...args.commitments.disputed.map((commitment): NotableEvent => ({ kind: "commitment_disputed", commitment })),
    ...[...args.commitments.overdue]
      .sort((a, b) => b.daysOverdue - a.daysOverdue)
      .map((commitment): NotableEvent => ({ kind: "commitment_overdue", commitment })),
  ];
  if (args.previousScores) {
    for (const pillar of PILLARS) {
      const score = args.currentScores[pillar];
      const previous = ragOf(args.previousScores[pillar]);
      // "Turning" red needs a previous colour; a pillar with no data last period did not turn.
      // And it must be red beyond noise: the upper bound of its interval is red too.
      const clearlyRed = (args.currentBounds[pillar]?.high ?? Infinity) < AMBER_THRESHOLD;
      if (score !== null && ragOf(score) === "red" && clearlyRed && previous !== "red" && previous !== "no_data") {
        events.push({ kind: "pillar_turned_red", pillar, score, previous });
      }
    }
  }
  if (args.previousOrganizations) {
    events.push(...fallingParticipation(args.currentOrganizations, args.previousOrganizations));
  }
  return events;
}
