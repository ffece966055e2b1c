/**
 * Validates a stored summary (Summary.content is JSON) before anything renders it again: the
 * row may predate a change of shape or be damaged, and a wrong figure must never reach a chat.
 */
import { z } from "zod";
import { hasMessage, type MessageKey } from "../i18n/catalogue.js";
import { DomainError } from "../shared/errors.js";
import { DIAGNOSES } from "../trust-health/diagnosis.js";
import { FOUNDATION_PILLARS, PILLARS } from "../trust-health/pillars.js";
import type { TrustHealthSummary } from "./summary-model.js";

/** The content version this code writes and reads (TrustHealthSummary["version"]). */
export const SUMMARY_CONTENT_VERSION: TrustHealthSummary["version"] = 2;

const pillar = z.enum(PILLARS);
const foundation = z.enum(FOUNDATION_PILLARS);
const rag = z.enum(["green", "amber", "red", "no_data"]);
const uncertainty = z.enum(["low", "medium", "high"]);
const quadrant = z.enum(["clan", "adhocracy", "market", "hierarchy"]);
const score = z.number().min(0).max(100);
const messageKey = z.custom<MessageKey>((v) => typeof v === "string" && hasMessage(v), "unknown message key");
const trend = z.object({ direction: z.enum(["up", "down", "steady", "new", "no_data"]), delta: z.number().nullable() });
const series = z.array(z.object({ periodKey: z.string(), label: z.string(), score: score.nullable() }));
const participation = z.object({ invited: z.number().int().min(0), responded: z.number().int().min(0), rate: score.nullable() });
const quadrantScores = z.object({ clan: score, adhocracy: score, market: score, hierarchy: score });
const commitmentRef = z.object({
  id: z.string(),
  text: z.string(),
  ownerOrganizationId: z.string(),
  beneficiaryOrganizationId: z.string().nullable(),
  dueDate: z.string().nullable(),
});

const estimate = z.object({ value: score, low: score, high: score, basis: z.number().min(0) });
const subject = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("alliance") }),
  z.object({ kind: z.literal("organization"), organizationId: z.string() }),
  z.object({ kind: z.literal("pair"), fromOrganizationId: z.string(), toOrganizationId: z.string() }),
]);
const evidence = z.object({ record: estimate.nullable(), trust: estimate.nullable(), perceivedReliability: estimate.nullable() });
const diagnosis = z.enum(DIAGNOSES);

const event = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["commitment_broken", "commitment_disputed"]), commitment: commitmentRef }),
  z.object({ kind: z.literal("commitment_overdue"), commitment: commitmentRef.extend({ daysOverdue: z.number() }) }),
  z.object({
    kind: z.literal("participation_falling"),
    organizationId: z.string().nullable(),
    previousRate: score,
    currentRate: score,
    drop: z.number(),
  }),
  z.object({ kind: z.literal("pillar_turned_red"), pillar, score, previous: rag }),
]);

