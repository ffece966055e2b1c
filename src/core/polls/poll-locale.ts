/**
 * The one language a poll's messages speak: its creator's, since the question (typed, or a
 * template chosen in their language) is in their words; the alliance's when the creator's is not
 * known or they were forgotten. The labels follow it, so a message never mixes two languages.
 */
import type { Locale } from "../shared/refs.js";
import type { Poll } from "./poll.js";

/** Looks up the creator's language (MemberRepository fits). */
export interface PollCreatorSource {
  get(id: string): Promise<{ locale: Locale | null; erasedAt: Date | null } | null>;
}

/** The language of `poll`'s messages. */
export async function pollLocale(poll: Pick<Poll, "createdById">, members: PollCreatorSource, allianceLocale: Locale): Promise<Locale> {
  const creator = poll.createdById ? await members.get(poll.createdById) : null;
  return creator && !creator.erasedAt && creator.locale ? creator.locale : allianceLocale;
}
