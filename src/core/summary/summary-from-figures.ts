/**
 * One call for the scheduler, `/trust health` and the demo: the other modules' figures in, the
 * summary out. It only chains the adapters (trust-health/inputs-from-figures.ts) and the builder.
 */
import type { Alliance } from "../alliance/alliance.js";
import type { CommitmentFigures } from "../commitments/commitment-figures.js";
import type { CultureFitFigures } from "../culture-fit/culture-fit-figures.js";
import type { Poll } from "../polls/poll.js";
import type { PollTally } from "../polls/poll-tally.js";
import type { PulseFigures } from "../pulse/pulse-figures.js";
import {
  commitmentEventsFromFigures,
  periodInputFromFigures,
  sayFromPollTally,
} from "../trust-health/inputs-from-figures.js";
import { NO_COMMITMENT_EVENTS } from "../trust-health/trust-health-inputs.js";
import { buildTrustHealthSummary } from "./build-summary.js";
import { cultureHighlightsFromFigures } from "./culture-highlights-from-figures.js";
import type { TrustHealthSummary } from "./summary-model.js";

/** The figures of one period: commitments over its rolling window, pulse over the period. */
export interface PeriodFigures {
  periodKey: string;
  label: string;
  commitments: CommitmentFigures | null;
  pulse: PulseFigures | null;
}

/** Everything needed to build the summary from the modules' figures. */
export interface SummaryFromFiguresInput {
  alliance: Pick<Alliance, "id" | "name" | "uncertainty" | "anonymityThreshold">;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  /** Oldest first, current last; pass 8 for a full series. */
  periods: readonly PeriodFigures[];
  /** Commitment figures of the current period only, for broken/disputed/overdue. */
  currentCommitments: CommitmentFigures | null;
  /** The latest published tally of the brief's poll, if any. */
  poll: { poll: Pick<Poll, "id" | "templateKey">; tally: PollTally } | null;
  /** The latest culture-fit figures, if any assessments exist. */
  cultureFit: CultureFitFigures | null;
  generatedAt: Date;
}

/** Builds the summary of the last period from the modules' figures. */
export function buildSummaryFromFigures(input: SummaryFromFiguresInput): TrustHealthSummary {
  return buildTrustHealthSummary({
    alliance: input.alliance,
    periods: input.periods.map((p) =>
      periodInputFromFigures({ ...p, organizations: input.organizations }),
    ),
    say: input.poll ? sayFromPollTally(input.poll.poll, input.poll.tally) : null,
    commitmentEvents: input.currentCommitments ? commitmentEventsFromFigures(input.currentCommitments) : NO_COMMITMENT_EVENTS,
    cultureFit: input.cultureFit ? cultureHighlightsFromFigures(input.cultureFit) : null,
    generatedAt: input.generatedAt,
  });
}
