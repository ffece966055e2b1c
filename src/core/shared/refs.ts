/** Which chat platform a workspace, member or conversation lives on. */
export type Platform = "slack" | "teams";
export const PLATFORMS: readonly Platform[] = ["slack", "teams"] as const;

/** Languages the bot speaks. */
export type Locale = "en" | "nl";
export const LOCALES: readonly Locale[] = ["en", "nl"] as const;

/** Picks a supported locale from a platform locale tag such as "nl-NL" or "en-US". */
export function toLocale(tag: string | null | undefined, fallback: Locale = "en"): Locale {
  const lang = tag?.toLowerCase().slice(0, 2);
  return lang === "nl" ? "nl" : lang === "en" ? "en" : fallback;
}

/** A member as the core sees them: our id plus the organisation they belong to, if known. */
export interface Actor {
  memberId: string;
  allianceId: string;
  organizationId: string | null;
  role: "member" | "steering" | "admin";
}
