/**
 * Derived commitment figures per period — pure functions over commitments and their events.
 *
 * Counting rules (a steering member must be able to redo them by hand):
 * - A commitment counts as RESOLVED in a period when it first left `open` (outcome or withdrawal)
 *   inside [start, end); the bucket is its status as known at `end` (a dispute settled before the
 *   end counts with its settled outcome). Withdrawn commitments are neutral: counted, never resolved.
 * - reliability = (kept + keptLate) / resolved, where resolved = kept + keptLate + broken.
 *   kept_late counts as KEPT for reliability — the agreement was honoured — but not for on-time.
 * - onTimeRate = kept / resolved.
 * - Renegotiation (a new date agreed before the old one) is neutral: it is not broken, it is counted
 *   in `renegotiated` (events in the period), and "on time" is judged against the renegotiated date.
 * - Open items past their due date are not resolved; they appear in `overdue` instead.
 * - Per organisation = the OWNER's organisation. Per direction A→B = owned by A for B (a member
 *   beneficiary counts for their organisation); agreements inside one organisation have no direction.
 * - Reciprocity per pair {A, B}: delivered = kept + keptLate resolved in the period in each
 *   direction; ratio = A→B / B→A (null when B delivered nothing); balance = smaller / larger
 *   (1 = even, 0 = one-way, null when neither delivered).
 * - Clarity over commitments CREATED in the period: complete = has an owner, a due date and a
 *   definition of done (as created); share = complete / commitments.
 * - A period looks at the commitments created before its end that are unresolved or were resolved
 *   from its start on (`listed`); an organisation or direction appears once it has one of them.
 *
 * The counting itself happens per group in commitment-period-counts.ts (in storage: SQL); this
 * module turns those counts into the figures.
 */
import { localDateKey, localDaysBetween } from "../shared/zoned-time.js";
import type { Commitment, CommitmentEvent } from "./commitment.js";
import {
  aggregateCommitmentPeriods,
  type CommitmentCounts,
  type CommitmentNotice,
  type CommitmentPeriodAggregates,
  type FiguresPeriod,
} from "./commitment-period-counts.js";

export type { FiguresPeriod } from "./commitment-period-counts.js";

/** Outcome counts and the two rates for some set of commitments. */
export interface ReliabilityFigures {
  /** kept + keptLate + broken. */
  resolved: number;
  kept: number;
  keptLate: number;
  broken: number;
  /** Withdrawn in the period (neutral). */
  withdrawn: number;
  /** Renegotiations recorded in the period (neutral). */
  renegotiated: number;
  /** Of the resolved ones, how many were still disputed at the period's end. */
  disputed: number;
  /** (kept + keptLate) / resolved, 0–1; null when nothing was resolved. */
  reliability: number | null;
  /** kept / resolved, 0–1; null when nothing was resolved. */
  onTimeRate: number | null;
}

/** Agreement clarity over commitments created in the period. */
export interface ClarityFigures {
  commitments: number;
  withOwner: number;
  withDueDate: number;
  withDefinitionOfDone: number;
  /** All three. */
  complete: number;
  /** complete / commitments, 0–1; null when none were created. */
  share: number | null;
}

/** What two organisations delivered to each other; `a` < `b` by id. */
export interface ReciprocityFigures {
  organizationA: string;
  organizationB: string;
  deliveredAToB: number;
  deliveredBToA: number;
  /** deliveredAToB / deliveredBToA; null when B delivered nothing. */
  ratio: number | null;
  /** min / max of the two, 0–1 (1 = even); null when neither delivered. */
  balance: number | null;
}

/** A commitment named in a list (never anonymous: commitments are attributed work). */
export interface CommitmentFigureRef extends Omit<CommitmentNotice, "kind"> {
  /** Local due date "YYYY-MM-DD" in the figures' time zone, or null without a due date. */
  dueDate: string | null;
}

/** An overdue commitment and by how many local calendar days. */
export interface OverdueFigureRef extends CommitmentFigureRef {
  daysOverdue: number;
}

/**
 * Everything the commitment log says about one alliance in one period — what the trust-health
 * model consumes:
 * - `overall`, `byOrganization[]` (owner's organisation) and `byDirection[]` (A→B) share the
 *   ReliabilityFigures shape: counts plus `reliability` and `onTimeRate` (0–1 or null);
 * - `reciprocity[]`: one entry per organisation pair with deliveries either way;
 * - `clarity` and `clarityByOrganization[]`;
 * - `overdue[]` at `asOf`, `broken[]` in the period and `disputed[]` still open at `asOf`.
 * Lists are sorted (organisations by id, refs by due date then number) so output is stable.
 */
