// THE OLD PATH, kept only as the oracle of the summary-sameness test (issue 12): pulse figures
// computed in JavaScript from every answer of the rounds, as the summary did before it read
// per-round aggregates. Not used in production; delete with that test.
/**
 * Running sums for pulse figures, counting people the way the anonymity rule needs.
 *
 * Respondent keys are hashed per round, so one person has a different key in every round and
 * people cannot be counted across rounds. A group's contributors over several rounds is therefore
 * the largest number of distinct respondents in any one of its rounds: a lower bound on the
 * people behind the figure, which keeps "at least k people" true (never over-counted).
 */

/** Distinct respondents per round. */
export class PeopleSet {
  private readonly byRound = new Map<string, Set<string>>();

  /** Records that `respondentKey` contributed in `roundId`. */
  add(roundId: string, respondentKey: string): void {
    let keys = this.byRound.get(roundId);
    if (!keys) this.byRound.set(roundId, (keys = new Set()));
    keys.add(respondentKey);
  }

  /** Adds everyone in `other`. */
  addAll(other: PeopleSet): void {
    for (const [round, keys] of other.byRound) for (const key of keys) this.add(round, key);
  }

  /** Lower bound on distinct people: the most distinct respondents in any single round. */
  get size(): number {
    let max = 0;
    for (const keys of this.byRound.values()) max = Math.max(max, keys.size);
    return max;
  }
}

/** Sum, count and contributors of the 1–5 scores of one group. */
export class ScoreAccumulator {
  sum = 0;
  answers = 0;
  readonly people = new PeopleSet();

  /** Adds one scored answer. */
  add(roundId: string, respondentKey: string, score: number): void {
    this.sum += score;
    this.answers += 1;
    this.people.add(roundId, respondentKey);
  }

  /** Mean of the 1–5 answers. */
  get mean(): number {
    return this.answers === 0 ? Number.NaN : this.sum / this.answers;
  }
}

/** Converts a 1–5 mean to 0–100: (mean − 1) / 4 · 100. */
export function toHundredScale(mean: number): number {
  return ((mean - 1) / 4) * 100;
}

/** The accumulator stored under `key`, created on first use. */
export function accumulatorIn<K>(map: Map<K, ScoreAccumulator>, key: K): ScoreAccumulator {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = new ScoreAccumulator()));
  return acc;
}
