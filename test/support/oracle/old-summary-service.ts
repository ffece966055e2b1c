// THE OLD PATH, kept only as the oracle of the summary-sameness test (issue 12): the summary
// service as it was before the aggregation moved into storage — every period asks for its own
// commitment figures and every pulse window for its own answers. Build it over
// oldFigureSources (old-figure-sources.ts). Not used in production; delete with that test.
/**
 * The trust-health summary as the scheduler, `/trust health` and the demo ask for it: reads the
 * other modules' published figures for the reported period and the seven before it, and builds
 * the summary with buildSummaryFromFigures. Platform-free; storage comes in through ports.
 *
 * Windows: each period's commitment figures are its own; the model rolls them over a
 * recency-weighted window of RECORD_WINDOW_PERIODS periods (trust-health/record-window.ts), so the
 * service reads that many periods more than the series shows. Perceived (pulse) figures span at
 * least the last two rounds (a round asks only some pillars); participation is the period's own.
 *
 * Which period: the latest COMPLETE summary period at `now` (the week that ended last Sunday for
 * a weekly cadence). The weekly post goes out on Monday morning, when the new week holds no
 * pulse answers yet, and its pulse round closes only at the period's end; reporting the period
 * that just ended means the post, a retry of it and an on-demand request all show the same
 * finished figures.
 */
