// In-memory PulseRepository for unit tests and the contract suite's reference run.
import { randomUUID } from "node:crypto";
import type { PulseRepository } from "../../core/pulse/pulse-repository.js";
import type { NewPulseInvite, NewPulseRound, PulseAnswer, PulseInvite, PulseRound } from "../../core/pulse/pulse-types.js";

const copyRound = (r: PulseRound): PulseRound => ({ ...r, itemKeys: [...r.itemKeys] });
const copy = <T extends object>(value: T): T => ({ ...value });

function answerKey(a: Pick<PulseAnswer, "roundId" | "itemKey" | "respondentKey" | "targetOrganizationId">): string {
  return [a.roundId, a.itemKey, a.respondentKey, a.targetOrganizationId].join("\u0000");
}

/** Orders answers by content, never by arrival, as the Prisma repository does (keys computed once). */
function sortedByContent(answers: Iterable<PulseAnswer>): PulseAnswer[] {
  return [...answers]
    .map((answer) => ({ key: answerKey(answer), answer }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ answer }) => copy(answer));
}

/** A PulseRepository in memory. */
export class InMemoryPulseRepository implements PulseRepository {
  private readonly rounds = new Map<string, PulseRound>();
  private readonly invites = new Map<string, PulseInvite>();
  /** Answers per round, each by answerKey: the service reads them per round, the simulation suite often. */
  private readonly answers = new Map<string, Map<string, PulseAnswer>>();

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
      const taken = [...this.invites.values()].some((i) => i.roundId === invite.roundId && i.memberId === invite.memberId);
      if (taken) continue;
      const id = randomUUID();
      this.invites.set(id, { ...invite, id, completedAt: null, remindedAt: null });
    }
  }

  async invitesOfRound(roundId: string): Promise<PulseInvite[]> {
    return [...this.invites.values()]
      .filter((i) => i.roundId === roundId)
      .sort((a, b) => a.memberId.localeCompare(b.memberId))
      .map(copy);
  }

  async findInvite(roundId: string, memberId: string): Promise<PulseInvite | null> {
    for (const invite of this.invites.values()) {
      if (invite.roundId === roundId && invite.memberId === memberId) return copy(invite);
    }
    return null;
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
        deleted++;
      }
    }
    return deleted;
  }

  async saveAnswer(answer: PulseAnswer): Promise<void> {
    if (!this.rounds.has(answer.roundId)) throw new Error(`unknown pulse round ${answer.roundId}`);
    let round = this.answers.get(answer.roundId);
    if (!round) this.answers.set(answer.roundId, (round = new Map()));
    round.set(answerKey(answer), copy(answer));
  }

  async answersOf(roundId: string, respondentKey: string): Promise<PulseAnswer[]> {
    return sortedByContent([...(this.answers.get(roundId)?.values() ?? [])].filter((a) => a.respondentKey === respondentKey));
  }

  async answersOfRounds(roundIds: readonly string[]): Promise<PulseAnswer[]> {
    return sortedByContent([...new Set(roundIds)].flatMap((id) => [...(this.answers.get(id)?.values() ?? [])]));
  }
}
