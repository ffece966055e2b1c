/**
 * Checks a culture assessment: for each view (now, preferred) and each of the six aspects, four
 * whole, non-negative numbers that add up to exactly 100. Forms get every problem at once
 * (`checkCulturePoints`) to show them in place; the service refuses the first (`validateCulturePoints`).
 */
import { DomainError, type DomainErrorCode } from "../shared/errors.js";
import { ASPECTS, CULTURE_VIEWS, POINTS_PER_ASPECT, QUADRANTS, type Aspect, type AspectPoints, type CultureView, type Quadrant } from "./cvf-instrument.js";

/** Points as a form submits them: view → aspect → quadrant → points. Anything may be missing. */
export type CulturePointsInput = Partial<Record<CultureView, Partial<Record<string, Partial<Record<Quadrant, unknown>>>>>>;

/** One problem, located so a form can show it next to the right aspect. */
export interface CulturePointsIssue {
  code: Extract<
    DomainErrorCode,
    "CULTURE_POINTS_NOT_100" | "CULTURE_NEGATIVE_POINTS" | "CULTURE_MISSING_ASPECT" | "CULTURE_POINTS_NOT_INTEGER" | "CULTURE_UNKNOWN_ASPECT"
  >;
  view: CultureView;
  aspect: string;
  /** The quadrant at fault, when one is. */
  quadrant?: Quadrant;
  /** The aspect's total, for CULTURE_POINTS_NOT_100. */
  sum?: number;
}

/** Every problem in `input`, in form order (view, aspect, quadrant); empty when valid. */
export function checkCulturePoints(input: CulturePointsInput): CulturePointsIssue[] {
  const issues: CulturePointsIssue[] = [];
  for (const view of CULTURE_VIEWS) {
    const aspects = input[view] ?? {};
    for (const aspect of Object.keys(aspects)) {
      if (!(ASPECTS as readonly string[]).includes(aspect)) issues.push({ code: "CULTURE_UNKNOWN_ASPECT", view, aspect });
    }
    for (const aspect of ASPECTS) issues.push(...checkAspect(view, aspect, aspects[aspect]));
  }
  return issues;
}

function checkAspect(view: CultureView, aspect: Aspect, split: Partial<Record<Quadrant, unknown>> | undefined): CulturePointsIssue[] {
  if (split === undefined || split === null) return [{ code: "CULTURE_MISSING_ASPECT", view, aspect }];
  const issues: CulturePointsIssue[] = [];
  let sum = 0;
  for (const quadrant of QUADRANTS) {
    const value = split[quadrant];
    if (value === undefined || value === null || value === "") {
      issues.push({ code: "CULTURE_MISSING_ASPECT", view, aspect, quadrant });
    } else if (typeof value !== "number" || !Number.isInteger(value)) {
      issues.push({ code: "CULTURE_POINTS_NOT_INTEGER", view, aspect, quadrant });
    } else if (value < 0) {
      issues.push({ code: "CULTURE_NEGATIVE_POINTS", view, aspect, quadrant });
    } else {
      sum += value;
    }
  }
  if (issues.length === 0 && sum !== POINTS_PER_ASPECT) issues.push({ code: "CULTURE_POINTS_NOT_100", view, aspect, sum });
  return issues;
}

/** The valid points as 6×4 matrices per view; throws the first problem as a DomainError. */
export function validateCulturePoints(input: CulturePointsInput): Record<CultureView, AspectPoints> {
  const [first] = checkCulturePoints(input);
  if (first) {
    const details: Record<string, string | number> = { view: first.view, aspect: first.aspect };
    if (first.quadrant) details.quadrant = first.quadrant;
    if (first.sum !== undefined) details.sum = first.sum;
    throw new DomainError(first.code, `${first.code} at ${first.view}/${first.aspect}`, details);
  }
  const matrix = (view: CultureView) =>
    ASPECTS.map((aspect) => QUADRANTS.map((quadrant) => input[view]![aspect]![quadrant] as number));
  return { now: matrix("now"), preferred: matrix("preferred") };
}

/** Turns a stored 6×4 matrix back into form input (to prefill a resubmission). */
export function pointsToInput(points: AspectPoints): Record<Aspect, Record<Quadrant, number>> {
  return Object.fromEntries(
    ASPECTS.map((aspect, a) => [aspect, Object.fromEntries(QUADRANTS.map((q, i) => [q, points[a]?.[i] ?? 0]))]),
  ) as Record<Aspect, Record<Quadrant, number>>;
}
