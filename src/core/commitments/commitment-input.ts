/**
 * Validation of what people type into a commitment: the text, definition of done and reasons
 * (length limits), and the shape of a new commitment. zod at the edge, domain codes out.
 */
import { z } from "zod";
import { DomainError } from "../shared/errors.js";
import { COMMITMENT_LIMITS, type Beneficiary } from "./commitment.js";

/** Who owns a new commitment; the organisation comes from the platform's member record. */
export interface OwnerInput {
  memberId: string;
  organizationId: string | null;
}

/** A new agreement as a platform submits it (dates already parsed, see due-date.ts). */
export interface CreateCommitmentInput {
  text: string;
  /** Default: the actor. */
  owner?: OwnerInput;
  beneficiary: Beneficiary;
  /** Null or absent: no due date (allowed, but it lowers agreement clarity). */
  dueAt?: Date | null;
  definitionOfDone?: string | null;
}

const beneficiarySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("organization"), organizationId: z.string().min(1) }),
  z.object({ kind: z.literal("member"), memberId: z.string().min(1), organizationId: z.string().min(1).nullable() }),
]);

/** The structural shape of CreateCommitmentInput (lengths are checked separately, with their own code). */
export const createCommitmentInputSchema = z.object({
  text: z.string(),
  owner: z.object({ memberId: z.string().min(1), organizationId: z.string().min(1).nullable() }).optional(),
  beneficiary: beneficiarySchema,
  dueAt: z.date().nullable().optional(),
  definitionOfDone: z.string().nullable().optional(),
});

/** Throws INVALID_INPUT with zod's first complaint when `input` is not a CreateCommitmentInput. */
export function parseCreateInput(input: unknown): CreateCommitmentInput {
  const parsed = createCommitmentInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid";
    throw new DomainError("INVALID_INPUT", reason, { reason });
  }
  return parsed.data as CreateCommitmentInput;
}

function checkLength(field: string, value: string, min: number, max: number): string {
  const trimmed = value.trim().replace(/\s+/g, " ");
  if (trimmed.length < min || trimmed.length > max) {
    throw new DomainError("COMMITMENT_TEXT_LENGTH", `${field} must be ${min}–${max} characters`, { field, min, max });
  }
  return trimmed;
}

/** The commitment text, trimmed and with runs of whitespace collapsed, within the limits. */
export function cleanText(text: string): string {
  return checkLength("text", text, COMMITMENT_LIMITS.textMin, COMMITMENT_LIMITS.textMax);
}

/** The definition of done trimmed, or null when empty. Line breaks are kept (it may be a checklist). */
export function cleanDefinitionOfDone(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return null;
  if (trimmed.length > COMMITMENT_LIMITS.definitionOfDoneMax) {
    throw new DomainError("COMMITMENT_TEXT_LENGTH", "definition of done too long", {
      field: "definitionOfDone",
      min: 0,
      max: COMMITMENT_LIMITS.definitionOfDoneMax,
    });
  }
  return trimmed;
}

/** A reason trimmed, or null when empty; `required` refuses an empty one. */
export function cleanReason(value: string | null | undefined, required = false): string | null {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "" && !required) return null;
  return checkLength("reason", trimmed, required ? 1 : 0, COMMITMENT_LIMITS.reasonMax);
}
