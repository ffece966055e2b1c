// The alliance setup as submitted from the setup modal (Slack) or card (Teams). Validated here
// so both platforms get the same rules and the same per-field errors to show in place.
import { z } from "zod";
import type { DomainErrorCode } from "../shared/errors.js";
import { LOCALES } from "../shared/refs.js";
import { DEFAULT_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD } from "./alliance.js";
import { isValidTimeZone } from "../shared/zoned-time.js";
import { normaliseEmailDomain } from "./organization-matching.js";

/** Limits the setup enforces (DESIGN.md §2.6, §2.3). */
export const SETUP_LIMITS = {
  minOrganizations: 2,
  maxOrganizations: 10,
  nameMaxLength: 80,
  minItemsPerRound: 3,
  maxItemsPerRound: 5,
  maxCultureFlagThreshold: 100,
  maxReminderDays: 14,
} as const;

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** Slack team (T…) or enterprise (E…) ids. */
const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,20}$/;

const cadence = z.enum(["weekly", "biweekly", "monthly"]);
const weekday = z.coerce.number().int().min(1).max(7); // ISO: 1 = Monday
const hour = z.coerce.number().int().min(0).max(23);
const name = z.string().trim().min(1).max(SETUP_LIMITS.nameMaxLength);

const organizationSchema = z.object({
  /** Present when editing an existing organisation (so a rename keeps its members). */
  id: z.string().min(1).optional(),
  name,
  emailDomains: z.array(z.string().transform(normaliseEmailDomain).pipe(z.string().regex(DOMAIN))).default([]),
  slackTeamIds: z.array(z.string().trim().toUpperCase().pipe(z.string().regex(SLACK_TEAM_ID))).default([]),
});

/** The zod schema of the setup form; defaults make a partial submit (or a fresh install) valid. */
export const setupInputSchema = z
  .object({
    name,
    organizations: z.array(organizationSchema).min(SETUP_LIMITS.minOrganizations).max(SETUP_LIMITS.maxOrganizations),
    /** The steering committee's channel; workspaceId defaults to the workspace setup runs in. */
    steeringChannel: z
      .object({ conversationId: z.string().trim().min(1), workspaceId: z.string().min(1).optional() })
      .nullable()
      .default(null),
    /**
     * This space's alliance channel, where alliance polls of every linked space are posted (a
     * space's own, like its steering channel). Absent: left as it is; null: none.
     */
    allianceChannel: z
      .object({ conversationId: z.string().trim().min(1) })
      .nullable()
      .optional(),
    summary: z
      .object({ cadence: cadence.default("weekly"), weekday: weekday.default(1), hour: hour.default(9) })
      .prefault({}),
    pulse: z
      .object({
        cadence: cadence.default("weekly"),
        weekday: weekday.default(3),
        hour: hour.default(10),
        itemsPerRound: z.coerce
          .number()
          .int()
          .min(SETUP_LIMITS.minItemsPerRound)
          .max(SETUP_LIMITS.maxItemsPerRound)
          .default(4),
      })
      .prefault({}),
    uncertainty: z.enum(["low", "medium", "high"]).default("medium"),
    anonymityThreshold: z.coerce.number().int().min(MIN_ANONYMITY_THRESHOLD).max(100).default(DEFAULT_ANONYMITY_THRESHOLD),
    cultureFlagThreshold: z.coerce.number().int().min(1).max(SETUP_LIMITS.maxCultureFlagThreshold).default(10),
    commitmentReminderDays: z.coerce.number().int().min(0).max(SETUP_LIMITS.maxReminderDays).default(2),
    locale: z.enum(LOCALES).default("en"),
    timezone: z.string().trim().default("Europe/Amsterdam"),
  })
  .superRefine((input, ctx) => {
    if (!isValidTimeZone(input.timezone)) {
      ctx.addIssue({ code: "custom", path: ["timezone"], message: "unknown time zone", params: { domainCode: "ALLIANCE_INVALID_TIMEZONE", timezone: input.timezone } });
    }
    // Each name, e-mail domain and Slack team may point at one organisation only, or the
    // mapping of members would depend on list order.
    const seen = { name: new Map<string, number>(), domain: new Map<string, number>(), team: new Map<string, number>() };
    input.organizations.forEach((org, index) => {
      const key = org.name.toLocaleLowerCase();
      if (seen.name.has(key)) {
        ctx.addIssue({ code: "custom", path: ["organizations", index, "name"], message: "duplicate organisation", params: { domainCode: "ALLIANCE_DUPLICATE_ORGANIZATION", name: org.name } });
      }
      seen.name.set(key, index);
      for (const [kind, values] of [["domain", org.emailDomains], ["team", org.slackTeamIds]] as const) {
        const field = kind === "domain" ? "emailDomains" : "slackTeamIds";
        for (const value of new Set(values)) {
          const other = seen[kind].get(value);
          if (other !== undefined && other !== index) {
            ctx.addIssue({ code: "custom", path: ["organizations", index, field], message: "mapped twice", params: { domainCode: "ALLIANCE_MAPPING_CLAIMED_TWICE", value } });
          }
          seen[kind].set(value, index);
        }
      }
    });
  });

/** A validated setup (defaults filled in, domains lower-cased, team ids upper-cased). */
export type SetupInput = z.output<typeof setupInputSchema>;
/** What a platform may submit before validation. */
export type SetupInputRaw = z.input<typeof setupInputSchema>;

/** One problem with one field, for showing the error in place ("organizations.1.name"). */
export interface SetupFieldError {
  field: string;
  code: DomainErrorCode;
  details: Readonly<Record<string, string | number>>;
}

/** Either the validated setup or every problem found. */
export type SetupValidation = { ok: true; value: SetupInput } | { ok: false; errors: SetupFieldError[] };

function toFieldError(issue: z.core.$ZodIssue): SetupFieldError {
  const field = issue.path.map(String).join(".");
  const params = issue.code === "custom" ? (issue.params as Record<string, string | number> | undefined) : undefined;
  if (params?.domainCode) {
    const { domainCode, ...details } = params;
    return { field, code: domainCode as DomainErrorCode, details };
  }
  if (field === "anonymityThreshold" && issue.code === "too_small") {
    return { field, code: "ANONYMITY_THRESHOLD_TOO_LOW", details: { min: MIN_ANONYMITY_THRESHOLD } };
  }
  if (field === "organizations" && issue.code === "too_small") {
    return { field, code: "ALLIANCE_TOO_FEW_ORGANIZATIONS", details: { min: SETUP_LIMITS.minOrganizations } };
  }
  if (field === "organizations" && issue.code === "too_big") {
    return { field, code: "ALLIANCE_TOO_MANY_ORGANIZATIONS", details: { max: SETUP_LIMITS.maxOrganizations } };
  }
  return { field, code: "INVALID_INPUT", details: { field, reason: issue.message } };
}

/** Validates a submitted setup, collecting every field error (for a modal that shows them in place). */
export function validateSetup(raw: unknown): SetupValidation {
  const result = setupInputSchema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: result.error.issues.map(toFieldError) };
}
