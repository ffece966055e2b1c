// THE OLD PATH, kept only as the oracle of the summary-sameness test (issue 12): commitment figures
// computed in JavaScript from every commitment and event of one period, as the summary did before
// it read per-period aggregates. Not used in production; delete with that test.
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
 */
import { localDateKey, localDaysBetween } from "#core/shared/zoned-time.js";
import type { Commitment, CommitmentEvent } from "#core/commitments/commitment.js";
import { eventsByCommitment, snapshotAt, type CommitmentSnapshot } from "#core/commitments/commitment-history.js";
import type { ClarityFigures, CommitmentFigureRef, CommitmentFigures, FiguresPeriod, OverdueFigureRef, ReciprocityFigures, ReliabilityFigures } from "#core/commitments/commitment-figures.js";

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

function within(at: Date | null, period: FiguresPeriod): boolean {
  return at !== null && at.getTime() >= period.start.getTime() && at.getTime() < period.end.getTime();
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function countOutcome(figures: ReliabilityFigures, snapshot: CommitmentSnapshot): void {
  if (snapshot.status === "kept") figures.kept++;
  else if (snapshot.status === "kept_late") figures.keptLate++;
  else if (snapshot.status === "broken") figures.broken++;
  else if (snapshot.status === "withdrawn") figures.withdrawn++;
  if (snapshot.status !== "withdrawn" && snapshot.confirmation === "disputed") figures.disputed++;
}

function toRef(c: Commitment, dueAt: Date | null, timeZone: string): CommitmentFigureRef {
  return {
    id: c.id,
    number: c.number,
    text: c.text,
    ownerOrganizationId: c.ownerOrganizationId,
    beneficiaryOrganizationId: c.beneficiary.organizationId,
    dueAt,
    dueDate: dueAt ? localDateKey(dueAt, timeZone) : null,
  };
}

const byRef = (a: CommitmentFigureRef, b: CommitmentFigureRef) =>
  (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.number - b.number;

/** The figures for one period (rules in the module header). */
export function oldCommitmentFigures(input: CommitmentFiguresInput): CommitmentFigures {
  const { period, timeZone } = input;
  const asOf = new Date(Math.min(period.end.getTime(), input.now.getTime()));
  const history = eventsByCommitment(input.events.filter((e) => e.at.getTime() < period.end.getTime()));
  const overall = emptyReliability();
  const byOrg = new Map<string, ReliabilityFigures>();
  const byDirection = new Map<string, ReliabilityFigures & { fromOrganizationId: string; toOrganizationId: string }>();
  const delivered = new Map<string, number>(); // "A→B" → count
  const clarity = emptyClarity();
  const clarityByOrg = new Map<string, ClarityFigures>();
  const overdue: OverdueFigureRef[] = [];
  const broken: CommitmentFigureRef[] = [];
  const disputed: CommitmentFigureRef[] = [];

  for (const c of input.commitments) {
    if (c.allianceId !== input.allianceId) continue;
    const events = history.get(c.id) ?? [];
    const atEnd = snapshotAt(c, events, period.end);
    if (!atEnd.exists) continue;
    const from = c.ownerOrganizationId;
    const to = c.beneficiary.organizationId;
    const groups = [overall, getOrCreate(byOrg, from, emptyReliability)];
    if (to !== null && to !== from) {
      groups.push(getOrCreate(byDirection, `${from}→${to}`, () => ({ ...emptyReliability(), fromOrganizationId: from, toOrganizationId: to })));
    }
    const renegotiations = events.filter((e) => e.type === "renegotiated" && within(e.at, period)).length;
    for (const g of groups) g.renegotiated += renegotiations;
    if (within(atEnd.resolvedAt, period)) {
      for (const g of groups) countOutcome(g, atEnd);
      if (atEnd.status === "broken") broken.push(toRef(c, atEnd.dueAt, timeZone));
      if ((atEnd.status === "kept" || atEnd.status === "kept_late") && to !== null && to !== from) {
        delivered.set(`${from}→${to}`, (delivered.get(`${from}→${to}`) ?? 0) + 1);
      }
    }
    if (within(c.createdAt, period)) {
      // Clarity judges the agreement as made: the due date and definition of done at creation.
      const created = events.find((e) => e.type === "created");
      const hasDue = (created ? created.dueAtAfter : c.dueAt) !== null;
      const hasOwner = true; // every commitment is created with an owner (default: its creator)
      const hasDone = c.definitionOfDone !== null && c.definitionOfDone.trim() !== "";
      for (const k of [clarity, getOrCreate(clarityByOrg, from, emptyClarity)]) {
        k.commitments++;
        if (hasOwner) k.withOwner++;
        if (hasDue) k.withDueDate++;
        if (hasDone) k.withDefinitionOfDone++;
        if (hasOwner && hasDue && hasDone) k.complete++;
      }
    }
    const atAsOf = asOf.getTime() === period.end.getTime() ? atEnd : snapshotAt(c, events, asOf);
    if (atAsOf.exists && atAsOf.status === "open" && atAsOf.dueAt !== null && atAsOf.dueAt.getTime() < asOf.getTime()) {
      overdue.push({ ...toRef(c, atAsOf.dueAt, timeZone), daysOverdue: localDaysBetween(atAsOf.dueAt, asOf, timeZone) });
    }
    if (atAsOf.exists && atAsOf.confirmation === "disputed") disputed.push(toRef(c, atAsOf.dueAt, timeZone));
  }

  return {
    allianceId: input.allianceId,
    period: { start: new Date(period.start), end: new Date(period.end) },
    asOf,
    timeZone,
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
    overdue: overdue.sort(byRef),
    broken: broken.sort(byRef),
    disputed: disputed.sort(byRef),
  };
}

function finishClarity<T extends ClarityFigures>(k: T): T {
  k.share = k.commitments > 0 ? k.complete / k.commitments : null;
  return k;
}

/** One entry per unordered organisation pair with deliveries in either direction. */
function reciprocityPairs(delivered: ReadonlyMap<string, number>): ReciprocityFigures[] {
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
