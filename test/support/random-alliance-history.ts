// Randomised alliance histories written straight through the repository ports (so the same seed
// gives the same rows in memory, on PGlite and on PostgreSQL), for the summary-sameness test and
// the aggregate contract tests (issue 12). They are deliberately rough: renegotiations, disputes
// settled before or after a period ends, withdrawals, agreements without a date or with a blank
// definition of done, beneficiaries of unknown organisation, agreements inside one organisation,
// a `created` event logged later than the row's createdAt, events logged out of time order (a
// clock behind), a row's resolvedAt that is not its outcome's time, "can't say" answers, comments,
// respondents of unknown organisation, skipped rounds and small organisations near k.
import type { Alliance, Organization } from "#core/alliance/alliance.js";
import type { Beneficiary, CommitmentStatus, ConfirmationState } from "#core/commitments/commitment.js";
import type { CommitmentPatch, CommitmentRepository, NewCommitmentEvent } from "#core/commitments/commitment-repository.js";
import type { Cadence } from "#core/alliance/alliance.js";
import { periodKeyFor, periodWindow, shiftPeriodKey } from "#core/pulse/pulse-period.js";
import { questionsFor } from "#core/pulse/pulse-questions.js";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import { itemsForRound } from "#core/pulse/pulse-rotation.js";

const DAY = 86_400_000;

/** mulberry32: small, seeded, the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a history was generated with; `now` is the Monday morning the summary is asked for. */
export interface RandomHistory {
  alliance: Alliance;
  organizations: Organization[];
  now: Date;
}

/** Where the rows go, and how to make the alliance and organisation rows the storage needs. */
export interface RandomHistoryStores {
  commitments: CommitmentRepository;
  pulse: PulseRepository;
  /** Creates the alliance (and its organisations) where the storage needs rows; returns the ids. */
  createAlliance(alliance: Omit<Alliance, "id">, organizationNames: string[]): Promise<{ allianceId: string; organizationIds: string[] }>;
}

const CADENCES: readonly Cadence[] = ["weekly", "biweekly", "monthly"];
const ZONES = ["UTC", "Europe/Amsterdam", "America/New_York"];

