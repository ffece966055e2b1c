// A generator of alliance histories from a known ground truth, played through the real core
// services (commitments, pulse, summary) over in-memory repositories, so the simulation suite can
// check the MODEL: does the summary's verdict name the partner the truth says it should?
//
// Truth: each direction giver → receiver has a true keep probability and a true mean trust of the
// receiver's people in the giver (1–5); partners rate each other's reliability honestly (the
// calibrated answer for the true keep rate) unless the truth says otherwise; answers are noisy,
// rounded to 1–5 and some people skip a round.
import type { Alliance, Organization, UncertaintyLevel } from "#core/alliance/alliance.js";
import { createCommitmentService } from "#core/commitments/commitment-service.js";
import { questionsFor } from "#core/pulse/pulse-questions.js";
import { createPulseService } from "#core/pulse/pulse-service.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import { createSummaryService } from "#core/summary/summary-service.js";
import { uncalibrateLikert } from "#core/trust-health/calibration.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { InMemoryPulseRepository } from "#storage/memory/in-memory-pulse-repository.js";
import { InMemorySummaryRepository } from "#storage/memory/in-memory-summary-repository.js";
import { fixedScope } from "../../../../support/alliance-scope.js";

/** The ground truth of one simulated alliance. */
export interface Truth {
  uncertainty: UncertaintyLevel;
  /** Organisation names; also their ids in the simulation. */
  organizations: readonly string[];
  /** People per organisation. */
  people: number;
  /** True keep probability giver → receiver (default `defaultKeep`). */
  keep: Readonly<Record<string, Readonly<Record<string, number>>>>;
  defaultKeep: number;
  /** True mean trust (1–5) of the receiver's people in the giver, by giver (default `defaultTrust`). */
  trustIn: Readonly<Record<string, number>>;
  defaultTrust: number;
  /** Mean rating (1–5) of a giver's reliability by its partners; default: honest (calibrated keep rate). */
  ratedReliability?: Readonly<Record<string, number>>;
  /** New commitments per direction per week (default `defaultVolume`), by "giver→receiver". */
  volume?: Readonly<Record<string, number>>;
  defaultVolume: number;
  /** Standard deviation of one answer around its true mean (before rounding to 1–5). */
  answerNoise: number;
  /** Chance that a person skips a whole round. */
  missing: number;
  weeks: number;
  /** A real change from week `week` (0-based) on: everyone's trust answers drop, or an organisation stops answering. */
  change?: { week: number; trustMean?: number; missing?: Readonly<Record<string, number>> };
}