const summarySchema = z.object({
  version: z.literal(SUMMARY_CONTENT_VERSION),
  alliance: z.object({ id: z.string(), name: z.string(), uncertainty, anonymityThreshold: z.number().int().min(3) }),
  period: z.object({ key: z.string(), label: z.string() }),
  generatedAt: z.iso.datetime(),
  index: z.object({ score: score.nullable(), rag, trend, series, cappedBy: z.object({ subject, diagnosis }).nullable() }),
  pillars: z.array(
    z.object({
      pillar,
      score: score.nullable(),
      rag,
      trend,
      series,
      observed: z.object({ value: score, count: z.number().min(0) }).nullable(),
      perceived: score.nullable(),
      observedWeight: z.number().min(0).max(1),
      perceivedHidden: z.boolean(),
      weight: z.number().positive(),
    }),
  ),
  organizations: z.array(
    z.object({
      organizationId: z.string(),
      name: z.string(),
      keptRate: score.nullable(),
      resolved: z.number().int().min(0),
      perceivedReliability: score.nullable(),
      perceivedHidden: z.boolean(),
      gap: z.number().nullable(),
      gapMarked: z.boolean(),
      participation: participation.nullable(),
    }),
  ),
  findings: z.array(
    z.object({
      subject,
      diagnosis,
      evidence,
      gap: z.object({ gap: z.number(), flagged: z.boolean() }).nullable(),
      hidden: z.object({ trust: z.boolean(), perceivedReliability: z.boolean() }),
    }),
  ),
  reciprocity: z.object({
    imbalance: z.number().min(0).max(1).nullable(),
    balance: score.nullable(),
    exchanges: z.number().min(0),
    pairs: z.array(
      z.object({
        organizationA: z.string(),
        organizationB: z.string(),
        deliveredAToB: z.number().min(0),
        deliveredBToA: z.number().min(0),
        balance: z.number().min(0).max(1).nullable(),
        lopsidedGiver: z.string().nullable(),
      }),
    ),
  }),
  clarity: z.object({ share: score.nullable(), commitments: z.number().min(0) }),
  diagnosis: z.object({
    subject,
    diagnosis,
    evidence,
    thresholds: z.object({ uncertainty, trustLowBelow: z.number(), fragileRecordBelow: z.number() }),
    steps: z.array(messageKey),
  }),
  sayVsDo: z.object({
    finding: z.enum(["not_enough_data", "no_poll", "nothing_moves", "trust_grows_from", "aligned", "mismatch"]),
    say: z
      .object({
        pollId: z.string(),
        respondents: z.number().int().min(0),
        shares: z.array(z.object({ pillar, share: z.number().min(0).max(1) })),
      })
      .nullable(),
    movements: z.array(
      z.object({ pillar: foundation, r: z.number().min(-1).max(1).nullable(), points: z.number().int().min(0), movesWithTrust: z.boolean() }),
    ),
    source: z.enum(["groups", "alliance"]),
    topSaid: pillar.nullable(),
    topMover: foundation.nullable(),
  }),
  events: z.array(z.object({ event, step: messageKey })),
  participation: participation.nullable(),
  cultureFit: z
    .object({
      flagThreshold: z.number(),
      organizations: z.array(
        z.object({
          organizationId: z.string(),
          name: z.string(),
          hidden: z.boolean(),
          now: quadrantScores.nullable(),
          preferred: quadrantScores.nullable(),
          dominantNow: z.array(quadrant),
          dominantPreferred: z.array(quadrant),
        }),
      ),
      pairs: z.array(
        z.object({
          organizationIds: z.tuple([z.string(), z.string()]),
          distance: score,
          flagged: z.array(z.object({ quadrant, difference: z.number() })),
        }),
      ),
    })
    .nullable(),
  hidden: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("pillar_perception"), pillar }),
      z.object({ kind: z.literal("organization_reliability"), organizationId: z.string() }),
      z.object({ kind: z.literal("pair_perception"), fromOrganizationId: z.string(), toOrganizationId: z.string() }),
      z.object({ kind: z.literal("culture_profile"), organizationId: z.string() }),
    ]),
  ),
});

/**
 * True for stored content of an EARLIER content version (a summary stored before an upgrade):
 * repositories treat such a row as absent, so the summary is recomputed and the row replaced,
 * instead of failing every read of it. Damaged content of the current version still fails.
 */
export function isOutdatedSummary(content: unknown): boolean {
  if (typeof content !== "object" || content === null) return false;
  const version = (content as { version?: unknown }).version;
  return typeof version === "number" && version < SUMMARY_CONTENT_VERSION;
}

/** Parses stored summary JSON; throws DomainError INVALID_INPUT naming the first bad field. */
export function parseStoredSummary(content: unknown): TrustHealthSummary {
  const result = summarySchema.safeParse(content);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join(".") ?? "";
    throw new DomainError("INVALID_INPUT", `stored summary is invalid at ${where}: ${issue?.message}`, {
      reason: `summary ${where}`,
    });
  }
  // The schema mirrors TrustHealthSummary; the assignment below makes the compiler check that.
  const parsed: TrustHealthSummary = result.data;
  return parsed;
}
