// In-memory CultureFitRepository for unit tests and the contract suite's reference run.
import type { CultureAssessment, CultureFitRepository } from "#core/culture-fit/culture-fit-types.js";

const key = (allianceId: string, respondentKey: string, periodKey: string) => [allianceId, respondentKey, periodKey].join("\u0000");

function copy(a: CultureAssessment): CultureAssessment {
  return {
    ...a,
    now: a.now.map((row) => [...row]),
    preferred: a.preferred.map((row) => [...row]),
    differences: { ...a.differences },
    submittedOn: new Date(a.submittedOn.getTime()),
  };
}

/** A CultureFitRepository in memory. */
export class InMemoryCultureFitRepository implements CultureFitRepository {
  private readonly rows = new Map<string, CultureAssessment>();

  async save(assessment: CultureAssessment): Promise<void> {
    this.rows.set(key(assessment.allianceId, assessment.respondentKey, assessment.periodKey), copy(assessment));
  }

  async find(allianceId: string, respondentKey: string, periodKey: string): Promise<CultureAssessment | null> {
    const row = this.rows.get(key(allianceId, respondentKey, periodKey));
    return row ? copy(row) : null;
  }

  async ofPeriod(allianceId: string, periodKey: string): Promise<CultureAssessment[]> {
    // Ordered by the hashed key: stable, and unrelated to who submitted when.
    return [...this.rows.values()]
      .filter((a) => a.allianceId === allianceId && a.periodKey === periodKey)
      .sort((a, b) => (a.respondentKey < b.respondentKey ? -1 : a.respondentKey > b.respondentKey ? 1 : 0))
      .map(copy);
  }

  async periods(allianceId: string): Promise<string[]> {
    return [...new Set([...this.rows.values()].filter((a) => a.allianceId === allianceId).map((a) => a.periodKey))].sort();
  }
}
