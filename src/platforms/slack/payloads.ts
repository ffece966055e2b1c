// zod schemas for every field of a Slack payload the listeners read, and for the values our own
// buttons and modals carry back. Anything else in a payload is ignored; anything malformed is
// refused before it reaches the core.
import { z } from "zod";

const id = z.string().min(1).max(255);

/** The slash command fields we use. */
export const commandSchema = z.object({
  /** The slash command itself ("/commit"); carried along when a command waits for the organisation. */
  command: z.string().max(40).optional(),
  team_id: id,
  enterprise_id: z.string().optional(),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  // Any length: COMMAND_TEXT_MAX is checked after the ack (a refusal before it is never seen).
  text: z.string().default(""),
  trigger_id: id,
  response_url: z.string().url().optional(),
});
export type CommandPayload = z.infer<typeof commandSchema>;

/** Who clicked or submitted (block_actions, view_submission). */
export const interactionUserSchema = z.object({
  user: z.object({ id, team_id: z.string().optional(), name: z.string().optional(), username: z.string().optional() }),
  team: z.object({ id }).nullable(),
  trigger_id: z.string().optional(),
  response_url: z.string().url().optional(),
});

/** The message a block action came from (absent for App Home and modals). */
export const actionContainerSchema = z.object({
  channel: z.object({ id }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), view_id: z.string().optional() }).optional(),
  message: z.object({ ts: z.string() }).optional(),
});

/** One clicked button. */
export const buttonActionSchema = z.object({ action_id: id, value: z.string().max(2000) });

/** One selected option. */
export const selectActionSchema = z.object({ action_id: id, selected_option: z.object({ value: z.string().max(150) }) });

/** A view_submission's view fields we read. */
export const submittedViewSchema = z.object({
  callback_id: id,
  private_metadata: z.string().max(3000).default(""),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
});

/** Values of our own buttons. */
/**
 * A vote button: "poll:option" (single choice), "poll:option:m" (multiple choice: select this
 * option) or "poll:option:u" (multiple choice: take this option away). A multiple-choice button says
 * what the voter wants, never "toggle", so a double click cannot undo the first click.
 */
export const pollVoteValue = z.string().regex(/^[^:]{1,64}:[^:]{1,64}(:[mu])?$/).transform((v) => {
  const [pollId = "", optionId = "", flag] = v.split(":");
  const intent = flag === "m" ? ("select" as const) : flag === "u" ? ("unselect" as const) : ("single" as const);
  return { pollId, optionId, intent };
});
export const entityIdValue = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** A pulse button: round|item|target|score, score 1–5, "x" (can't say) or "c" (comment). */
export const pulseButtonValue = z
  .string()
  .max(300)
  .transform((v) => v.split("|"))
  .pipe(z.tuple([z.string().min(1), z.string().min(1), z.string(), z.enum(["1", "2", "3", "4", "5", "x", "c"])]))
  .transform(([roundId, itemKey, targetOrganizationId, score]) => ({
    roundId,
    itemKey,
    targetOrganizationId,
    score: score === "x" ? null : score === "c" ? ("comment" as const) : Number(score),
  }));

/** Events we handle. */
export const appHomeOpenedSchema = z.object({ user: id, tab: z.string().optional() });
export const eventEnvelopeSchema = z.object({ team_id: z.string().optional(), authorizations: z.array(z.object({ team_id: z.string().nullish() })).optional() });

/** Reads one input's value from view.state.values (plain text, select, number, conversation). */
export function inputValue(values: Record<string, Record<string, unknown>>, blockId: string, actionId = "value"): string | null {
  const state = values[blockId]?.[actionId];
  const parsed = inputStateSchema.safeParse(state);
  if (!parsed.success) return null;
  const s = parsed.data;
  const raw = s.value ?? s.selected_option?.value ?? s.selected_conversation ?? s.selected_channel ?? null;
  return raw === null || raw === undefined ? null : String(raw);
}

/** Values of a checkboxes input. */
export function checkedValues(values: Record<string, Record<string, unknown>>, blockId: string, actionId = "value"): string[] {
  const parsed = inputStateSchema.safeParse(values[blockId]?.[actionId]);
  return parsed.success ? (parsed.data.selected_options ?? []).map((o) => o.value) : [];
}

const inputStateSchema = z.object({
  value: z.string().max(3000).nullish(),
  selected_option: z.object({ value: z.string().max(150) }).nullish(),
  selected_options: z.array(z.object({ value: z.string().max(150) })).nullish(),
  selected_conversation: z.string().max(64).nullish(),
  selected_channel: z.string().max(64).nullish(),
});
