/**
 * Pulse check-ins (DESIGN.md §2.3): open a round per period, invite members, take answers,
 * remind, and publish anonymous figures.
 *
 * Privacy by construction: answers carry a keyed hash of (round, member) instead of a member id,
 * and as their date the day the round opened, not the day they were given. Invites do record
 * who completed when (for participation and reminders); a real answer date could be joined with
 * those times to re-identify a respondent, the round's date cannot.
 */
import type { Alliance } from "../alliance/alliance.js";
import type { PersonDirectory } from "../alliance/person.js";
import type { PulseInviteRecord } from "../alliance/personal-data-sources.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/refs.js";
import { pulseFiguresFromRounds } from "./pulse-aggregation.js";
import type { PulseFigures } from "./pulse-figures.js";
import { findPulseItem } from "./pulse-item-bank.js";
import { periodKeyFor, periodWindow } from "./pulse-period.js";
import { questionsFor, unanswered, type PulseOrganization, type PulseQuestion } from "./pulse-questions.js";
import type { PulseRepository } from "./pulse-repository.js";
import { itemsForRound } from "./pulse-rotation.js";
import type { PulseAnswer, PulseInvite, PulseRound } from "./pulse-types.js";

/** Longest comment accepted, in characters. */
export const MAX_PULSE_COMMENT_LENGTH = 500;
/** A reminder goes out once, this long after the invite was sent (Officevibe reminds on day 3). */
export const PULSE_REMINDER_DELAY_MS = 48 * 3600_000;

/** Who is in the alliance; the composition root adapts the alliance module to this. */
export interface PulseDirectory {
  organizations(allianceId: string): Promise<PulseOrganization[]>;
  /** Current members; members without an organisation are not invited. */
  members(allianceId: string): Promise<Array<{ memberId: string; organizationId: string | null }>>;
}

/** Makes the respondent key of a member in a round: a keyed hash (HMAC with the server secret). */
export type RespondentHasher = (roundId: string, memberId: string) => string;

/** What the service needs. */
export interface PulseServiceDeps {
  repository: PulseRepository;
  directory: PulseDirectory;
  respondentKey: RespondentHasher;
  /**
   * Who is one person (core/alliance/person.ts). With it, a member answers on their person's
   * invite: that of the oldest of their memberships invited to the round, so a person invited on
   * two memberships answers as one respondent. Without it every member is their own person.
   */
  persons?: Pick<PersonDirectory, "membershipsOf"> | undefined;
}

/** An answer as a member gives it. */
export interface PulseAnswerInput {
  roundId: string;
  itemKey: string;
  /** The organisation a directional item is about; omit or "" for other items. */
  targetOrganizationId?: string;
  /** 1..5, or null for "can't say". */
  score: number | null;
  comment?: string | null;
}

/** A question with the member's current answer (null = not answered yet). */
export interface PendingQuestion extends PulseQuestion {
  answer: { score: number | null; comment: string | null } | null;
}

/** A round the member is invited to and that is still open. */
export interface PendingPulse {
  round: PulseRound;
  invite: PulseInvite;
  questions: PendingQuestion[];
  remaining: number;
}


/** The result of recording an answer. */
export interface RecordedAnswer {
  answer: PulseAnswer;
  /** Questions of the round still unanswered by this member. */
  remaining: number;
  /** True when this answer completed the member's round. */
  completed: boolean;
}