export interface CommitmentFigures {
  allianceId: string;
  period: FiguresPeriod;
  /** min(period.end, now): the moment overdue and disputed are judged at. */
  asOf: Date;
  timeZone: string;
  overall: ReliabilityFigures;
  byOrganization: Array<ReliabilityFigures & { organizationId: string }>;
  byDirection: Array<ReliabilityFigures & { fromOrganizationId: string; toOrganizationId: string }>;
  reciprocity: ReciprocityFigures[];
  clarity: ClarityFigures;
  clarityByOrganization: Array<ClarityFigures & { organizationId: string }>;
  overdue: OverdueFigureRef[];
  broken: CommitmentFigureRef[];
  disputed: CommitmentFigureRef[];
}

/** What computeCommitmentFigures reads. */
export interface CommitmentFiguresInput {
  allianceId: string;
  period: FiguresPeriod;
  now: Date;
  /** Zone for local due dates and days overdue (the alliance's). */
  timeZone: string;
  commitments: readonly Commitment[];
  events: readonly CommitmentEvent[];
}

/** Which periods the aggregates are of, and where local dates are judged. */
export interface FiguresFromAggregatesOptions {
  allianceId: string;
  /** The consecutive periods the aggregates were asked for. */
  periods: readonly FiguresPeriod[];
  /** min(last period's end, now). */
  asOf: Date;
  timeZone: string;
}

function emptyReliability(): ReliabilityFigures {
  return { resolved: 0, kept: 0, keptLate: 0, broken: 0, withdrawn: 0, renegotiated: 0, disputed: 0, reliability: null, onTimeRate: null };
}

function finishReliability<T extends ReliabilityFigures>(figures: T): T {
  figures.resolved = figures.kept + figures.keptLate + figures.broken;
  figures.reliability = figures.resolved > 0 ? (figures.kept + figures.keptLate) / figures.resolved : null;
  figures.onTimeRate = figures.resolved > 0 ? figures.kept / figures.resolved : null;
  return figures;
}

function emptyClarity(): ClarityFigures {
  return { commitments: 0, withOwner: 0, withDueDate: 0, withDefinitionOfDone: 0, complete: 0, share: null };
}

