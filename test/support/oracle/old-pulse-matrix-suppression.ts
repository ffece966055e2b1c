// THE OLD PATH, kept only as the oracle of the summary-sameness test (issue 12): pulse figures
// computed in JavaScript from every answer of the rounds, as the summary did before it read
// per-round aggregates. Not used in production; delete with that test.
/**
 * Anonymity for the perception matrix (see PulseFigures for the rules in words).
 *
 * A matrix row (how organisation R rates every target) is a breakdown of R's own figure; a column
 * (how the partners rate T) is a breakdown of T's "seen by partners" figure. Rows overlap in
 * people (one person rates every partner), so the row check counts the distinct people in what a
 * reader could recover by subtraction; columns are disjoint by organisation and go through
 * core/anonymity as they are. Both checks repeat until neither hides anything more.
 */
import { decideSuppression, type HiddenReason, type SuppressionDecision } from "#core/anonymity/anonymity.js";
import { PeopleSet, type ScoreAccumulator } from "./old-pulse-accumulator.js";

/** Marks the "organisation unknown" group, which is never shown on its own. */
export const UNKNOWN_ORGANIZATION = "";

/** One category's matrix input. */
export interface MatrixInput {
  /** Directional answers per `cellKey(from, to)`. */
  cells: Map<string, ScoreAccumulator>;
  /** Non-directional answers per respondent organisation (part of a row's total). */
  nonDirectional: Map<string, ScoreAccumulator>;
  /** Whether each respondent organisation's own figure is published. */
  rowPublished: (from: string) => boolean;
  k: number;
}

/** The verdict on every cell and every column total. */
export interface MatrixDecision {
  hidden: Map<string, HiddenReason>;
  columns: Map<string, SuppressionDecision>;
}

/** The key of the cell from → to. */
export function cellKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Splits a cell key into its organisations. */
export function splitCellKey(key: string): { from: string; to: string } {
  const [from = "", to = ""] = key.split("\u0000");
  return { from, to };
}

/** Decides which cells and column totals of one category may be published. */
export function decideMatrix(input: MatrixInput): MatrixDecision {
  const hidden = new Map<string, HiddenReason>();
  for (const [key, acc] of input.cells) {
    const { from } = splitCellKey(key);
    if (from === UNKNOWN_ORGANIZATION) hidden.set(key, "not_reportable");
    else if (!input.rowPublished(from)) hidden.set(key, "complementary");
    else if (acc.people.size < input.k) hidden.set(key, "below_threshold");
  }
  let columns = new Map<string, SuppressionDecision>();
  let changed = true;
  while (changed) {
    changed = hideForRows(input, hidden);
    columns = decideColumns(input, hidden);
    for (const decision of columns.values()) {
      for (const group of decision.groups) {
        if (!group.published && !hidden.has(group.id)) {
          hidden.set(group.id, group.hiddenReason ?? "complementary");
          changed = true;
        }
      }
    }
  }
  return { hidden, columns };
}

function hideForRows(input: MatrixInput, hidden: Map<string, HiddenReason>): boolean {
  const rows = new Map<string, string[]>();
  for (const key of input.cells.keys()) {
    const { from } = splitCellKey(key);
    rows.set(from, [...(rows.get(from) ?? []), key]);
  }
  let changed = false;
  for (const [from, keys] of rows) {
    for (;;) {
      // What subtraction from the row total reveals: the non-directional answers plus hidden cells.
      const revealed = new PeopleSet();
      const nd = input.nonDirectional.get(from);
      if (nd) revealed.addAll(nd.people);
      for (const key of keys) if (hidden.has(key)) revealed.addAll(input.cells.get(key)!.people);
      if (revealed.size === 0 || revealed.size >= input.k) break;
      const smallest = keys
        .filter((key) => !hidden.has(key))
        .sort((a, b) => input.cells.get(a)!.people.size - input.cells.get(b)!.people.size || a.localeCompare(b))[0];
      if (smallest === undefined) break; // everything hidden: the remainder is the row total itself
      hidden.set(smallest, "complementary");
      changed = true;
    }
  }
  return changed;
}

function decideColumns(input: MatrixInput, hidden: Map<string, HiddenReason>): Map<string, SuppressionDecision> {
  const columns = new Map<string, string[]>();
  for (const key of input.cells.keys()) {
    const { from, to } = splitCellKey(key);
    if (from !== to) columns.set(to, [...(columns.get(to) ?? []), key]);
  }
  const decisions = new Map<string, SuppressionDecision>();
  for (const [to, keys] of columns) {
    const groups = keys.map((key) => ({
      id: key,
      contributors: input.cells.get(key)!.people.size,
      reportable: !hidden.has(key),
    }));
    decisions.set(to, decideSuppression({ groups, k: input.k, publishTotal: true }));
  }
  return decisions;
}
