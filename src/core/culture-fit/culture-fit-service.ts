/**
 * Culture fit (DESIGN.md §2.5): members assess their own organisation on the Competing Values
 * Framework, once per period; the alliance sees k-anonymous organisation profiles, the
 * differences between partners and the change each wishes for.
 */
import type { Alliance } from "../alliance/alliance.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import { dateOnly, localDateOf } from "../shared/zoned-time.js";
import { aggregateCultureFit } from "./culture-fit-aggregation.js";
import type { CultureFitFigures } from "./culture-fit-figures.js";
import type { CultureAssessment, CultureFitRepository } from "./culture-fit-types.js";
import { validateCulturePoints, type CulturePointsInput } from "./culture-validation.js";
import { DIFFERENCE_ITEMS, type DifferenceItem } from "./cvf-instrument.js";

/** Makes a respondent key: a keyed hash (HMAC with the server secret) of a scope and a member. */
export type CultureRespondentHasher = (scope: string, memberId: string) => string;

/** What the service needs. */
export interface CultureFitServiceDeps {
  repository: CultureFitRepository;
  /** The alliance's partner organisations. */
  organizations(allianceId: string): Promise<Array<{ id: string; name: string }>>;
  respondentKey: CultureRespondentHasher;
}

/** An assessment as a member submits it. */
export interface CultureAssessmentInput {
  /** Defaults to the calendar quarter of `now` in the alliance's time zone, e.g. "2026-Q4". */
  periodKey?: string;
  points: CulturePointsInput;
  differences?: Partial<Record<string, number | null>>;
}

/** The assessment period containing `now`: its calendar quarter in `timezone` ("2026-Q4"). */
export function culturePeriodKey(now: Date, timezone: string): string {
  const date = localDateOf(now, timezone);
  return `${date.year}-Q${Math.ceil(date.month / 3)}`;
}

function validateDifferences(input: Partial<Record<string, number | null>> = {}): CultureAssessment["differences"] {
  const out: CultureAssessment["differences"] = {};
  for (const [item, value] of Object.entries(input)) {
    if (!(DIFFERENCE_ITEMS as readonly string[]).includes(item)) {
      throw new DomainError("INVALID_INPUT", `unknown item ${item}`, { reason: item });
    }
    if (value !== null && value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 5)) {
      throw new DomainError("INVALID_INPUT", `item ${item}: ${String(value)}`, { reason: `${item} 1–5` });
    }
    if (value !== undefined) out[item as DifferenceItem] = value;
  }
  return out;
}

/** Builds the culture-fit service. */
export function createCultureFitService(deps: CultureFitServiceDeps) {
  const { repository } = deps;
  const keyOf = (allianceId: string, periodKey: string, memberId: string) =>
    deps.respondentKey(`culture/${allianceId}/${periodKey}`, memberId);

  return {
    /**
     * Validates and stores the member's assessment of their own organisation; a second one in the
     * same period replaces the first. Refuses points that don't add up (CULTURE_* codes with the
     * view and aspect in the details) and members without an organisation.
     */
    async submitAssessment(
      alliance: Alliance,
      actor: Actor,
      input: CultureAssessmentInput,
      now: Date,
    ): Promise<{ assessment: CultureAssessment; replaced: boolean }> {
      if (actor.allianceId !== alliance.id) throw new DomainError("FORBIDDEN", "member of another alliance");
      if (actor.organizationId === null) throw new DomainError("MEMBER_WITHOUT_ORGANIZATION", "no organisation");
      const points = validateCulturePoints(input.points);
      const differences = validateDifferences(input.differences);
      const periodKey = input.periodKey ?? culturePeriodKey(now, alliance.timezone);
      const respondentKey = keyOf(alliance.id, periodKey, actor.memberId);
      const replaced = (await repository.find(alliance.id, respondentKey, periodKey)) !== null;
      const assessment: CultureAssessment = {
        allianceId: alliance.id,
        organizationId: actor.organizationId,
        respondentKey,
        periodKey,
        now: points.now,
        preferred: points.preferred,
        differences,
        submittedOn: dateOnly(localDateOf(now, alliance.timezone)),
      };
      await repository.save(assessment);
      return { assessment, replaced };
    },

    /** The member's own assessment of the period (to prefill the form), or null. */
    async myAssessment(alliance: Alliance, actor: Actor, periodKey: string): Promise<CultureAssessment | null> {
      return repository.find(alliance.id, keyOf(alliance.id, periodKey, actor.memberId), periodKey);
    },

    /** The periods that have assessments, oldest first. */
    periods: (allianceId: string): Promise<string[]> => repository.periods(allianceId),

    /** The published figures of `periodKey` (default: the latest period with assessments). */
    async profiles(alliance: Alliance, periodKey?: string): Promise<CultureFitFigures> {
      const period = periodKey ?? (await repository.periods(alliance.id)).at(-1) ?? null;
      return aggregateCultureFit({
        allianceId: alliance.id,
        periodKey: period,
        anonymityThreshold: alliance.anonymityThreshold,
        flagThreshold: alliance.cultureFlagThreshold,
        organizations: await deps.organizations(alliance.id),
        assessments: period === null ? [] : await repository.ofPeriod(alliance.id, period),
      });
    },
  };
}

/** The culture-fit service's use cases. */
export type CultureFitService = ReturnType<typeof createCultureFitService>;