import type { Alliance, Organization } from "#core/alliance/alliance.js";
import type { CommitmentService } from "#core/commitments/commitment-service.js";
import type { CultureFitService } from "#core/culture-fit/culture-fit-service.js";
import type { Poll } from "#core/polls/poll.js";
import type { PollFilter } from "#core/polls/poll-repository.js";
import type { PollResults } from "#core/polls/poll-service-types.js";
import { COLLABORATION_PRIORITIES_TEMPLATE } from "#core/polls/poll-templates.js";
import type { PulseFigures } from "#core/pulse/pulse-figures.js";
import { periodIndex, periodKeyFor, periodKeysBetween, periodWindow, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import type { PulseService } from "#core/pulse/pulse-service.js";
import type { Clock } from "#core/shared/clock.js";
import type { Locale } from "#core/shared/refs.js";
import { RECORD_WINDOW_PERIODS, SERIES_LENGTH } from "#core/trust-health/trust-health-constants.js";
import { buildSummaryFromFigures, type PeriodFigures, type SummaryFromFiguresInput } from "#core/summary/summary-from-figures.js";
import type { TrustHealthSummary } from "#core/summary/summary-model.js";
import type { StoredSummary, SummaryRepository } from "#core/summary/summary-repository.js";
import { summaryView, type SummaryChartRef, type SummaryView } from "#core/summary/summary-views.js";
import { presentOnDemand, type PeriodSoFar } from "#core/summary/present-on-demand.js";
import { nextSlot } from "#core/schedule/slots.js";

/** The alliance facts the summary reads (AllianceService fits). */
export interface SummaryAllianceSource {
  getAlliance(allianceId: string): Promise<Alliance>;
  listOrganizations(allianceId: string): Promise<Organization[]>;
}

/** Where the brief's poll comes from: the poll repository's listing and the service's public results. */
export interface SummaryPollSource {
  /** Newest first. */
  listByAlliance(allianceId: string, filter?: PollFilter): Promise<Poll[]>;
  /** The results everyone in the channel may see (`viewer` null). */
  getResults(viewer: null, pollId: string): Promise<PollResults>;
}

/** What the summary service needs. */
export interface SummaryServiceDeps {
  alliances: SummaryAllianceSource;
  commitments: { figures: CommitmentService["figures"] };
  pulse: { aggregates: PulseService["aggregates"] };
  polls: SummaryPollSource;
  culture: Pick<CultureFitService, "periods" | "profiles">;
  summaries: SummaryRepository;
  clock: Clock;
}

/** Pulse rounds that perceived scores read at least, so every pillar has been asked. */
export const MIN_PERCEIVED_ROUNDS = 2;
/**
 * Pulse rounds the per-partner perception (how each partner is seen, the perception matrix) reads:
 * directional trust items come round only every few weeks (pulse-rotation.ts), so a partner's
 * trust needs a longer window than the alliance-wide pillar scores.
 */
export const PARTNER_PERCEPTION_ROUNDS = 8;

/** The key of the latest summary period that has ended at `now`. */
export function reportedPeriodKey(alliance: Pick<Alliance, "summary" | "timezone">, now: Date): string {
  const cadence = alliance.summary.cadence;
  return shiftPeriodKey(cadence, periodKeyFor(cadence, now, alliance.timezone), -1);
}

/** Builds the summary service. */
export function createOldSummaryService(deps: SummaryServiceDeps) {
  /** The pulse rounds (keys of the pulse cadence) that started inside a summary period. */
  function pulseKeysOf(alliance: Alliance, window: { start: Date; end: Date }): { own: string[]; perceived: string[]; partners: string[] } {
    const cadence = alliance.pulse.cadence;
    const first = periodKeyFor(cadence, window.start, alliance.timezone);
    const last = periodKeyFor(cadence, new Date(window.end.getTime() - 1), alliance.timezone);
    // A round asks 3–5 of the six categories; two consecutive rounds always cover all of them
    // (pulse-rotation.ts), so perception reads at least the last two rounds.
    const previous = shiftPeriodKey(cadence, last, 1 - MIN_PERCEIVED_ROUNDS);
    const from = periodIndex(cadence, previous) < periodIndex(cadence, first) ? previous : first;
    const partnersFrom = shiftPeriodKey(cadence, last, 1 - PARTNER_PERCEPTION_ROUNDS);
    return {
      own: periodKeysBetween(cadence, first, last),
      perceived: periodKeysBetween(cadence, from, last),
      partners: periodKeysBetween(cadence, periodIndex(cadence, partnersFrom) < periodIndex(cadence, from) ? partnersFrom : from, last),
    };
  }

  /**
   * Pillar perception over the rounds of `perceived`; participation of the period's own rounds
   * only; for the reported period (`withPartners`), how each partner is seen (seenByPartners and
   * the perception matrix, k-anonymous within that aggregate) over the longer `partners` window.
   * Only the reported period's partner verdicts are shown, so earlier periods skip that read.
   */
  async function pulseFigures(alliance: Alliance, window: { start: Date; end: Date }, withPartners: boolean): Promise<PulseFigures> {
    const keys = pulseKeysOf(alliance, window);
    const [perceived, own, wide] = await Promise.all([
      deps.pulse.aggregates(alliance, keys.perceived),
      deps.pulse.aggregates(alliance, keys.own),
      withPartners ? deps.pulse.aggregates(alliance, keys.partners) : null,
    ]);
    const partners = wide ?? perceived;
    const ownParticipation = new Map(own.organizations.map((o) => [o.organizationId, o.participation]));
    const seen = new Map(partners.organizations.map((o) => [o.organizationId, o.seenByPartners]));
    return {
      ...perceived,
      participation: own.participation,
      perception: partners.perception,
      organizations: perceived.organizations.map((o) => ({
        ...o,
        seenByPartners: seen.get(o.organizationId) ?? {},
        participation: ownParticipation.get(o.organizationId) ?? { invited: 0, completed: 0, rate: null },
      })),
    };
  }

  /** One period's own figures; `reads` "none" for the periods that only fill the record window. */
  async function periodFigures(alliance: Alliance, periodKey: string, now: Date, reads: "none" | "pillars" | "partners"): Promise<PeriodFigures> {
    const window = periodWindow(alliance.summary.cadence, periodKey, alliance.timezone);
    const [commitments, pulse] = await Promise.all([
      deps.commitments.figures(alliance.id, window, { timeZone: alliance.timezone, now }),
      reads === "none" ? null : pulseFigures(alliance, window, reads === "partners"),
    ]);
    return { periodKey, label: periodKey, commitments, pulse };
  }

  /** The latest closed run of the brief's poll that had closed by `asOf`, with its public tally. */
  async function briefPoll(allianceId: string, asOf: Date): Promise<SummaryFromFiguresInput["poll"]> {
    const closed = await deps.polls.listByAlliance(allianceId, { status: "closed", templateKey: COLLABORATION_PRIORITIES_TEMPLATE });
    const latest = closed
      .filter((p) => p.closedAt !== null && p.closedAt.getTime() <= asOf.getTime())
      .sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime())[0];
    if (!latest) return null;
    const results = await deps.polls.getResults(null, latest.id);
    return results.tally ? { poll: latest, tally: results.tally } : null;
  }

  async function build(allianceId: string, periodKey: string, now: Date): Promise<TrustHealthSummary> {
    const alliance = await deps.alliances.getAlliance(allianceId);
    const cadence = alliance.summary.cadence;
    const count = SERIES_LENGTH + RECORD_WINDOW_PERIODS - 1;
    const keys = Array.from({ length: count }, (_, i) => shiftPeriodKey(cadence, periodKey, i - count + 1));
    const window = periodWindow(cadence, periodKey, alliance.timezone);
    const asOf = new Date(Math.min(window.end.getTime(), now.getTime()));
    const [organizations, periods, currentCommitments, poll, cultureFit] = await Promise.all([
      deps.alliances.listOrganizations(allianceId),
      Promise.all(keys.map((key, i) => periodFigures(alliance, key, now, i === count - 1 ? "partners" : i >= count - SERIES_LENGTH ? "pillars" : "none"))),
      deps.commitments.figures(allianceId, window, { timeZone: alliance.timezone, now }),
      briefPoll(allianceId, asOf),
      deps.culture.periods(allianceId).then((held) => (held.length > 0 ? deps.culture.profiles(alliance) : null)),
    ]);
    return buildSummaryFromFigures({
      alliance,
      organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
      periods,
      currentCommitments,
      poll,
      cultureFit,
      generatedAt: now,
    });
  }

  /** The unfinished period's own counts up to `now`, and when the next pulse round and summary come. */
  async function periodSoFar(alliance: Alliance, now: Date): Promise<PeriodSoFar> {
    const cadence = alliance.summary.cadence;
    const periodKey = periodKeyFor(cadence, now, alliance.timezone);
    const { start } = periodWindow(cadence, periodKey, alliance.timezone);
    const window = { start, end: now };
    const [figures, pulse] = await Promise.all([
      deps.commitments.figures(alliance.id, window, { timeZone: alliance.timezone, now }),
      now.getTime() > start.getTime() ? deps.pulse.aggregates(alliance, pulseKeysOf(alliance, window).own) : null,
    ]);
    const { overall } = figures;
    return {
      periodKey,
      since: start,
      made: figures.clarity.commitments,
      kept: overall.kept + overall.keptLate,
      broken: overall.broken,
      overdue: figures.overdue.length,
      pulse: pulse?.participation ?? { invited: 0, completed: 0, rate: null },
      nextPulse: nextSlot({ ...alliance.pulse, timezone: alliance.timezone }, now).at,
      nextSummary: nextSlot({ ...alliance.summary, timezone: alliance.timezone }, now).at,
    };
  }

  return {
    /** The summary of `periodKey` (a key of the alliance's summary cadence) with the 7 periods before it. */
    build,

    /** The summary of the latest complete period at `now`: what the weekly post shows. */
    async buildCurrent(allianceId: string, now: Date = deps.clock.now()): Promise<TrustHealthSummary> {
      const alliance = await deps.alliances.getAlliance(allianceId);
      return build(allianceId, reportedPeriodKey(alliance, now), now);
    },

    /**
     * The on-demand view (`/trust health`): the summary of the last complete period in `locale`
     * (default: the alliance's), with the period so far next to it (present-on-demand.ts).
     */
    async current(allianceId: string, locale: Locale | null, now: Date = deps.clock.now(), charts: SummaryChartRef[] = []): Promise<SummaryView> {
      const alliance = await deps.alliances.getAlliance(allianceId);
      const [summary, soFar] = await Promise.all([build(allianceId, reportedPeriodKey(alliance, now), now), periodSoFar(alliance, now)]);
      const shown = locale ?? alliance.locale;
      return { ...summaryView(summary, shown, charts), onDemand: presentOnDemand(summary, soFar, shown, alliance.timezone) };
    },

    /**
     * Builds and stores the summary of `periodKey` unless one is stored already; a repeat returns
     * the stored one, so a retried post shows exactly what the first attempt stored.
     */
    async buildAndStore(allianceId: string, periodKey: string, now: Date): Promise<{ summary: StoredSummary; created: boolean }> {
      const stored = await deps.summaries.find(allianceId, periodKey);
      if (stored) return { summary: stored, created: false };
      return deps.summaries.save(allianceId, periodKey, await build(allianceId, periodKey, now), now);
    },

    /** The most recently stored summary of the alliance, or null. */
    latest: (allianceId: string): Promise<StoredSummary | null> => deps.summaries.latest(allianceId),
  };
}

/** The summary service's use cases. */
export type OldSummaryService = ReturnType<typeof createOldSummaryService>;
