// In-memory PulseRepository for unit tests and the contract suite's reference run.
import { randomUUID } from "node:crypto";
import type { PulseRepository } from "#core/pulse/pulse-repository.js";
import { aggregateRoundAnswers, type PulseRoundAggregate } from "#core/pulse/pulse-round-aggregates.js";
import { clonePlain } from "./clone-plain.js";
import type { NewPulseInvite, NewPulseRound, PulseAnswer, PulseInvite, PulseRound } from "#core/pulse/pulse-types.js";

const copyRound = (r: PulseRound): PulseRound => ({ ...r, itemKeys: [...r.itemKeys] });
const copy = <T extends object>(value: T): T => ({ ...value });

// Round, item, target, respondent: the content order the Prisma repository reads answers in.
function answerKey(a: Pick<PulseAnswer, "roundId" | "itemKey" | "respondentKey" | "targetOrganizationId">): string {
  return [a.roundId, a.itemKey, a.targetOrganizationId, a.respondentKey].join("\u0000");
}

/** Orders answers by content (their answerKey), never by arrival, as the Prisma repository does. */
function sortedByContent(answers: Iterable<[key: string, answer: PulseAnswer]>): PulseAnswer[] {
  return [...answers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, answer]) => copy(answer));
}

/** A PulseRepository in memory. */
export class InMemoryPulseRepository implements PulseRepository {
  private readonly rounds = new Map<string, PulseRound>();
  private readonly invites = new Map<string, PulseInvite>();
  /** Invite ids by round and member: recordAnswer looks one up for every answer. */
  private readonly inviteIndex = new Map<string, string>();
  /** Answers per round, each by answerKey: the service reads them per round, the simulation suite often. */
  private readonly answers = new Map<string, Map<string, PulseAnswer>>();
  /** Answers per round and respondent, for answersOf (called after every answer). */
  private readonly byRespondent = new Map<string, Map<string, PulseAnswer>>();
  /** Each round's answers sorted by content, kept until the round gets a new answer. */
  private readonly sortedRounds = new Map<string, PulseAnswer[]>();

  async openRound(round: NewPulseRound): Promise<PulseRound> {
    // Check and insert without an await in between, so concurrent opens see each other.
    const existing = [...this.rounds.values()].find(
      (r) => r.allianceId === round.allianceId && r.periodKey === round.periodKey,
    );
    if (existing) return copyRound(existing);
    const created: PulseRound = { ...round, id: randomUUID(), itemKeys: [...round.itemKeys] };
    this.rounds.set(created.id, created);
    return copyRound(created);
  }

  async findRound(roundId: string): Promise<PulseRound | null> {
    const round = this.rounds.get(roundId);
    return round ? copyRound(round) : null;
  }

  async findRoundByPeriod(allianceId: string, periodKey: string): Promise<PulseRound | null> {
    for (const round of this.rounds.values()) {
      if (round.allianceId === allianceId && round.periodKey === periodKey) return copyRound(round);
    }
    return null;
  }

  async roundsByPeriods(allianceId: string, periodKeys: readonly string[]): Promise<PulseRound[]> {
    return [...this.rounds.values()]
      .filter((r) => r.allianceId === allianceId && periodKeys.includes(r.periodKey))
      .sort((a, b) => a.periodKey.localeCompare(b.periodKey))
      .map(copyRound);
  }

