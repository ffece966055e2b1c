/**
 * The numbers the trust-health model needs, per period. These are OUR types: the commitments,
 * pulse, polls and culture-fit modules have their own figures, and small adapters
 * (inputs-from-figures.ts) map them here, so the model never depends on their exact shapes.
 *
 * Every figure that the anonymity rules suppressed arrives as `{ kind: "hidden" }`, which the
 * model treats as "no data" but the summary shows as "hidden (fewer than k people)".
 */
import type { Pillar } from "./pillars.js";

/**
 * A perceived (pulse) score: `score` is the mean of the 1–5 answers on the calibrated 0–100 scale
 * (calibration.ts); `mean` is that mean itself, for the interval (absent: derived from `score`).
 */
export interface PerceivedScore {
  kind: "score";
  score: number;
  respondents: number;
  mean?: number;
}

/** A figure suppressed because fewer than k people contributed. */
export interface HiddenFigure {
  kind: "hidden";
}

/** A perceived score, or the marker that it was hidden; absence (null/undefined) means no answers. */
export type Perceived = PerceivedScore | HiddenFigure;

/**
 * Observed reliability: kept share of resolved commitments (0–1) and how many were resolved. After
 * the model rolls the window (record-window.ts) `resolved` is recency-weighted and `outcomes` is
 * the plain count behind it; an input period may leave `outcomes` out (then it equals `resolved`).
 */
export interface ObservedRecord {
  keptRate: number;
  resolved: number;
  outcomes?: number;
}

/** Agreement clarity: share (0–1) of commitments with owner, due date and definition of done. */
export interface ClarityRecord {
  share: number;
  commitments: number;
}

/**
 * Reciprocity: imbalance 0–1 of what partners delivered to each other (0 = perfectly balanced,
 * see reciprocityImbalance in reciprocity.ts) and how many delivered commitments it rests on.
 */
export interface ReciprocityRecord {
  imbalance: number;
  exchanges: number;
}

/** Participation in the period's pulse: how many were asked and how many answered. */
export interface Participation {
  invited: number;
  responded: number;
}

/** One partner organisation's figures for a period. */
export interface OrganizationPeriodInput {
  organizationId: string;
  name: string;
  /** Commitments this organisation owned, resolved in the period's window. */
  observed: ObservedRecord | null;
  /** How its partners rated its reliability (directional pulse items); null when nobody did. */
  perceivedByPartners: Perceived | null;
  /** How much its partners trust it (directional trust items); null when nobody answered. */
  trustByPartners?: Perceived | null;
  participation: Participation | null;
}

/**
 * One direction between two partners, giver → receiver: what the giver owed the receiver and how
 * the receiver's people see the giver (perception-matrix cells, k-anonymous in the pulse module).
 */
export interface DirectionPeriodInput {
  fromOrganizationId: string;
  toOrganizationId: string;
  /** Commitments the giver owned for the receiver, resolved in the period. */
  observed: ObservedRecord | null;
  /** Kept commitments delivered giver → receiver in the period (reciprocity). */
  delivered: number;
  /** The receiver's people on the giver's reliability; null when none or below k (then hidden). */
  perceivedReliability: Perceived | null;
  /** The receiver's people on their trust in the giver. */
  trust: Perceived | null;
}

/**
 * One respondent group's perceived pillar scores (0–100) in a period, for "say vs do". A group is
 * a k-anonymous set of respondents, normally one partner organisation; hidden groups are omitted.
 */
export interface GroupPillarScores {
  groupId: string;
  scores: Partial<Record<Pillar, number>>;
}

/** Everything the model needs about one period (normally one week). */
export interface TrustHealthPeriodInput {
  /** Stable key, e.g. "2026-W10"; also the Summary row's periodKey. */
  periodKey: string;
  /** What people read, e.g. "week 10" or "2–8 March". */
  label: string;
  /** Perceived score per pillar from the pulse; a missing pillar had no answers. */
  perceived: Partial<Record<Pillar, Perceived>>;
  /**
   * Observed commitment figures. Callers compute them over a rolling window (e.g. the last four
   * weeks) so a quiet week does not make the observed share swing.
   */
  observed: {
    reliability: ObservedRecord | null;
    clarity: ClarityRecord | null;
    reciprocity: ReciprocityRecord | null;
  };
  organizations: OrganizationPeriodInput[];
  /** Every direction with commitments or perception in the period; may be empty. */
  directions?: DirectionPeriodInput[];
  /** Per-group pillar scores for "say vs do"; may be empty. */
  groups: GroupPillarScores[];
}

/** What members SAY matters: share (0–1) of respondents choosing each pillar in the brief's poll. */
export interface SayInput {
  pollId: string;
  respondents: number;
  shares: Partial<Record<Pillar, number>>;
}

/** A commitment named in a notable event (commitments are never anonymous). */
export interface CommitmentRef {
  id: string;
  text: string;
  ownerOrganizationId: string;
  /** The receiving organisation, when the beneficiary is an organisation or one of its members. */
  beneficiaryOrganizationId: string | null;
  /** Local date (YYYY-MM-DD) the commitment was due, or null when it had none. */
  dueDate: string | null;
}

/** An overdue commitment and by how many days. */
export interface OverdueRef extends CommitmentRef {
  daysOverdue: number;
}

/** Commitment events of the current period for the "notable events" list. */
export interface CommitmentEventsInput {
  broken: CommitmentRef[];
  disputed: CommitmentRef[];
  overdue: OverdueRef[];
}

/** No commitment events: handy default. */
export const NO_COMMITMENT_EVENTS: CommitmentEventsInput = { broken: [], disputed: [], overdue: [] };
