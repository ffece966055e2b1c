/**
 * One person in several spaces (issue 10, "People"): a member of a Slack workspace and a member of
 * a Teams organisation of the same alliance with the same VERIFIED e-mail (any case) are one
 * person. They vote with one ballot (a vote in the second space changes the same ballot), get one
 * pulse invitation per round and count once in participation — always as the oldest of those
 * members, so the person's ballot and invitation do not move when a newer membership appears.
 * An e-mail counts only when the platform vouches for it (Member.emailVerified); a member without
 * one is a person of their own.
 */
import type { Member } from "./member.js";
import type { MemberRepository } from "./member-repository.js";

/** Finds the member who stands for a member's person. */
export interface PersonDirectory {
  /** The id of the oldest current member of the alliance with `memberId`'s verified e-mail; else `memberId`. */
  personOf(memberId: string): Promise<string>;
  /**
   * Every current member of the alliance that is `memberId`'s person, oldest first (`memberId`
   * itself among them); just `memberId` when it has no verified e-mail.
   */
  membershipsOf(memberId: string): Promise<string[]>;
}

/** The person key of a member: their verified e-mail (lower case), else their own id. */
export function personKeyOf(member: Pick<Member, "id" | "email" | "emailVerified">): string {
  const email = member.emailVerified ? member.email?.trim().toLowerCase() : "";
  return email ? `email:${email}` : `member:${member.id}`;
}

/**
 * Keeps one member per person: the first of each in `members` (pass them oldest first, as the
 * member repository lists them, so the one kept is the oldest).
 */
export function onePerPerson<T extends Pick<Member, "id" | "email" | "emailVerified">>(members: readonly T[]): T[] {
  const seen = new Set<string>();
  return members.filter((member) => {
    const key = personKeyOf(member);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The person directory over the member repository. */
export function createPersonDirectory(members: Pick<MemberRepository, "get" | "listByVerifiedEmail">): PersonDirectory {
  return {
    async personOf(memberId) {
      const member = await members.get(memberId);
      if (!member || member.erasedAt || !member.emailVerified || !member.email) return memberId;
      const same = await members.listByVerifiedEmail(member.allianceId, member.email);
      return same[0]?.id ?? memberId;
    },
    async membershipsOf(memberId) {
      const member = await members.get(memberId);
      if (!member || member.erasedAt || !member.emailVerified || !member.email) return [memberId];
      const ids = (await members.listByVerifiedEmail(member.allianceId, member.email)).map((m) => m.id);
      return ids.includes(memberId) ? ids : [...ids, memberId];
    },
  };
}
