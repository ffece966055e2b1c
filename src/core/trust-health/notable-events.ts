/**
 * Notable events for the summary (docs/trust-health.md §7): broken, disputed and overdue
 * commitments, participation that fell by PARTICIPATION_DROP_POINTS or more, pillars that turned red.
 */
import { PILLARS, type Pillar } from "./pillars.js";
import { round1 } from "./pillar-scores.js";
import { ragOf, type Rag } from "./rag-and-trend.js";
import { PARTICIPATION_DROP_POINTS } from "./trust-health-constants.js";
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
  const counted = orgs.filter((o) => o.participation !== null);
  if (counted.length === 0) return null;
  return {
    invited: counted.reduce((a, o) => a + (o.participation?.invited ?? 0), 0),
    responded: counted.reduce((a, o) => a + (o.participation?.responded ?? 0), 0),
  };
}

function fallingParticipation(
  current: readonly OrganizationPeriodInput[],
  previous: readonly OrganizationPeriodInput[],
): NotableEvent[] {
  const rows: Array<[string | null, Participation | null, Participation | null]> = [
    [null, sumParticipation(current), sumParticipation(previous)],
    ...current.map((o): [string, Participation | null, Participation | null] => [
      o.organizationId,
      o.participation,
      previous.find((p) => p.organizationId === o.organizationId)?.participation ?? null,
    ]),
  ];
  const events: NotableEvent[] = [];
  for (const [organizationId, now, before] of rows) {
    const currentRate = participationRate(now);
    const previousRate = participationRate(before);
    if (currentRate === null || previousRate === null) continue;
    const drop = round1(previousRate - currentRate);
    if (drop >= PARTICIPATION_DROP_POINTS) {
      events.push({ kind: "participation_falling", organizationId, previousRate, currentRate, drop });
    }
  }
  return events;
}

/** The notable events of the current period, most actionable first. */
export function notableEvents(args: {
  commitments: CommitmentEventsInput;
  currentScores: Readonly<Record<Pillar, number | null>>;
  previousScores: Readonly<Record<Pillar, number | null>> | null;
  currentOrganizations: readonly OrganizationPeriodInput[];
  previousOrganizations: readonly OrganizationPeriodInput[] | null;
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
      if (score !== null && ragOf(score) === "red" && previous !== "red" && previous !== "no_data") {
        events.push({ kind: "pillar_turned_red", pillar, score, previous });
      }
    }
  }
  if (args.previousOrganizations) {
    events.push(...fallingParticipation(args.currentOrganizations, args.previousOrganizations));
  }
  return events;
}
