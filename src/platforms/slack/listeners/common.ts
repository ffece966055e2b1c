// Helpers every listener shares: reading who acts from a payload, turning errors into the
// user's language, and answering privately after the ack (response_url).
import type { RespondFn } from "@slack/bolt";
import { hasMessage, translate, type MessageParams } from "#core/i18n/catalogue.js";
import { isDomainError } from "#core/shared/errors.js";
import type { Locale } from "#core/shared/refs.js";
import type { Logger } from "#src/logger.js";
import { textMessage } from "../render/message.js";
import { isFirstDelivery } from "../transport/retry-dedupe.js";
import type { SlackMessage } from "../transport/slack-messenger.js";
import { commandSchema, interactionUserSchema, type CommandPayload } from "../payloads.js";
import type { WorkLimiter } from "../services/work-limiter.js";
import type { ActorResolver, ResolveOptions, SlackActor, SlackIdentity } from "../session/slack-actor.js";

/** How Slack users ask, for error texts that tell them what to type (`{commit} list mine`). */
const SLACK_COMMANDS: MessageParams = { commit: "/commit", poll: "/poll", pulse: "/pulse" };

/** The user-facing text for `error`: the catalogue's `error.<CODE>`, or the generic apology. */
export function errorText(locale: Locale, error: unknown): string {
  if (isDomainError(error)) {
    const key = `error.${error.code}`;
    if (hasMessage(key)) return translate(locale, key, { ...SLACK_COMMANDS, ...(error.details as MessageParams) });
  }
  return translate(locale, "error.unexpected");
}

/** The identity of a slash command's sender. */
export function commandIdentity(command: CommandPayload): SlackIdentity {
  return { teamId: command.team_id, userId: command.user_id, userName: command.user_name };
}

/** Parses the slash command fields we read (throws on a malformed payload). */
export const parseCommand = (raw: unknown): CommandPayload => commandSchema.parse(raw);

/** The identity of whoever clicked or submitted. */
export function interactionIdentity(body: unknown): SlackIdentity {
  const parsed = interactionUserSchema.parse(body);
  return {
    teamId: parsed.team?.id ?? parsed.user.team_id ?? "",
    userId: parsed.user.id,
    userTeamId: parsed.user.team_id,
    userName: parsed.user.username ?? parsed.user.name,
  };
}

/**
 * Answers through response_url (no Web API rate limit): privately unless `inChannel`. The only
 * place listeners call `respond`, so every answer's `text` is a `SlackText` (escaped by
 * render/message.ts) and user input in it cannot mention anyone.
 */
export async function respondWith(respond: RespondFn, message: SlackMessage, options: { inChannel?: boolean; replace?: boolean } = {}): Promise<void> {
  await respond({
    response_type: options.inChannel ? "in_channel" : "ephemeral",
    replace_original: options.replace ?? false,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks as never } : {}),
  });
}

/** Posts a private plain-text answer to the user through response_url. */
export async function replyPrivately(respond: RespondFn, text: string): Promise<void> {
  await respondWith(respond, textMessage(text));
}

/**
 * Runs the work that follows an ack, once per request (a replay, see transport/retry-dedupe.ts,
 * does nothing); a failure is logged and reported to the user in their
 * language instead of vanishing (Slack already got its 200).
 */
export async function afterAck(
  ctx: { logger: Logger; limiter: WorkLimiter },
  respond: RespondFn | undefined,
  locale: () => Locale,
  work: () => Promise<void>,
): Promise<void> {
  const { logger } = ctx;
  try {
    // A replayed command or click (same trigger_id) was acked like any other and stops here.
    if (!(await isFirstDelivery())) return;
    await ctx.limiter.run(work);
  } catch (error) {
    if (!isDomainError(error)) logger.error({ err: error }, "Slack listener failed after ack");
    if (respond) await replyPrivately(respond, errorText(locale(), error)).catch(() => {});
  }
}

/**
 * Runs the work that follows an ack as the member behind `identity`. The identity is read inside,
 * so a malformed payload is reported like any other failure; errors reach the member in their
 * language (English until the member is known).
 */
export async function afterAckAsMember(
  ctx: { logger: Logger; limiter: WorkLimiter; resolveActor: ActorResolver },
  respond: RespondFn | undefined,
  identity: () => SlackIdentity,
  client: Parameters<ActorResolver>[1],
  work: (actor: SlackActor) => Promise<void>,
  options: ResolveOptions = {},
): Promise<void> {
  let locale: Locale = "en";
  await afterAck(ctx, respond, () => locale, async () => {
    const actor = await ctx.resolveActor(identity(), client, options);
    locale = actor.locale;
    await work(actor);
  });
}
