import type { Locale } from "../shared/refs.js";

/** How uncertain the content of the collaboration is; raises the weight of trust (brief §1). */
export type UncertaintyLevel = "low" | "medium" | "high";

/** How often a recurring thing happens. */
export type Cadence = "weekly" | "biweekly" | "monthly";

/** The smallest anonymity threshold anyone may configure; the default is 5. */
export const MIN_ANONYMITY_THRESHOLD = 3;
export const DEFAULT_ANONYMITY_THRESHOLD = 5;

/** An alliance and the settings every feature reads. */
export interface Alliance {
  id: string;
  name: string;
  locale: Locale;
  /** IANA time zone, e.g. "Europe/Amsterdam"; schedules and due dates are local to it. */
  timezone: string;
  /** k: a group's figures are published only when at least k people contributed. */
  anonymityThreshold: number;
  uncertainty: UncertaintyLevel;
  /** Culture-fit difference (points) that raises a flag, inclusive. */
  cultureFlagThreshold: number;
  steering: { workspaceId: string; conversationId: string } | null;
  summary: { cadence: Cadence; weekday: number; hour: number };
  pulse: { cadence: Cadence; weekday: number; hour: number; itemsPerRound: number };
  commitmentReminderDays: number;
}

/** A partner organisation. */
export interface Organization {
  id: string;
  allianceId: string;
  name: string;
  emailDomains: string[];
  slackTeamIds: string[];
}