/** Writes a random history of `weeks` weeks for `seed` and returns what the summary needs. */
export async function seedRandomHistory(stores: RandomHistoryStores, seed: number, weeks = 20): Promise<RandomHistory> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const timezone = pick(ZONES);
  const pulseCadence = random() < 0.7 ? "weekly" : pick(CADENCES);
  const summaryCadence = random() < 0.7 ? "weekly" : pick(CADENCES);
  const base: Omit<Alliance, "id"> = {
    name: `random ${seed}`,
    locale: "en",
    timezone,
    anonymityThreshold: int(3, 5),
    uncertainty: pick(["low", "medium", "high"] as const),
    cultureFlagThreshold: 10,
    steering: null,
    summary: { cadence: summaryCadence, weekday: 1, hour: 9 },
    pulse: { cadence: pulseCadence, weekday: 3, hour: 10, itemsPerRound: int(3, 5) },
    commitmentReminderDays: 2,
  };
  const names = Array.from({ length: int(2, 4) }, (_, i) => `Org ${String.fromCharCode(65 + i)}`);
  const { allianceId, organizationIds } = await stores.createAlliance(base, names);
  const alliance: Alliance = { ...base, id: allianceId };
  const organizations: Organization[] = organizationIds.map((id, i) => ({ id, allianceId, name: names[i]!, emailDomains: [], slackTeamIds: [] }));
  const people = organizationIds.flatMap((org) => Array.from({ length: int(2, 8) }, (_, i) => ({ memberId: `${org}-m${i}`, organizationId: org })));

  const first = Date.UTC(2026, 5, 1); // Monday 1 June 2026 (UTC); DST ends inside the history
  const now = new Date(first + weeks * 7 * DAY + 9 * 3_600_000);

  // Commitments: a few a week, each with a random life.
  for (let week = 0; week < weeks; week++) {
    for (let n = int(0, 6); n > 0; n--) {
      const owner = pick(people);
      const roll = random();
      const other = pick(organizationIds);
      const beneficiary: Beneficiary =
        roll < 0.65
          ? { kind: "organization", organizationId: other }
          : roll < 0.8
            ? { kind: "member", memberId: pick(people).memberId, organizationId: other }
            : roll < 0.9
              ? { kind: "organization", organizationId: owner.organizationId }
              : { kind: "member", memberId: null, organizationId: null };
      const createdAt = new Date(first + week * 7 * DAY + Math.floor(random() * 7 * DAY));
      const dueAt = random() < 0.8 ? new Date(createdAt.getTime() + int(1, 20) * DAY) : null;
      const created: NewCommitmentEvent = {
        type: "created",
        actorMemberId: owner.memberId,
        at: random() < 0.08 ? new Date(createdAt.getTime() + int(1, 10) * DAY) : createdAt,
        fromStatus: null,
        toStatus: "open",
        reason: null,
        dueAtBefore: null,
        dueAtAfter: dueAt,
        idempotencyKey: null,
      };
      let { commitment } = await stores.commitments.create(
        {
          allianceId,
          text: `Agreement ${week}.${n}`,
          ownerMemberId: owner.memberId,
          ownerOrganizationId: owner.organizationId,
          beneficiary,
          dueAt,
          definitionOfDone: pick(["Delivered and confirmed", "   ", null]),
          createdById: owner.memberId,
          createdAt,
        },
        created,
      );
      let at = createdAt.getTime();
      let status: CommitmentStatus = "open";
      let confirmation: ConfirmationState = "none";
      let due = dueAt;
      let resolved = false;
      for (let step = int(0, 4); step > 0; step--) {
        at += Math.floor(random() * 6 * DAY);
        // Now and then another instance's clock is behind: the event is logged a little earlier.
        const skew = random() < 0.05 ? int(1, 36) * 3_600_000 : 0;
        const event = (type: NewCommitmentEvent["type"], toStatus: CommitmentStatus | null, extra: Partial<NewCommitmentEvent> = {}): NewCommitmentEvent => ({
          type,
          actorMemberId: owner.memberId,
          at: new Date(at - skew),
          fromStatus: status,
          toStatus,
          reason: null,
          dueAtBefore: null,
          dueAtAfter: null,
          idempotencyKey: null,
          ...extra,
        });
        let patch: CommitmentPatch;
        let next: NewCommitmentEvent;
        const action = random();
        if (status === "open" && action < 0.2) {
          const later = new Date(at + int(2, 15) * DAY);
          [patch, next] = [{ dueAt: later, confirmation: "none" }, event("renegotiated", "open", { dueAtBefore: due, dueAtAfter: later })];
          due = later;
          confirmation = "none";
        } else if (status === "open" && action < 0.85) {
          const outcome = pick(["kept", "kept", "kept_late", "broken"] as const);
          // Rarely the row's resolvedAt is not the outcome's time (data from before the event log was exact).
          const resolvedAt = random() < 0.04 ? new Date(at + int(1, 200) * 3_600_000) : new Date(at);
          [patch, next] = [{ status: outcome, confirmation: "pending", resolvedAt }, event("outcome", outcome)];
          [status, confirmation, resolved] = [outcome, "pending", true];
        } else if (status === "open") {
          [patch, next] = [{ status: "withdrawn", confirmation: "none", resolvedAt: new Date(at) }, event("withdrawn", "withdrawn")];
          [status, confirmation, resolved] = ["withdrawn", "none", true];
        } else if (resolved && confirmation === "pending") {
          const disputed = action < 0.5;
          [patch, next] = [{ confirmation: disputed ? "disputed" : "confirmed" }, event(disputed ? "disputed" : "confirmed", null)];
          confirmation = disputed ? "disputed" : "confirmed";
        } else if (confirmation === "disputed") {
          const outcome = pick(["kept", "kept_late", "broken"] as const);
          [patch, next] = [{ status: outcome, confirmation: "confirmed" }, event("dispute_resolved", outcome)];
          [status, confirmation] = [outcome, "confirmed"];
        } else {
          [patch, next] = [{}, event("reminded", null)];
        }
        commitment = (await stores.commitments.applyChange(commitment.id, commitment.version, patch, next)).commitment;
      }
    }
  }

  // Pulse rounds of the pulse cadence: most people answer what they are asked.
  const pulseOrgs = organizations.map((o) => ({ id: o.id, name: o.name }));
  const lastKey = periodKeyFor(pulseCadence, new Date(now.getTime() - DAY), timezone);
  const firstKey = periodKeyFor(pulseCadence, new Date(first), timezone);
  for (let key = firstKey; ; key = shiftPeriodKey(pulseCadence, key, 1)) {
    const window = periodWindow(pulseCadence, key, timezone);
    if (window.start.getTime() >= now.getTime()) break;
    if (random() < 0.1) {
      if (key === lastKey) break;
      continue; // no round this period
    }
    const openedAt = new Date(window.start.getTime() + 2 * DAY);
    const itemKeys = itemsForRound(pulseCadence, key, base.pulse.itemsPerRound).map((i) => i.key);
    const round = await stores.pulse.openRound({ allianceId, periodKey: key, itemKeys, openedAt, closesAt: window.end });
    const invited = people.filter(() => random() < 0.9);
    await stores.pulse.addInvites(
      invited.map((p) => ({ roundId: round.id, memberId: p.memberId, organizationId: random() < 0.05 ? null : p.organizationId, sentAt: openedAt })),
    );
    const answeredOn = new Date(Date.UTC(openedAt.getUTCFullYear(), openedAt.getUTCMonth(), openedAt.getUTCDate()));
    for (const p of invited) {
      if (random() < 0.25) continue;
      const respondentOrganizationId = random() < 0.04 ? null : p.organizationId;
      for (const q of questionsFor(round, pulseOrgs, p.organizationId)) {
        if (random() < 0.08) continue;
        await stores.pulse.saveAnswer({
          roundId: round.id,
          itemKey: q.itemKey,
          respondentKey: `${round.id}:${p.memberId}`,
          respondentOrganizationId,
          targetOrganizationId: q.targetOrganizationId,
          score: random() < 0.1 ? null : int(1, 5),
          comment: random() < 0.05 ? pick(["More updates please", "Good", "Slow replies"]) : null,
          answeredOn,
        });
      }
      const invite = await stores.pulse.findInvite(round.id, p.memberId);
      if (invite && random() < 0.95) await stores.pulse.markInvite(invite.id, "completedAt", new Date(openedAt.getTime() + 3_600_000));
    }
    if (key === lastKey) break;
  }
  return { alliance, organizations, now };
}
