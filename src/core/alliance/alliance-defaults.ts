import type { Locale } from "../shared/refs.js";
import { DEFAULT_ANONYMITY_THRESHOLD } from "./alliance.js";
import type { AllianceSettings } from "./alliance-repository.js";

/** The name of an alliance nobody has named yet. */
export const DEFAULT_ALLIANCE_NAME = "Alliance";

/**
 * Settings of an alliance created on first contact, so a fresh install works at once: weekly
 * summary Monday 09:00 and pulse Wednesday 10:00 (outside the 01:00–03:00 DST window), k = 5.
 */
export function defaultAllianceSettings(name: string | null | undefined, locale: Locale = "en"): AllianceSettings {
  return {
    name: name?.trim().slice(0, 80) || DEFAULT_ALLIANCE_NAME,
    locale,
    timezone: "Europe/Amsterdam",
    anonymityThreshold: DEFAULT_ANONYMITY_THRESHOLD,
    uncertainty: "medium",
    cultureFlagThreshold: 10,
    steering: null,
    summary: { cadence: "weekly", weekday: 1, hour: 9 },
    pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 4 },
    commitmentReminderDays: 2,
  };
}
