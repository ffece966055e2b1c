/**
 * Counting a poll: counts and percentages overall and per partner organisation. Per-organisation
 * figures follow the anonymity module (k distinct voters, complementary suppression); an anonymous
 * poll shows no figures at all until k people voted, because with fewer a result points at people.
 */
import { decideSuppression, type HiddenReason } from "../anonymity/anonymity.js";
import type { Poll, PollBallot } from "./poll.js";
import { optionKeysOf } from "./poll-templates.js";

/** One option's figures. `percent` is the exact share of voters (0–100) who chose it. */
export interface OptionCount {
  optionId: string;
  position: number;
  label: string;
  /** Template option key (e.g. the pillar "trust"), or null. */
  key: string | null;
  count: number;
  percent: number;
  /** Whole percentages; for single choice they add up to exactly 100 (largest remainder). */
  percentRounded: number;
}

/** One organisation's published figures. */
export interface OrganizationTally {
  organizationId: string;
  voters: number;
  options: OptionCount[];
}

/** The whole count. */
export interface PollTally {
  /** The threshold applied. */
  k: number;
  totalVoters: number;
  /** False for an anonymous poll with fewer than k voters: `options` then carry no figures. */
  overallPublished: boolean;
  /** Empty when `overallPublished` is false. */
  options: OptionCount[];
  /** Published organisations, in the order of the `organizationIds` given, then by id. */
  organizations: OrganizationTally[];
  /** Known organisations whose figures are hidden, and why (organisation unknown is never listed). */
  hiddenOrganizations: Array<{ organizationId: string; reason: HiddenReason }>;
}

const NO_ORGANIZATION = "\u0000none";

/**
 * Counts `ballots` (one per voter) for `poll`. `organizationIds` lists the alliance's organisations
 * so those nobody from voted show as hidden too; `k` is the alliance's threshold (clamped to ≥ 3).
 */
export function tallyPoll(
  poll: Pick<Poll, "options" | "mode" | "anonymous" | "templateKey">,
  ballots: readonly Pick<PollBallot, "organizationId" | "optionIds">[],
  settings: { k: number; organizationIds?: readonly string[] },
): PollTally {
  const byOrganization = new Map<string, Array<Pick<PollBallot, "optionIds">>>();
  for (const id of settings.organizationIds ?? []) byOrganization.set(id, []);
  for (const ballot of ballots) {
    const group = ballot.organizationId ?? NO_ORGANIZATION;
    const list = byOrganization.get(group) ?? [];
    list.push(ballot);
    byOrganization.set(group, list);
  }
  const known = [...byOrganization.keys()].filter((id) => id !== NO_ORGANIZATION);
  const ordered = [...(settings.organizationIds ?? []), ...known.filter((id) => !settings.organizationIds?.includes(id)).sort()];

  const decision = decideSuppression({
    groups: [
      ...ordered.map((id) => ({ id, contributors: byOrganization.get(id)?.length ?? 0 })),
      ...(byOrganization.has(NO_ORGANIZATION)
        ? [{ id: NO_ORGANIZATION, contributors: byOrganization.get(NO_ORGANIZATION)?.length ?? 0, reportable: false }]
        : []),
    ],
    k: settings.k,
    publishTotal: true,
  });
  // Named polls show who voted anyway, so their overall count is never withheld; the
  // per-organisation rules still apply to both (and a named total below k hides every group).
  const overallPublished = !poll.anonymous || decision.totalPublished;

  const keys = optionKeysOf(poll);
  const count = (list: readonly Pick<PollBallot, "optionIds">[]) => countOptions(poll, keys, list);
  return {
    k: decision.k,
    totalVoters: ballots.length,
    overallPublished,
    options: overallPublished ? count(ballots) : [],
    organizations: decision.groups
      .filter((group) => group.published)
      .map((group) => ({
        organizationId: group.id,
        voters: group.contributors,
        options: count(byOrganization.get(group.id) ?? []),
      })),
    hiddenOrganizations: decision.groups
      .filter((group) => !group.published && group.id !== NO_ORGANIZATION)
      .map((group) => ({ organizationId: group.id, reason: group.hiddenReason ?? "below_threshold" })),
  };
}

function countOptions(
  poll: Pick<Poll, "options" | "mode">,
  keys: ReadonlyMap<string, string>,
  ballots: readonly Pick<PollBallot, "optionIds">[],
): OptionCount[] {
  const counts = new Map<string, number>();
  for (const ballot of ballots) {
    for (const id of new Set(ballot.optionIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const voters = ballots.length;
  const raw = poll.options.map((option) => (voters === 0 ? 0 : ((counts.get(option.id) ?? 0) / voters) * 100));
  const rounded = poll.mode === "single" && voters > 0 ? largestRemainder(raw, 100) : raw.map(Math.round);
  return poll.options.map((option, index) => ({
    optionId: option.id,
    position: option.position,
    label: option.label,
    key: keys.get(option.id) ?? null,
    count: counts.get(option.id) ?? 0,
    percent: raw[index] ?? 0,
    percentRounded: rounded[index] ?? 0,
  }));
}

/** Rounds `values` to integers that add up to `target`, giving the leftover units to the largest remainders. */
export function largestRemainder(values: readonly number[], target: number): number[] {
  const floors = values.map(Math.floor);
  let left = target - floors.reduce((sum, value) => sum + value, 0);
  const order = values
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    left--;
  }
  return floors;
}

/**
 * Share (0–1) of voters choosing each template option key, e.g. { trust: 0.61, reliability: 0.2 }
 * for the brief's poll: the "say" side of trust health's say-vs-do. Null when the overall figures
 * are not published (too few anonymous voters) or the poll's options carry no keys.
 */
export function optionKeyShares(tally: PollTally): { respondents: number; shares: Record<string, number> } | null {
  if (!tally.overallPublished || tally.totalVoters === 0) return null;
  const shares: Record<string, number> = {};
  for (const option of tally.options) {
    if (option.key !== null) shares[option.key] = option.count / tally.totalVoters;
  }
  return Object.keys(shares).length === 0 ? null : { respondents: tally.totalVoters, shares };
}