  async openRoundsAt(now: Date): Promise<PulseRound[]> {
    return [...this.rounds.values()]
      .filter((r) => r.openedAt.getTime() <= now.getTime() && now.getTime() < r.closesAt.getTime())
      .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || a.id.localeCompare(b.id))
      .map(copyRound);
  }

  async addInvites(invites: readonly NewPulseInvite[]): Promise<void> {
    for (const invite of invites) {
      const key = `${invite.roundId}\u0000${invite.memberId}`;
      if (this.inviteIndex.has(key)) continue;
      const id = randomUUID();
      this.invites.set(id, { ...invite, id, completedAt: null, remindedAt: null });
      this.inviteIndex.set(key, id);
    }
  }

  async invitesOfRound(roundId: string): Promise<PulseInvite[]> {
    return [...this.invites.values()]
      .filter((i) => i.roundId === roundId)
      .sort((a, b) => a.memberId.localeCompare(b.memberId))
      .map(copy);
  }

  async findInvite(roundId: string, memberId: string): Promise<PulseInvite | null> {
    const invite = this.invites.get(this.inviteIndex.get(`${roundId}\u0000${memberId}`) ?? "");
    return invite ? copy(invite) : null;
  }

  async openInvitesOf(memberId: string, now: Date): Promise<PulseInvite[]> {
    const open = new Set((await this.openRoundsAt(now)).map((r) => r.id));
    return [...this.invites.values()]
      .filter((i) => i.memberId === memberId && open.has(i.roundId))
      .sort((a, b) => this.rounds.get(a.roundId)!.openedAt.getTime() - this.rounds.get(b.roundId)!.openedAt.getTime())
      .map(copy);
  }

  async markInvite(inviteId: string, field: "sentAt" | "completedAt" | "remindedAt", at: Date): Promise<void> {
    const invite = this.invites.get(inviteId);
    if (invite && invite[field] === null) invite[field] = new Date(at.getTime());
  }

  async invitesOfMember(allianceId: string, memberId: string): Promise<Array<PulseInvite & { periodKey: string }>> {
    return [...this.invites.values()]
      .filter((i) => i.memberId === memberId && this.rounds.get(i.roundId)?.allianceId === allianceId)
      .map((i) => ({ ...i, periodKey: this.rounds.get(i.roundId)!.periodKey, openedAt: this.rounds.get(i.roundId)!.openedAt }))
      .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())
      .map(({ openedAt: _openedAt, ...invite }) => invite);
  }

  async deleteInvitesOf(allianceId: string, memberId: string): Promise<number> {
    let deleted = 0;
    for (const [id, invite] of this.invites) {
      if (invite.memberId === memberId && this.rounds.get(invite.roundId)?.allianceId === allianceId) {
        this.invites.delete(id);
        this.inviteIndex.delete(`${invite.roundId}\u0000${invite.memberId}`);
        deleted++;
      }
    }
    return deleted;
  }

  async mergeRespondent(
    roundId: string,
    into: { memberId: string; respondentKey: string },
    from: { memberId: string; respondentKey: string },
  ): Promise<{ merged: boolean; movedAnswers: number }> {
    // No await until done: the merge is one step, as the Prisma transaction is.
    const intoInvite = this.invites.get(this.inviteIndex.get(`${roundId}\u0000${into.memberId}`) ?? "");
    const fromInvite = this.invites.get(this.inviteIndex.get(`${roundId}\u0000${from.memberId}`) ?? "");
    if (!intoInvite || !fromInvite || intoInvite === fromInvite) return { merged: false, movedAnswers: 0 };
    const round = this.answers.get(roundId);
    const fromKey = `${roundId}\u0000${from.respondentKey}`;
    let movedAnswers = 0;
    if (round && from.respondentKey !== into.respondentKey) {
      for (const [key, answer] of this.byRespondent.get(fromKey) ?? []) {
        round.delete(key);
        const moved: PulseAnswer = { ...answer, respondentKey: into.respondentKey, respondentOrganizationId: intoInvite.organizationId };
        if (round.has(answerKey(moved))) continue;
        this.storeAnswer(moved);
        movedAnswers++;
      }
      this.byRespondent.delete(fromKey);
      this.sortedRounds.delete(roundId);
    }
    for (const field of ["sentAt", "completedAt", "remindedAt"] as const) {
      if (intoInvite[field] === null && fromInvite[field] !== null) intoInvite[field] = new Date(fromInvite[field].getTime());
    }
    this.invites.delete(fromInvite.id);
    this.inviteIndex.delete(`${roundId}\u0000${from.memberId}`);
    return { merged: true, movedAnswers };
  }

  async saveAnswer(answer: PulseAnswer): Promise<void> {
    if (!this.rounds.has(answer.roundId)) throw new Error(`unknown pulse round ${answer.roundId}`);
    this.storeAnswer(answer);
  }

  private storeAnswer(answer: PulseAnswer): void {
    let round = this.answers.get(answer.roundId);
    if (!round) this.answers.set(answer.roundId, (round = new Map()));
    const key = answerKey(answer);
    round.set(key, copy(answer));
    const respondentKey = `${answer.roundId}\u0000${answer.respondentKey}`;
    let mine = this.byRespondent.get(respondentKey);
    if (!mine) this.byRespondent.set(respondentKey, (mine = new Map()));
    mine.set(key, round.get(key)!);
    this.sortedRounds.delete(answer.roundId);
  }

  async answersOf(roundId: string, respondentKey: string): Promise<PulseAnswer[]> {
    return sortedByContent(this.byRespondent.get(`${roundId}\u0000${respondentKey}`)?.entries() ?? []);
  }

  async answersOfRounds(roundIds: readonly string[]): Promise<PulseAnswer[]> {
    // answerKey starts with the round id, so the content order is the rounds in id order, each sorted.
    return [...new Set(roundIds)].sort().flatMap((id) => this.sortedRound(id).map(copy));
  }

  async roundAggregates(allianceId: string, periodKeys: readonly string[]): Promise<PulseRoundAggregate[]> {
    const rounds = await this.roundsByPeriods(allianceId, periodKeys);
    const invites = [...this.invites.values()];
    return rounds.map((round) => clonePlain(aggregateRoundAnswers(round, invites, [...(this.answers.get(round.id)?.values() ?? [])])));
  }

  private sortedRound(roundId: string): PulseAnswer[] {
    let sorted = this.sortedRounds.get(roundId);
    if (!sorted) this.sortedRounds.set(roundId, (sorted = sortedByContent(this.answers.get(roundId)?.entries() ?? [])));
    return sorted;
  }
}
