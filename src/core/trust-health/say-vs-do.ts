/**
 * "Say vs do" (docs/trust-health.md §6): what members SAY matters (their choice in the brief's
 * LinkedIn-style poll) against what actually MOVES with their trust scores (Pearson correlation
 * between each foundation pillar and trust over respondent groups and periods).
 */
import { FOUNDATION_PILLARS, PILLARS, type FoundationPillar, type Pillar } from "./pillars.js";
import { MIN_POINTS_FOR_CORRELATION, MOVES_WITH_TRUST_R, SERIES_LENGTH } from "./trust-health-constants.js";
import type { SayInput, TrustHealthPeriodInput } from "./trust-health-inputs.js";

/** Pearson's r of paired values, or null when there are < 2 pairs or either side never varies. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  const mean = (v: readonly number[]) => v.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** How one foundation pillar moves with trust. */
export interface PillarMovement {
  pillar: FoundationPillar;
  /** Pearson r rounded to two decimals; null when too few points or no variation. */
  r: number | null;
  points: number;
  movesWithTrust: boolean;
}

/** What the comparison concludes. */
export type SayVsDoFinding =
  | "not_enough_data"
  | "no_poll"
  | "nothing_moves"
  | "trust_grows_from"
  | "aligned"
  | "mismatch";

/** The say-vs-do comparison. */
export interface SayVsDo {
  finding: SayVsDoFinding;
  /** Poll shares (0–1) per pillar, largest first; null when no poll result exists. */
  say: { pollId: string; respondents: number; shares: Array<{ pillar: Pillar; share: number }> } | null;
  movements: PillarMovement[];
  /** "groups": one point per respondent group per period; "alliance": one point per period. */
  source: "groups" | "alliance";
  topSaid: Pillar | null;
  topMover: FoundationPillar | null;
}

/** Alliance-level pillar scores per period, computed by the caller (so this file stays small). */
export type AllianceSeries = ReadonlyArray<Readonly<Record<Pillar, number | null>>>;

function pairs(
  pillar: FoundationPillar,
  periods: readonly TrustHealthPeriodInput[],
  alliance: AllianceSeries,
  source: "groups" | "alliance",
): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const push = (x: number | null | undefined, y: number | null | undefined) => {
    if (x !== null && x !== undefined && y !== null && y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  };
  if (source === "groups") {
    for (const period of periods) for (const group of period.groups) push(group.scores[pillar], group.scores.trust);
  } else {
    for (const scores of alliance) push(scores[pillar], scores.trust);
  }
  return { xs, ys };
}

/**
 * Compares the poll with the correlations over the last SERIES_LENGTH periods.
 * `periods` and `alliance` are aligned, oldest first.
 */
export function sayVsDo(
  say: SayInput | null,
  periods: readonly TrustHealthPeriodInput[],
  alliance: AllianceSeries,
): SayVsDo {
  const window = periods.slice(-SERIES_LENGTH);
  const allianceWindow = alliance.slice(-SERIES_LENGTH);
  const source: SayVsDo["source"] = window.some((p) => p.groups.length > 0) ? "groups" : "alliance";
  const movements = FOUNDATION_PILLARS.map((pillar): PillarMovement => {
    const { xs, ys } = pairs(pillar, window, allianceWindow, source);
    const raw = xs.length >= MIN_POINTS_FOR_CORRELATION ? pearson(xs, ys) : null;
    const r = raw === null ? null : Math.round(raw * 100) / 100;
    return { pillar, r, points: xs.length, movesWithTrust: r !== null && r >= MOVES_WITH_TRUST_R };
  });

  const shares = say
    ? PILLARS.filter((p) => say.shares[p] !== undefined)
        .map((pillar) => ({ pillar, share: say.shares[pillar] ?? 0 }))
        .sort((a, b) => b.share - a.share)
    : [];
  const topSaid = shares[0]?.pillar ?? null;
  const movers = movements.filter((m) => m.movesWithTrust).sort((a, b) => (b.r ?? 0) - (a.r ?? 0));
  const topMover = movers[0]?.pillar ?? null;

  const result: Omit<SayVsDo, "finding"> = {
    say: say ? { pollId: say.pollId, respondents: say.respondents, shares } : null,
    movements,
    source,
    topSaid,
    topMover,
  };
  if (movements.every((m) => m.r === null)) return { finding: "not_enough_data", ...result };
  if (!say || topSaid === null) return { finding: "no_poll", ...result };
  if (topMover === null) return { finding: "nothing_moves", ...result };
  if (topSaid === "trust") return { finding: "trust_grows_from", ...result };
  return { finding: topSaid === topMover ? "aligned" : "mismatch", ...result };
}
