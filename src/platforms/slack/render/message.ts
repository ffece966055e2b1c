// The final assembly of every Slack message the bot sends, and the one place its top-level `text`
// is escaped. Slack parses `<!channel>`, `<!here>`, `<@U…>`, `<#C…>` and `<!subteam^…>` in a
// message's `text` just as in mrkdwn blocks, so a commitment or poll text copied into the
// notification fallback unescaped would let any member ping a whole channel. `SlackText` is a
// branded string that only `slackText` (and the bot-made `channelLink`) can produce, and
// `SlackMessage.text` demands it: a raw string cannot reach Slack's `text` field without the type
// check failing. Blocks are escaped by their renderers (per field, because blocks mix user text
// with the bot's own *bold* markup); this file never touches them, so nothing is escaped twice.
//
// Long views become several messages: at most 50 blocks and a bounded amount of block text each
// (Slack rejects more with invalid_blocks / msg_blocks_too_long), split only between blocks so
// nothing is cut mid-sentence.
import { blockTextLength, type Block } from "./blocks.js";
import { BLOCK_KIT, escapeMrkdwn, truncate } from "./limits.js";

declare const slackTextBrand: unique symbol;
/** Text as Slack's `text` field must receive it: `&`, `<` and `>` escaped, mentions inert. */
export type SlackText = string & { readonly [slackTextBrand]: true };

/**
 * A rendered Slack message: fallback text (notifications, screen readers) plus blocks. The text is
 * a `SlackText`, escaped here, so user input in it cannot mention anyone. Defined here rather than
 * in transport/slack-messenger.ts so render/ never imports transport/ (types flow one way).
 */
export interface SlackMessage {
  text: SlackText;
  // Block Kit objects as built by render/; typed loosely here because the SDK's union is huge.
  blocks?: readonly object[] | undefined;
  /** Slack message metadata (the outbox tags its posts with their dedupe key). */
  metadata?: { event_type: string; event_payload: Record<string, string> } | undefined;
}

/** Plain text (translated, possibly with user input inside) → `text` Slack shows as written. */
export function slackText(plain: string): SlackText {
  // Cut first, then escape: cutting escaped text could split an entity ("&l…").
  return escapeMrkdwn(truncate(plain, BLOCK_KIT.fallbackText)) as SlackText;
}

/** A link to a channel the bot itself chose (never user input): `<#C123>`. */
export function channelLink(channelId: string): SlackText {
  if (!/^[CGD][A-Z0-9]{2,}$/.test(channelId)) throw new Error(`not a Slack channel id: ${channelId}`);
  return `<#${channelId}>` as SlackText;
}

/** Joins escaped pieces (the result stays escaped). */
export const joinSlackText = (...parts: SlackText[]): SlackText => parts.join(" ") as SlackText;

/** A text-only message. */
export const textMessage = (plain: string): SlackMessage => ({ text: slackText(plain) });

/**
 * Splits `blocks` into messages; each gets the fallback `text` (plain text, escaped here; numbered
 * when there are several).
 */
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
  // Room for the " (10/12)" numbering, which slackText's own cut must not take off.
  const fallback = truncate(text, BLOCK_KIT.fallbackText - 8);
  return groups.map((group, i) => ({
    text: slackText(groups.length === 1 ? fallback : `${fallback} (${i + 1}/${groups.length})`),
    blocks: group,
  }));
}

/** Exactly one message (for messages that are later updated in place); throws when it cannot fit. */
export function toSingleMessage(text: string, blocks: readonly Block[]): SlackMessage {
  const [only, ...more] = toMessages(text, blocks);
  if (!only || more.length > 0) throw new Error(`message does not fit one Slack message (${blocks.length} blocks)`);
  return only;
}
