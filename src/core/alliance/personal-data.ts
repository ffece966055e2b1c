// "My data" and "forget me" (DESIGN.md §2.6, GDPR Art. 15/17/20). Each feature that stores
// something about a named member contributes a PersonalDataSource; the privacy service asks
// them all. Anonymous answers are never linked to a member, so no source can export them.
import type { Role } from "./member.js";

/** Whose data: the member and their alliance (sources scope every query by both). */
export interface PersonalDataSubject {
  memberId: string;
  allianceId: string;
}

/** One flat, JSON-safe record in an export. */
export type PersonalRecord = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/**
 * A named group of records, e.g. "commitments.owned". Keys the catalogue knows get a label in
 * the export message (alliance.myData.section.<key>); others are shown by key.
 */
export interface PersonalDataSection {
  key: string;
  records: readonly PersonalRecord[];
}

/** What a feature plugs into the privacy service. */
export interface PersonalDataSource {
  /** The feature's name, e.g. "polls"; for logs and ordering. */
  readonly feature: string;
  exportFor(subject: PersonalDataSubject): Promise<PersonalDataSection[]>;
  /** Removes or unlinks the member's personal data in this feature. Must be idempotent. */
  eraseFor(subject: PersonalDataSubject): Promise<void>;
}

/** The section keys the built-in sources produce (labels exist for these). */
export const KNOWN_SECTION_KEYS = [
  "commitments.owned",
  "commitments.created",
  "commitments.benefiting",
  "polls.namedBallots",
  "pulse.invites",
] as const;

/** A member's data as exported: structured and machine-readable (GDPR Art. 20). */
export interface MyDataExport {
  format: "alliance-trust-bot/my-data@1";
  generatedAt: string;
  profile: {
    memberId: string;
    displayName: string;
    email: string | null;
    platform: string;
    platformUserId: string;
    locale: string | null;
    timezone: string | null;
    memberSince: string;
  };
  alliance: { id: string; name: string };
  organization: { id: string; name: string } | null;
  role: Role;
  /** Section key → records, from every registered source. */
  sections: Record<string, readonly PersonalRecord[]>;
  /** Explicit statement that anonymous answers are not (and cannot be) included. */
  notIncluded: {
    anonymousAnswers: string;
    kinds: readonly ["anonymous poll ballots", "pulse answers", "culture assessments"];
  };
}