/** A small seeded PRNG (mulberry32) with a normal draw. */
export class SimRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(mean: number, sd: number): number {
    const u = Math.max(this.next(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

const DAY = 86_400_000;
/** Monday 7 September 2026, 00:00 UTC: week 1 of every simulated history. */
const FIRST_MONDAY = Date.UTC(2026, 8, 7);

function keepOf(truth: Truth, giver: string, receiver: string): number {
  return truth.keep[giver]?.[receiver] ?? truth.defaultKeep;
}

/** Plays `truth` with `seed` through the services and returns the summary of the last week. */
export async function simulate(truth: Truth, seed: number): Promise<TrustHealthSummary> {
  const random = new SimRandom(seed);
  const clock = new FixedClock(new Date(FIRST_MONDAY));
  const alliance: Alliance = {
    id: "sim",
    name: "Simulated alliance",
    locale: "en",
    timezone: "UTC",
    anonymityThreshold: 5,
    uncertainty: truth.uncertainty,
    cultureFlagThreshold: 10,
    steering: null,
    summary: { cadence: "weekly", weekday: 1, hour: 9 },
    pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 5 },
    commitmentReminderDays: 2,
  };
  const organizations: Organization[] = truth.organizations.map((name) => ({ id: name, allianceId: alliance.id, name, emailDomains: [], slackTeamIds: [] }));
  const members = truth.organizations.flatMap((org) =>
    Array.from({ length: truth.people }, (_, i): Actor => ({ memberId: `${org}-${i}`, allianceId: alliance.id, organizationId: org, role: "member" })),
  );
  const scope = fixedScope({
    [alliance.id]: {
      organizations: organizations.map((o) => o.id),
      members: Object.fromEntries(members.map((m) => [m.memberId, m.organizationId])),
    },
  });
  const commitments = createCommitmentService({ commitments: new InMemoryCommitmentRepository(), clock, scope });
  const pulse = createPulseService({
    repository: new InMemoryPulseRepository(),
    respondentKey: (round, member) => `${round}:${member}`,
    directory: {
      organizations: async () => organizations.map((o) => ({ id: o.id, name: o.name })),
      members: async () => members.map((m) => ({ memberId: m.memberId, organizationId: m.organizationId })),
    },
  });
  const summary = createSummaryService({
    alliances: { getAlliance: async () => alliance, listOrganizations: async () => organizations },
    commitments,
    pulse,
    polls: { listByAlliance: async () => [], getResults: async () => Promise.reject(new Error("no polls in the simulation")) },
    culture: { periods: async () => [], profiles: async () => Promise.reject(new Error("no culture fit in the simulation")) },
    summaries: new InMemorySummaryRepository(),
    clock,
  });

  const pulseOrgs = organizations.map((o) => ({ id: o.id, name: o.name }));
  for (let week = 0; week < truth.weeks; week++) {
    const monday = FIRST_MONDAY + week * 7 * DAY;
    // Commitments: made on Monday, due Friday, reported on Thursday.
    for (const giver of truth.organizations) {
      for (const receiver of truth.organizations) {
        if (giver === receiver) continue;
        const volume = truth.volume?.[`${giver}→${receiver}`] ?? truth.defaultVolume;
        const count = Math.floor(volume) + (random.next() < volume % 1 ? 1 : 0);
        for (let i = 0; i < count; i++) {
          const owner = members.filter((m) => m.organizationId === giver)[Math.floor(random.next() * truth.people)]!;
          clock.set(new Date(monday + 9 * 3_600_000));
          const { commitment } = await commitments.create(owner, {
            text: `Deliver item ${week}.${i} to ${receiver}`,
            beneficiary: { kind: "organization", organizationId: receiver },
            dueAt: new Date(monday + 4 * DAY + 17 * 3_600_000),
            definitionOfDone: "Delivered and confirmed",
          });
          clock.set(new Date(monday + 3 * DAY + 12 * 3_600_000));
          await commitments.reportOutcome(owner, commitment.id, random.next() < keepOf(truth, giver, receiver) ? "kept" : "broken");
        }
      }
    }
    // The pulse: opened Wednesday, answered the same day by whoever does not skip it.
    const wednesday = new Date(monday + 2 * DAY + 10 * 3_600_000);
    const { round } = await pulse.openRound(alliance, wednesday);
    const changed = truth.change !== undefined && week >= truth.change.week ? truth.change : null;
    for (const member of members) {
      if (random.next() < (changed?.missing?.[member.organizationId!] ?? truth.missing)) continue;
      for (const q of questionsFor(round, pulseOrgs, member.organizationId)) {
        const truthMean = answerMean(truth, q.category, member.organizationId!, q.targetOrganizationId === "" ? null : q.targetOrganizationId);
        const mean = q.category === "trust" && changed?.trustMean !== undefined ? changed.trustMean : truthMean;
        const score = Math.min(5, Math.max(1, Math.round(random.normal(mean, truth.answerNoise))));
        await pulse.recordAnswer(member, { roundId: round.id, itemKey: q.itemKey, targetOrganizationId: q.targetOrganizationId, score }, wednesday);
      }
    }
  }
  return summary.buildCurrent(alliance.id, new Date(FIRST_MONDAY + truth.weeks * 7 * DAY + 9 * 3_600_000));
}

/** The true mean answer of someone from `from` about `target` (null: not about a partner). */
function answerMean(truth: Truth, category: string, from: string, target: string | null): number {
  const partners = truth.organizations.filter((o) => o !== from);
  const trustIn = (giver: string) => truth.trustIn[giver] ?? truth.defaultTrust;
  switch (category) {
    case "trust":
      if (target === null) return partners.reduce((sum, p) => sum + trustIn(p), 0) / partners.length;
      return target === from ? 4.2 : trustIn(target);
    case "reliability": {
      // Honest raters: the answer a typical rater gives for the true keep rate (the calibration).
      const about = (giver: string) => truth.ratedReliability?.[giver] ?? uncalibrateLikert(keepOf(truth, giver, from) * 100);
      if (target === null) return partners.reduce((sum, p) => sum + about(p), 0) / partners.length;
      return target === from ? 4.2 : about(target);
    }
    default:
      return 4;
  }
}