/** Builds the pulse service. */
export function createPulseService(deps: PulseServiceDeps) {
  /**
   * The published figures of several windows (each a list of period keys) from ONE read of the
   * rounds they span (issue 12: the summary's windows overlap; each round is read once and each
   * window's figures are combined from the per-round aggregates).
   */
  async function windows(alliance: Alliance, periodKeys: ReadonlyArray<readonly string[]>): Promise<PulseFigures[]> {
    const all = [...new Set(periodKeys.flat())];
    const [rounds, organizations] = await Promise.all([
      all.length > 0 ? deps.repository.roundAggregates(alliance.id, all) : [],
      deps.directory.organizations(alliance.id),
    ]);
    return periodKeys.map((keys) => {
      const wanted = new Set(keys);
      return pulseFiguresFromRounds({
        allianceId: alliance.id,
        anonymityThreshold: alliance.anonymityThreshold,
        organizations,
        rounds: rounds.filter((r) => wanted.has(r.round.periodKey)),
      });
    });
  }

  const { repository, directory } = deps;

  const membershipsOf = (memberId: string): Promise<string[]> =>
    deps.persons ? deps.persons.membershipsOf(memberId) : Promise.resolve([memberId]);

  /**
   * The invite the member answers a round on: their person's oldest invited membership's (a
   * person invited twice before their memberships were known to be one answers under one key;
   * after the merge in person-pulse-answers.ts the newer invite is gone), else null.
   */
  async function inviteOfPerson(roundId: string, memberId: string): Promise<PulseInvite | null> {
    for (const id of await membershipsOf(memberId)) {
      const invite = await repository.findInvite(roundId, id);
      if (invite) return invite;
    }
    return null;
  }

  async function loadRound(roundId: string): Promise<PulseRound> {
    const round = await repository.findRound(roundId);
    if (!round) throw new DomainError("NOT_FOUND", `pulse round ${roundId}`);
    return round;
  }

  return {
    /**
     * Opens the round of the period containing `now` (idempotent per period) and invites every
     * member with an organisation; calling it again invites members who joined since.
     */
    async openRound(alliance: Alliance, now: Date): Promise<{ round: PulseRound; invites: PulseInvite[] }> {
      const { cadence, itemsPerRound } = alliance.pulse;
      const periodKey = periodKeyFor(cadence, now, alliance.timezone);
      const round = await repository.openRound({
        allianceId: alliance.id,
        periodKey,
        itemKeys: itemsForRound(cadence, periodKey, itemsPerRound).map((item) => item.key),
        openedAt: now,
        closesAt: periodWindow(cadence, periodKey, alliance.timezone).end,
      });
      const members = await directory.members(alliance.id);
      await repository.addInvites(
        members
          .filter((m) => m.organizationId !== null)
          .map((m) => ({ roundId: round.id, memberId: m.memberId, organizationId: m.organizationId, sentAt: null })),
      );
      return { round, invites: await repository.invitesOfRound(round.id) };
    },

    /** Everyone invited to the round. */
    invitees: (roundId: string): Promise<PulseInvite[]> => repository.invitesOfRound(roundId),

    /** Records that the invite was delivered (first delivery wins). */
    markSent: (inviteId: string, at: Date): Promise<void> => repository.markInvite(inviteId, "sentAt", at),

    /**
     * Stores (or replaces) the member's answer to one question. Refuses a closed round
     * (PULSE_ROUND_CLOSED), an item not in the round, a score outside 1–5, a too-long comment,
     * an unknown target and members who were not invited.
     */
    async recordAnswer(actor: Actor, input: PulseAnswerInput, now: Date): Promise<RecordedAnswer> {
      const round = await loadRound(input.roundId);
      if (round.allianceId !== actor.allianceId) throw new DomainError("NOT_FOUND", "round of another alliance");
      if (now.getTime() >= round.closesAt.getTime()) {
        throw new DomainError("PULSE_ROUND_CLOSED", `round ${round.periodKey} closed`, { periodKey: round.periodKey });
      }
      const item = findPulseItem(input.itemKey);
      if (!item || !round.itemKeys.includes(input.itemKey)) {
        throw new DomainError("PULSE_UNKNOWN_ITEM", `item ${input.itemKey} not in round`, { itemKey: input.itemKey });
      }
      const score = input.score;
      if (score !== null && !(Number.isInteger(score) && score >= 1 && score <= 5)) {
        throw new DomainError("PULSE_INVALID_SCORE", `score ${String(score)}`);
      }
      const comment = input.comment?.trim() || null;
      if (comment !== null && [...comment].length > MAX_PULSE_COMMENT_LENGTH) {
        throw new DomainError("PULSE_COMMENT_TOO_LONG", "comment too long", { max: MAX_PULSE_COMMENT_LENGTH });
      }
      const organizations = await directory.organizations(round.allianceId);
      const target = input.targetOrganizationId ?? "";
      if (item.directional ? !organizations.some((org) => org.id === target) : target !== "") {
        throw new DomainError("PULSE_UNKNOWN_TARGET", `target ${target} for ${item.key}`);
      }
      const invite = await inviteOfPerson(round.id, actor.memberId);
      if (!invite) throw new DomainError("PULSE_NOT_INVITED", `member not invited to ${round.periodKey}`);

      // The invited membership's key: one person answering from two spaces is one respondent.
      const respondentKey = deps.respondentKey(round.id, invite.memberId);
      const answer: PulseAnswer = {
        roundId: round.id,
        itemKey: item.key,
        respondentKey,
        // The organisation at invite time, so answers and participation count the same people.
        respondentOrganizationId: invite.organizationId,
        targetOrganizationId: target,
        score,
        comment,
        answeredOn: new Date(Date.UTC(round.openedAt.getUTCFullYear(), round.openedAt.getUTCMonth(), round.openedAt.getUTCDate())),
      };
      await repository.saveAnswer(answer);
      const questions = questionsFor(round, organizations, invite.organizationId);
      const remaining = unanswered(questions, await repository.answersOf(round.id, respondentKey)).length;
      const completed = remaining === 0 && invite.completedAt === null;
      if (completed) await repository.markInvite(invite.id, "completedAt", now);
      return { answer, remaining, completed };
    },

    /** Marks the member's invite completed (e.g. they pressed "done" after skipping questions). */
    async completeInvite(roundId: string, memberId: string, now: Date): Promise<void> {
      const invite = await inviteOfPerson(roundId, memberId);
      if (!invite) throw new DomainError("PULSE_NOT_INVITED", `member not invited to round ${roundId}`);
      await repository.markInvite(invite.id, "completedAt", now);
    },

    /**
     * The open rounds the member's person is invited to (on any of their memberships, each round
     * once, on the oldest invited membership), with their questions and the person's own answers.
     */
    async pendingFor(actor: Actor, now: Date): Promise<PendingPulse[]> {
      const byRound = new Map<string, PulseInvite>();
      for (const id of await membershipsOf(actor.memberId)) {
        for (const invite of await repository.openInvitesOf(id, now)) {
          if (!byRound.has(invite.roundId)) byRound.set(invite.roundId, invite);
        }
      }
      const pending: PendingPulse[] = [];
      for (const invite of byRound.values()) {
        const round = await loadRound(invite.roundId);
        const organizations = await directory.organizations(round.allianceId);
        const answers = await repository.answersOf(round.id, deps.respondentKey(round.id, invite.memberId));
        const byQuestion = new Map(answers.map((a) => [`${a.itemKey}\u0000${a.targetOrganizationId}`, a]));
        const questions = questionsFor(round, organizations, invite.organizationId).map((q) => {
          const a = byQuestion.get(`${q.itemKey}\u0000${q.targetOrganizationId}`);
          return { ...q, answer: a ? { score: a.score, comment: a.comment } : null };
        });
        pending.push({ round, invite, questions, remaining: questions.filter((q) => q.answer === null).length });
      }
      // Oldest round first, as openInvitesOf lists one membership's.
      return pending.sort((a, b) => a.round.openedAt.getTime() - b.round.openedAt.getTime());
    },

    /**
     * Claims the alliance's reminders due at `now`: invites delivered at least 48 h ago, not
     * completed, not reminded, in its rounds still open. Each invite is reminded once; a second
     * call returns nothing. Per alliance, because each alliance's reminder job runs in its own
     * time zone and claim: one alliance's job must not send (or use up) another's reminders.
     */
    async reminders(allianceId: string, now: Date): Promise<Array<{ round: PulseRound; invite: PulseInvite }>> {
      const due: Array<{ round: PulseRound; invite: PulseInvite }> = [];
      const rounds = (await repository.openRoundsAt(now)).filter((round) => round.allianceId === allianceId);
      for (const round of rounds) {
        for (const invite of await repository.invitesOfRound(round.id)) {
          if (invite.sentAt === null || invite.completedAt !== null || invite.remindedAt !== null) continue;
          if (now.getTime() - invite.sentAt.getTime() < PULSE_REMINDER_DELAY_MS) continue;
          await repository.markInvite(invite.id, "remindedAt", now);
          due.push({ round, invite: { ...invite, remindedAt: now } });
        }
      }
      return due;
    },

    /** The published figures of one period or several (k from the alliance's settings). */
    async aggregates(alliance: Alliance, periods: string | readonly string[]): Promise<PulseFigures> {
      return (await windows(alliance, [typeof periods === "string" ? [periods] : periods]))[0]!;
    },

    windows,

    /**
     * The member's invites for "my data" (who was asked and when; never what they answered).
     * With `deleteInvitesOfMember` this is the PulseInviteStore the privacy service expects.
     */
    async invitesOfMember(allianceId: string, memberId: string): Promise<PulseInviteRecord[]> {
      const iso = (d: Date | null) => (d === null ? null : d.toISOString());
      return (await repository.invitesOfMember(allianceId, memberId)).map((i) => ({
        roundId: i.roundId,
        periodKey: i.periodKey,
        sentAt: iso(i.sentAt),
        completedAt: iso(i.completedAt),
        remindedAt: iso(i.remindedAt),
      }));
    },

    /** "Forget me": deletes the member's invites; their answers were never linked to them. */
    deleteInvitesOfMember: (allianceId: string, memberId: string): Promise<number> =>
      repository.deleteInvitesOf(allianceId, memberId),
  };
}

/** The pulse service's use cases. */
export type PulseService = ReturnType<typeof createPulseService>;
