// Turns a list of blocks into one or more Slack messages: at most 50 blocks and a bounded amount
// of block text each (Slack rejects more with invalid_blocks / msg_blocks_too_long), splitting
// only between blocks so nothing is cut mid-sentence.
import type { SlackMessage } from "../transport/slack-messenger.js";
import { blockTextLength, type Block } from "./blocks.js";
import { BLOCK_KIT, truncate } from "./limits.js";

/** Splits `blocks` into messages; each gets the fallback `text` (numbered when there are several). */
export function toMessages(text: string, blocks: readonly Block[], maxBlocks: number = BLOCK_KIT.messageBlocks): SlackMessage[] {
  const groups: Block[][] = [];
  let current: Block[] = [];
  let budget = 0;
  for (const block of blocks) {
    const size = blockTextLength(block);
    if (current.length > 0 && (current.length >= maxBlocks || budget + size > BLOCK_KIT.messageBlockTextBudget)) {
      groups.push(current);
      current = [];
      budget = 0;
    }
    current.push(block);
    budget += size;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  const fallback = truncate(text, BLOCK_KIT.fallbackText);
  return groups.map((group, i) => ({
    text: groups.length === 1 ? fallback : `${fallback} (${i + 1}/${groups.length})`,
    blocks: group,
  }));
}

/** Exactly one message (for messages that are later updated in place); throws when it cannot fit. */
export function toSingleMessage(text: string, blocks: readonly Block[]): SlackMessage {
  const [only, ...more] = toMessages(text, blocks);
  if (!only || more.length > 0) throw new Error(`message does not fit one Slack message (${blocks.length} blocks)`);
  return only;
}
