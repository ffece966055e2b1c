// Routes incoming activities: typed commands to the feature that owns the word, button presses
// (Action.Execute invokes and Action.Submit messages alike) to the feature that owns the verb.
// Identity, the conversation reference, error wording and sending happen here, once.
import type { AdaptiveCardActionResponse } from "@microsoft/teams.api";
import { z } from "zod";
import { translate } from "#core/i18n/catalogue.js";
import { isDomainError } from "#core/shared/errors.js";
import { COMMAND_TEXT_MAX } from "#core/shared/input-limits.js";
import type { Logger } from "#src/logger.js";
import type { ProcessedEventRepository } from "#core/alliance/processed-event-repository.js";
import { parseCommand, type TeamsCommand } from "../commands/command-parser.js";
import type { CardRender } from "../render/render-types.js";
import { toInvokeAnswer, toMessage } from "../render/to-message.js";
import { IN_TURN_POLICY } from "../transport/send-queue.js";
import type { TeamsConnector } from "../transport/teams-connector.js";
import type { ActionHandler, ActionResult, CommandHandler, Reply, TeamsFeature } from "./feature-types.js";
import { commandTextOf, parseInbound, type InboundActivity } from "./inbound-activity.js";
import { openTurn, type Turn, type TurnDeps } from "./turn.js";
import { userErrorText } from "./user-errors.js";

/** What the Universal Actions invoke answers: a card to show in place, a message, or an error. */
export type CardActionResponse = AdaptiveCardActionResponse;

/**
 * The invoke body of Action.Execute: a button press (trigger "manual"), or Teams fetching a
 * viewer's own version of a card with a `refresh` clause (trigger "automatic").
 */
const executeSchema = z.object({
  action: z.object({ type: z.literal("Action.Execute"), verb: z.string().min(1).max(64), data: z.record(z.string(), z.unknown()).optional() }),
  trigger: z.enum(["automatic", "manual"]).optional(),
});
/** What Action.Submit puts in a message's `value`: our button data plus input values. */
const submitSchema = z.object({ verb: z.string().min(1).max(64) }).loose();

/** Dependencies of the dispatcher. */
export interface DispatcherDeps extends TurnDeps {
  connector: TeamsConnector;
  features: readonly TeamsFeature[];
  logger: Logger;
  /** Drops a message Teams delivers twice (it retries when we answer slowly); optional. */
  processedEvents?: ProcessedEventRepository | undefined;
  now?: () => Date;
  /** Answers a message that is not a command (default: "I didn't understand"). */
  onUnknown?: (turn: Turn, text: string, reply: Reply) => Promise<void>;
  /** The "which organisation?" card, shown instead of the error text when a call needs the member's organisation. */
  askOrganization?: (turn: Turn) => Promise<CardRender>;
}

/** The three entry points the SDK routes call. */
export interface Dispatcher {
  onMessage(raw: unknown): Promise<void>;
  onCardAction(raw: unknown): Promise<CardActionResponse>;
  /** Runs `work` for a turn of an already-parsed activity (install events use it). */
  withTurn(activity: InboundActivity, work: (turn: Turn, reply: Reply) => Promise<void>): Promise<void>;
}

