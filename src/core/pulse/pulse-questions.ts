/**
 * The questions one member gets in a round: every item of the round, and for a directional item
 * one question per partner organisation plus one about the member's own organisation (that last
 * one is the self-perception that the matrix puts on its diagonal).
 */
import { findPulseItem, type PulseCategory } from "./pulse-item-bank.js";
import type { PulseAnswer, PulseRound } from "./pulse-types.js";

/** An organisation as the pulse needs it. */
export interface PulseOrganization {
  id: string;
  name: string;
}

/** One question: an item, about a target organisation or about nobody in particular. */
export interface PulseQuestion {
  itemKey: string;
  category: PulseCategory;
  /** "" for a non-directional item. */
  targetOrganizationId: string;
  /** The target's name; null for non-directional items. */
  targetName: string | null;
  /** True when the target is the respondent's own organisation. */
  self: boolean;
}

/** The member's questions in `round`, in asking order: partners by name, then one's own organisation. */
export function questionsFor(
  round: PulseRound,
  organizations: readonly PulseOrganization[],
  ownOrganizationId: string | null,
): PulseQuestion[] {
  const partners = organizations
    .filter((org) => org.id !== ownOrganizationId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const own = organizations.find((org) => org.id === ownOrganizationId);
  const questions: PulseQuestion[] = [];
  for (const key of round.itemKeys) {
    const item = findPulseItem(key);
    if (!item) continue;
    if (!item.directional) {
      questions.push({ itemKey: key, category: item.category, targetOrganizationId: "", targetName: null, self: false });
      continue;
    }
    for (const org of partners) {
      questions.push({ itemKey: key, category: item.category, targetOrganizationId: org.id, targetName: org.name, self: false });
    }
    if (own) {
      questions.push({ itemKey: key, category: item.category, targetOrganizationId: own.id, targetName: own.name, self: true });
    }
  }
  return questions;
}

/** The identity of a question or answer within a round. */
export function questionKey(q: { itemKey: string; targetOrganizationId: string }): string {
  return `${q.itemKey}\u0000${q.targetOrganizationId}`;
}

/** The questions not yet answered ("can't say" counts as an answer). */
export function unanswered(questions: readonly PulseQuestion[], answers: readonly PulseAnswer[]): PulseQuestion[] {
  const done = new Set(answers.map(questionKey));
  return questions.filter((q) => !done.has(questionKey(q)));
}