function finishClarity<T extends ClarityFigures>(k: T): T {
  k.share = k.commitments > 0 ? k.complete / k.commitments : null;
  return k;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function addCounts(figures: ReliabilityFigures, counts: CommitmentCounts): void {
  figures.kept += counts.kept;
  figures.keptLate += counts.keptLate;
  figures.broken += counts.broken;
  figures.withdrawn += counts.withdrawn;
  figures.disputed += counts.disputed;
  figures.renegotiated += counts.renegotiated;
}

function toRef(n: CommitmentNotice, timeZone: string): CommitmentFigureRef {
  return {
    id: n.id,
    number: n.number,
    text: n.text,
    ownerOrganizationId: n.ownerOrganizationId,
    beneficiaryOrganizationId: n.beneficiaryOrganizationId,
    dueAt: n.dueAt,
    dueDate: n.dueAt ? localDateKey(n.dueAt, timeZone) : null,
  };
}

const byRef = (a: CommitmentFigureRef, b: CommitmentFigureRef) =>
  (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.number - b.number;

/** One period's figures from its groups' counts; `notices` fill the lists (the last period's only). */
function periodFigures(
  options: FiguresFromAggregatesOptions,
  index: number,
  counts: readonly CommitmentCounts[],
  notices: readonly CommitmentNotice[],
): CommitmentFigures {
  const period = options.periods[index]!;
  const last = index === options.periods.length - 1;
  const asOf = last ? options.asOf : new Date(period.end);
  const overall = emptyReliability();
  const byOrg = new Map<string, ReliabilityFigures>();
  const byDirection = new Map<string, ReliabilityFigures & { fromOrganizationId: string; toOrganizationId: string }>();
  const delivered = new Map<string, number>(); // "A→B" → count
  const clarity = emptyClarity();
  const clarityByOrg = new Map<string, ClarityFigures>();
  for (const g of counts) {
    const from = g.ownerOrganizationId;
    const to = g.beneficiaryOrganizationId;
    const groups = [overall, getOrCreate(byOrg, from, emptyReliability)];
    if (to !== null && to !== from) {
      groups.push(getOrCreate(byDirection, `${from}→${to}`, () => ({ ...emptyReliability(), fromOrganizationId: from, toOrganizationId: to })));
      if (g.kept + g.keptLate > 0) delivered.set(`${from}→${to}`, (delivered.get(`${from}→${to}`) ?? 0) + g.kept + g.keptLate);
    }
    for (const f of groups) addCounts(f, g);
    if (g.created > 0) {
      for (const k of [clarity, getOrCreate(clarityByOrg, from, emptyClarity)]) {
        k.commitments += g.created;
        k.withOwner += g.created; // every commitment is created with an owner (default: its creator)
        k.withDueDate += g.createdWithDueDate;
        k.withDefinitionOfDone += g.createdWithDefinitionOfDone;
        k.complete += g.createdComplete;
      }
    }
  }
  const listed = (kind: CommitmentNotice["kind"]) => notices.filter((n) => n.kind === kind).map((n) => toRef(n, options.timeZone));
  return {
    allianceId: options.allianceId,
    period: { start: new Date(period.start), end: new Date(period.end) },
    asOf,
    timeZone: options.timeZone,
    overall: finishReliability(overall),
    byOrganization: [...byOrg.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([organizationId, f]) => ({ ...finishReliability(f), organizationId })),
    byDirection: [...byDirection.values()]
      .map(finishReliability)
      .sort((a, b) => a.fromOrganizationId.localeCompare(b.fromOrganizationId) || a.toOrganizationId.localeCompare(b.toOrganizationId)),
    reciprocity: reciprocityPairs(delivered),
    clarity: finishClarity(clarity),
    clarityByOrganization: [...clarityByOrg.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([organizationId, k]) => ({ ...finishClarity(k), organizationId })),
    overdue: last
      ? notices
          .filter((n) => n.kind === "overdue")
          .map((n) => ({ ...toRef(n, options.timeZone), daysOverdue: localDaysBetween(n.dueAt!, asOf, options.timeZone) }))
          .sort(byRef)
      : [],
    broken: last ? listed("broken").sort(byRef) : [],
    disputed: last ? listed("disputed").sort(byRef) : [],
  };
}

/**
 * The figures of every period the aggregates were asked for, oldest first. The named lists
 * (overdue, broken, disputed) are filled for the last period only: the summary names only the
 * current period's, and every earlier period is there for its counts.
 */
export function figuresFromAggregates(options: FiguresFromAggregatesOptions, aggregates: CommitmentPeriodAggregates): CommitmentFigures[] {
  const byPeriod = options.periods.map((): CommitmentCounts[] => []);
  for (const g of aggregates.counts) byPeriod[g.period]?.push(g);
  return options.periods.map((_, i) => periodFigures(options, i, byPeriod[i]!, i === options.periods.length - 1 ? aggregates.notices : []));
}

/** The figures for one period from plain rows (rules in the module header). */
export function computeCommitmentFigures(input: CommitmentFiguresInput): CommitmentFigures {
  const asOf = new Date(Math.min(input.period.end.getTime(), input.now.getTime()));
  const query = { allianceId: input.allianceId, periods: [input.period], asOf };
  const [figures] = figuresFromAggregates({ ...query, timeZone: input.timeZone }, aggregateCommitmentPeriods(query, input.commitments, input.events));
  return figures!;
}

/** One entry per unordered organisation pair with deliveries in either direction. */
export function reciprocityPairs(delivered: ReadonlyMap<string, number>): ReciprocityFigures[] {
  const pairs = new Map<string, ReciprocityFigures>();
  for (const key of delivered.keys()) {
    const [from = "", to = ""] = key.split("→");
    const [a, b] = from < to ? [from, to] : [to, from];
    getOrCreate(pairs, `${a}→${b}`, () => {
      const aToB = delivered.get(`${a}→${b}`) ?? 0;
      const bToA = delivered.get(`${b}→${a}`) ?? 0;
      const high = Math.max(aToB, bToA);
      return {
        organizationA: a,
        organizationB: b,
        deliveredAToB: aToB,
        deliveredBToA: bToA,
        ratio: bToA > 0 ? aToB / bToA : null,
        balance: high > 0 ? Math.min(aToB, bToA) / high : null,
      };
    });
  }
  return [...pairs.values()].sort((x, y) => x.organizationA.localeCompare(y.organizationA) || x.organizationB.localeCompare(y.organizationB));
}
