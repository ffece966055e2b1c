/**
 * Builds and sends requests exactly as Slack does: v0 HMAC-SHA256 signatures, form-encoded slash
 * commands and interactivity (payload=<JSON>), JSON Events API envelopes.
 */
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

/** Slack's v0 signature of `rawBody` at `timestampSec`. */
export function sign(secret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${rawBody}`).digest("hex")}`;
}

/** Knobs for forged, stale and retried requests. */
export interface SendOptions {
  secret?: string;
  timestampSec?: number;
  signature?: string;
  headers?: Record<string, string>;
}

/** What came back. */
export interface SlackReply {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  ms: number;
}

async function send(url: string, rawBody: string, contentType: string, options: SendOptions = {}): Promise<SlackReply> {
  const ts = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      // Bolt compares the content type with ===: a string body keeps fetch from adding ";charset".
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": options.signature ?? sign(options.secret ?? SIGNING_SECRET, ts, rawBody),
      ...options.headers,
    },
    body: rawBody,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms };
}

/** A slash command (form fields). */
export function sendCommand(url: string, fields: Record<string, string>, options?: SendOptions): Promise<SlackReply> {
  return send(url, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", options);
}

/** Interactivity (block_actions, view_submission): payload=<JSON>. */
export function sendInteraction(url: string, payload: object, options?: SendOptions): Promise<SlackReply> {
  return send(url, `payload=${encodeURIComponent(JSON.stringify(payload))}`, "application/x-www-form-urlencoded", options);
}

/** An Events API envelope (JSON). */
export function sendEvent(url: string, envelope: object, options?: SendOptions): Promise<SlackReply> {
  return send(url, JSON.stringify(envelope), "application/json", options);
}

/** Who is acting in a built payload. */
export interface Who {
  teamId?: string;
  userId?: string;
  channelId?: string;
  /** The user's own team (Slack Connect guests differ from the workspace). */
  userTeamId?: string;
}

let triggerSeq = 0;

/** A slash command's form fields. */
export function commandFields(command: string, text: string, responseUrl: string, who: Who = {}): Record<string, string> {
  const teamId = who.teamId ?? "T111";
  return {
    token: "deprecated-verification-token",
    team_id: teamId,
    team_domain: "fake",
    channel_id: who.channelId ?? "C0CHANNEL",
    channel_name: "alliance",
    user_id: who.userId ?? "U0ALICE",
    user_name: "alice",
    command,
    text,
    api_app_id: "A0001",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `trigger.${++triggerSeq}`,
  };
}

/** A block_actions payload for one button click on a message. */
export function blockAction(
  action: { actionId: string; value?: string; blockId?: string; selected?: string },
  message: { ts: string; channelId?: string } | null,
  responseUrl: string,
  who: Who = {},
  /** The message's input state (selects in the message), as Slack sends it with a click. */
  stateValues: Record<string, Record<string, unknown>> = {},
): object {
  const teamId = who.teamId ?? "T111";
  const channelId = message?.channelId ?? who.channelId ?? "C0CHANNEL";
  return {
    type: "block_actions",
    user: { id: who.userId ?? "U0ALICE", username: "alice", name: "alice", team_id: who.userTeamId ?? teamId },
    api_app_id: "A0001",
    token: "deprecated-verification-token",
    container: message ? { type: "message", message_ts: message.ts, channel_id: channelId, is_ephemeral: false } : { type: "view", view_id: "V0HOME" },
    trigger_id: `trigger.${++triggerSeq}`,
    team: { id: teamId, domain: "fake" },
    enterprise: null,
    is_enterprise_install: false,
    ...(message ? { channel: { id: channelId, name: "alliance" }, message: { type: "message", ts: message.ts, text: "", blocks: [] } } : {}),
    state: { values: stateValues },
    response_url: responseUrl,
    actions: [
      {
        type: action.selected ? "static_select" : "button",
        action_id: action.actionId,
        block_id: action.blockId ?? "b",
        ...(action.value !== undefined ? { value: action.value } : {}),
        ...(action.selected ? { selected_option: { value: action.selected, text: { type: "plain_text", text: action.selected } } } : {}),
        action_ts: "1700000001.000100",
      },
    ],
  };
}

/** A view_submission payload. `values` is view.state.values (block_id → action_id → state). */
export function viewSubmission(callbackId: string, values: Record<string, Record<string, unknown>>, privateMetadata = "", who: Who = {}): object {
  const teamId = who.teamId ?? "T111";
  return {
    type: "view_submission",
    team: { id: teamId, domain: "fake" },
    user: { id: who.userId ?? "U0ALICE", username: "alice", name: "alice", team_id: who.userTeamId ?? teamId },
    api_app_id: "A0001",
    token: "deprecated-verification-token",
    trigger_id: `trigger.${++triggerSeq}`,
    view: {
      id: "V0MODAL", team_id: teamId, type: "modal", callback_id: callbackId, private_metadata: privateMetadata,
      title: { type: "plain_text", text: "x" }, blocks: [], state: { values }, hash: "1700000000.abc", app_id: "A0001", bot_id: "BBOT111",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A plain_text_input's state. */
export const textValue = (value: string | null): Record<string, unknown> => ({ type: "plain_text_input", value });
/** A static_select's state. */
export const selectValue = (value: string | null): Record<string, unknown> => ({
  type: "static_select",
  selected_option: value === null ? null : { value, text: { type: "plain_text", text: value } },
});

/** An Events API envelope around `event`. */
export function eventEnvelope(eventId: string, event: Record<string, unknown>, teamId = "T111"): object {
  return {
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: "A0001",
    event: { event_ts: "1700000002.000200", ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000002,
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: "UBOT111", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: "4-fake",
  };
}
