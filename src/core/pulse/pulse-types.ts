/** The pulse domain types shared by the service, the scoring and the repositories. */

/** One pulse round of an alliance: the items asked in one period. */
export interface PulseRound {
  id: string;
  allianceId: string;
  /** "2026-W48" (weekly/biweekly) or "2026-05" (monthly); unique per alliance. */
  periodKey: string;
  itemKeys: string[];
  openedAt: Date;
  /** Answers are accepted while now < closesAt. */
  closesAt: Date;
}

/** Who was asked in a round; used for participation rates and reminders, erased on "forget me". */
export interface PulseInvite {
  id: string;
  roundId: string;
  memberId: string;
  organizationId: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  remindedAt: Date | null;
}

/**
 * One answer. It holds no member id: `respondentKey` is a keyed hash of (round, member), so
 * answers can be de-duplicated within a round but not linked to a person or across rounds.
 * `answeredOn` is a date only (the day the round opened; see pulse-service.ts for why).
 */
export interface PulseAnswer {
  roundId: string;
  itemKey: string;
  respondentKey: string;
  respondentOrganizationId: string | null;
  /** The organisation a directional item is about; "" for non-directional items. */
  targetOrganizationId: string;
  /** 1..5, or null for "can't say". */
  score: number | null;
  comment: string | null;
  answeredOn: Date;
}

/** The values of a new round (the repository assigns the id). */
export type NewPulseRound = Omit<PulseRound, "id">;

/** The values of a new invite (the repository assigns the id). */
export type NewPulseInvite = Omit<PulseInvite, "id" | "completedAt" | "remindedAt">;
