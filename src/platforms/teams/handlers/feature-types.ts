// The shape every Teams feature module has: command handlers (typed messages) and action
// handlers (card buttons, by verb). The dispatcher does identity, errors and sending; features
// only parse, call the core and pick a view.
import type { TeamsCommand } from "../commands/command-parser.js";
import type { CardRender } from "../render/render-types.js";
import type { Turn } from "./turn.js";

/** Sends a message into the turn's conversation; resolves with the new activity id. */
export type Reply = (render: CardRender) => Promise<{ id: string }>;

/** A typed command: "poll …", "commit …". */
export interface CommandContext {
  turn: Turn;
  /** The text after the command word. */
  args: string;
  reply: Reply;
}

/** A button press, from Action.Execute (invoke) or the Action.Submit fallback (message). */
export interface ActionContext {
  turn: Turn;
  verb: string;
  /** The button's data merged with the card's input values, unvalidated: parse with zod. */
  data: Record<string, unknown>;
  /** The id of the message the card is in, when Teams says (Submit sends it as replyToId). */
  cardActivityId: string | null;
  reply: Reply;
  /**
   * Carries out the typed command in `turn.activity` as if it had just been sent, answering and
   * reporting errors as a message turn does (the organisation chooser uses it for the command
   * that made it ask).
   */
  runCommand(turn: Turn): Promise<void>;
}

/** What a button press does to its card. */
export type ActionResult =
  /** Replace the card with this one (a refreshed poll, a form with errors, a confirmation). */
  | { kind: "card"; render: CardRender }
  /** Keep the card and show this short message (a toast in Teams). */
  | { kind: "message"; text: string };

export type CommandHandler = (context: CommandContext) => Promise<void>;
export type ActionHandler = (context: ActionContext) => Promise<ActionResult>;

/** One feature's contribution. */
export interface TeamsFeature {
  commands?: Partial<Record<TeamsCommand, CommandHandler>>;
  actions?: Readonly<Record<string, ActionHandler>>;
  /**
   * The verbs of `actions` that only re-render (a card's `refresh` action). Teams sends these on
   * its own (trigger "automatic") when someone sees the card; no other verb may run that way.
   */
  refreshVerbs?: readonly string[];
}
