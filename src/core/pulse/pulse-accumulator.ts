/**
 * Running sums for pulse figures, counting people the way the anonymity rule needs.
 *
 * Respondent keys are hashed per round, so one person has a different key in every round and
 * people cannot be counted across rounds. A group's contributors over several rounds is therefore
 * the largest number of distinct respondents in any one of its rounds: a lower bound on the
 * people behind the figure, which keeps "at least k people" true (never over-counted).
 *
 * A member of the set may stand for several people who answered exactly alike (a respondent group
 * of pulse-round-aggregates.ts): it is added with that number as its weight, and the size counts
 * each member's weight once however often it is added.
 */

/** Distinct respondents (or groups of them) per round. */
export class PeopleSet {
  private readonly byRound = new Map<string, Map<string, number>>();

  /** Records that `respondentKey` (`weight` people) contributed in `roundId`. */
  add(roundId: string, respondentKey: string, weight = 1): void {
    let keys = this.byRound.get(roundId);
    if (!keys) this.byRound.set(roundId, (keys = new Map()));
    keys.set(respondentKey, weight);
  }

  /** Adds everyone in `other`. */
  addAll(other: PeopleSet): void {
    for (const [round, keys] of other.byRound) for (const [key, weight] of keys) this.add(round, key, weight);
  }

  /** Lower bound on distinct people: the most distinct respondents in any single round. */
  get size(): number {
    let max = 0;
    for (const keys of this.byRound.values()) {
      let people = 0;
      for (const weight of keys.values()) people += weight;
      max = Math.max(max, people);
    }
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