/** Builds the dispatcher from the features' commands and verbs. */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const commands = new Map<TeamsCommand, CommandHandler>();
  const actions = new Map<string, ActionHandler>();
  const refreshVerbs = new Set<string>();
  for (const feature of deps.features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {})) if (handler) commands.set(name as TeamsCommand, handler);
    for (const [verb, handler] of Object.entries(feature.actions ?? {})) actions.set(verb, handler);
    for (const verb of feature.refreshVerbs ?? []) refreshVerbs.add(verb);
  }

  const replier = (turn: Turn): Reply => (render: CardRender) => deps.connector.send(turn.target, toMessage(render), IN_TURN_POLICY);

  /** The chooser when `error` is the member's own missing organisation (not another owner's). */
  const organizationPrompt = async (turn: Turn, error: unknown): Promise<CardRender | null> => {
    if (!deps.askOrganization || turn.member.organizationId !== null || !isDomainError(error, "MEMBER_WITHOUT_ORGANIZATION")) return null;
    const whose = error.details.memberId;
    return whose === undefined || whose === turn.member.memberId ? deps.askOrganization(turn) : null;
  };

  const report = async (turn: Turn, error: unknown, reply: Reply) => {
    const prompt = await organizationPrompt(turn, error).catch(() => null);
    if (prompt) return void (await reply(prompt).catch((sendError: unknown) => deps.logger.warn({ err: sendError }, "could not ask for the organisation")));
    const { text, expected } = userErrorText(error, turn.locale);
    if (!expected) deps.logger.error({ err: error, activityType: turn.activity.type }, "Teams handler failed");
    await reply({ text }).catch((sendError: unknown) => deps.logger.warn({ err: sendError }, "could not tell the user about an error"));
  };

  async function withTurn(activity: InboundActivity, work: (turn: Turn, reply: Reply) => Promise<void>): Promise<void> {
    const turn = await openTurn(activity, deps);
    const reply = replier(turn);
    try {
      await work(turn, reply);
    } catch (error) {
      await report(turn, error, reply);
    }
  }

  /** Runs the command typed in `turn.activity`; false when it is not one. Errors are reported. */
  async function runCommand(turn: Turn, reply: Reply): Promise<boolean> {
    const parsed = parseCommand(commandTextOf(turn.activity));
    const handler = parsed ? commands.get(parsed.command) : undefined;
    if (!parsed || !handler) return false;
    try {
      await handler({ turn, args: parsed.args, reply });
    } catch (error) {
      await report(turn, error, reply);
    }
    return true;
  }

  async function runAction(turn: Turn, verb: string, data: Record<string, unknown>, cardActivityId: string | null): Promise<ActionResult> {
    const handler = actions.get(verb);
    if (!handler) return { kind: "message", text: translate(turn.locale, "teams.card.expired") };
    try {
      return await handler({ turn, verb, data, cardActivityId, reply: replier(turn), runCommand: async (next) => void (await runCommand(next, replier(next))) });
    } catch (error) {
      const prompt = await organizationPrompt(turn, error).catch(() => null);
      if (prompt) return { kind: "card", render: prompt };
      const { text, expected } = userErrorText(error, turn.locale);
      if (!expected) deps.logger.error({ err: error, verb }, "Teams card action failed");
      return { kind: "message", text };
    }
  }

  /**
   * Claims the activity in the processed-events table (atomic across instances). Activity ids are
   * unique within a conversation, so a redelivered or replayed activity (message, card submit or
   * Action.Execute) is seen as such and changes nothing.
   */
  async function firstDelivery(activity: { id?: string | undefined; conversation: { id: string } }): Promise<boolean> {
    if (!activity.id || !deps.processedEvents) return true;
    return deps.processedEvents.markProcessed(`teams:${activity.conversation.id}:${activity.id}`, deps.now?.() ?? new Date());
  }

  return {
    withTurn,

    async onMessage(raw) {
      const activity = parseInbound(raw);
      if (!activity) return;
      if (!(await firstDelivery(activity))) return;
      await withTurn(activity, async (turn, reply) => {
        const submitted = submitSchema.safeParse(activity.value);
        if (submitted.success && !activity.text) {
          // Action.Submit (clients without Universal Actions): update the card in place if we can.
          const { verb, ...data } = submitted.data;
          const result = await runAction(turn, verb, data, activity.replyToId ?? null);
          if (result.kind === "card" && activity.replyToId) {
            await deps.connector.update(turn.target, activity.replyToId, toMessage(result.render), IN_TURN_POLICY);
          } else {
            await reply(result.kind === "card" ? result.render : { text: result.text });
          }
          return;
        }
        const text = commandTextOf(activity);
        const length = Array.from(text).length;
        if (length > COMMAND_TEXT_MAX) return void (await reply({ text: translate(turn.locale, "error.INPUT_TOO_LONG", { length, max: COMMAND_TEXT_MAX }) }));
        const parsed = parseCommand(text);
        const handler = parsed ? commands.get(parsed.command) : undefined;
        if (parsed && handler) return handler({ turn, args: parsed.args, reply });
        if (deps.onUnknown) return deps.onUnknown(turn, text, reply);
        // In a group chat or channel a bare "help" never reaches the bot: say to mention it.
        await reply({ text: translate(turn.locale, turn.kind === "personal" ? "teams.unknownCommand" : "teams.unknownCommand.group", { text: text.slice(0, 80) }) });
      });
    },

    async onCardAction(raw) {
      const activity = parseInbound(raw);
      const execute = executeSchema.safeParse(activity?.value);
      if (!activity || !execute.success) {
        return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "not an Action.Execute", innerHttpError: { statusCode: 400, body: null } } };
      }
      // Teams triggers only a card's refresh action by itself; a change (a vote, a confirmation)
      // needs a person's press, so an "automatic" invoke of any other verb is refused unread.
      if (execute.data.trigger === "automatic" && !refreshVerbs.has(execute.data.action.verb)) {
        return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "only a refresh runs automatically", innerHttpError: { statusCode: 400, body: null } } };
      }
      // A replayed invoke (same activity id) answers with nothing rather than acting twice.
      if (!(await firstDelivery(activity))) return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "" };
      let response: CardActionResponse | undefined;
      await withTurn(activity, async (turn) => {
        const { verb, data = {} } = execute.data.action;
        const result = await runAction(turn, verb, data, activity.replyToId ?? null);
        const answer = toInvokeAnswer(result.kind === "card" ? result.render : { text: result.text });
        response =
          "card" in answer
            ? { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: answer.card }
            : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: answer.toast };
      });
      return response ?? { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "" };
    },
  };
}
