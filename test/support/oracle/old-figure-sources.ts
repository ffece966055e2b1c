// THE OLD PATH's reads, for the summary-sameness oracle (issue 12): commitment figures of one
// period from every commitment it looks at and all their events, and pulse figures of one window
// from every answer and invite of its rounds — exactly what the services read before the
// aggregation moved into storage. Works over any CommitmentRepository / PulseRepository.
import type { Alliance } from "#core/alliance/alliance.js";
import type { CommitmentFigures, FiguresPeriod } from "#core/commitments/commitment-figures.js";
import type { CommitmentRepository } from "#core/commitments/commitment-repository.js";
import type { PulseFigures } from "#core/pulse/pulse-figures.js";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import { oldCommitmentFigures } from "./old-commitment-figures.js";
import { oldAggregatePulse } from "./old-pulse-aggregation.js";

/** The old `commitments.figures` and `pulse.aggregates`, as the old summary service called them. */
export function oldFigureSources(deps: {
  commitments: CommitmentRepository;
  pulse: PulseRepository;
  organizations: (allianceId: string) => Promise<ReadonlyArray<{ id: string; name: string }>>;
  now: () => Date;
}) {
  return {
    commitments: {
      async figures(allianceId: string, period: FiguresPeriod, options: { timeZone: string; now?: Date }): Promise<CommitmentFigures> {
        const commitments = await deps.commitments.list({ allianceId, createdBefore: period.end, unresolvedOrResolvedFrom: period.start, limit: 100_000 });
        const events = await deps.commitments.listEvents(commitments.map((c) => c.id));
        return oldCommitmentFigures({ allianceId, period, now: options.now ?? deps.now(), timeZone: options.timeZone, commitments, events });
      },
    },
    pulse: {
      async aggregates(alliance: Alliance, periods: string | readonly string[]): Promise<PulseFigures> {
        const periodKeys = typeof periods === "string" ? [periods] : periods;
        const rounds = await deps.pulse.roundsByPeriods(alliance.id, periodKeys);
        const roundIds = rounds.map((round) => round.id);
        const invites = (await Promise.all(roundIds.map((id) => deps.pulse.invitesOfRound(id)))).flat();
        return oldAggregatePulse({
          allianceId: alliance.id,
          anonymityThreshold: alliance.anonymityThreshold,
          organizations: await deps.organizations(alliance.id),
          rounds,
          invites,
          answers: await deps.pulse.answersOfRounds(roundIds),
        });
      },
    },
  };
}
