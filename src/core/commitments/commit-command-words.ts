/**
 * The words of the `commit` command in English and Dutch. Both languages are accepted whatever
 * the member's locale: alliance members mix them, and every clause is checked for a valid value
 * (a mention, an organisation, a date), so a Dutch keyword inside English text rarely misfires.
 */
import type { CommitmentOutcome } from "./commitment.js";
import type { CommitmentListFilter } from "./commitment-service.js";

/** Which slot a clause keyword fills. */
export type ClauseSlot = "owner" | "beneficiary" | "due";

/** Clause keywords → slot. "voor" is also Dutch for "before": a "voor <date>" clause is a due date. */
export const CLAUSE_KEYWORDS: Readonly<Record<string, ClauseSlot>> = {
  owner: "owner",
  eigenaar: "owner",
  door: "owner",
  for: "beneficiary",
  voor: "beneficiary",
  by: "due",
  due: "due",
  before: "due",
  uiterlijk: "due",
  op: "due",
};

/** Keywords whose clause may also be read as a due date. */
export const BENEFICIARY_OR_DUE = new Set(["voor"]);

/** `commit list [filter]`. */
export const LIST_WORDS = new Set(["list", "lijst", "ls"]);
export const LIST_FILTERS: Readonly<Record<string, CommitmentListFilter>> = {
  mine: "mine",
  mijn: "mine",
  ours: "ours",
  ons: "ours",
  onze: "ours",
  owed: "owed",
  tegoed: "owed",
  overdue: "overdue",
  verlopen: "overdue",
  achterstallig: "overdue",
  disputed: "disputed",
  betwist: "disputed",
};

/** `commit kept|late|broken <id>`. */
export const OUTCOME_WORDS: Readonly<Record<string, CommitmentOutcome>> = {
  kept: "kept",
  done: "kept",
  nagekomen: "kept",
  gehaald: "kept",
  klaar: "kept",
  late: "kept_late",
  laat: "kept_late",
  broken: "broken",
  gebroken: "broken",
};

/** `commit renegotiate <id> <date> [reason]`. */
export const RENEGOTIATE_WORDS = new Set(["renegotiate", "reschedule", "heronderhandel", "verzet", "verplaats"]);
/** Optional word between the id and the new date: "renegotiate #3 to friday". */
export const RENEGOTIATE_FILLERS = new Set(["to", "naar", "tot"]);

/** `commit withdraw <id> [reason]`. */
export const WITHDRAW_WORDS = new Set(["withdraw", "intrekken", "trekin"]);

/** `commit help`. */
export const HELP_WORDS = new Set(["help", "hulp", "?"]);

/** Words a platform may leave in front of the arguments ("/commit", "commit"). */
export const COMMAND_NAMES = new Set(["commit", "/commit"]);
