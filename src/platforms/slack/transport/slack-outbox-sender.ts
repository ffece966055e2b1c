// The Slack side of the durable outbox (src/scheduling/outbox): renders the stored payload and
// sends it with the workspace's token. A 429 comes back as "retry" with Slack's Retry-After, so
// the outbox (not the WebClient) decides when to try again; dead channels and revoked tokens are
// "permanent". Posts carry their dedupe key in message metadata.
//
// Payloads (JSON):
//   post / direct: { view: View } or { text, blocks }   — direct: conversationId is the user id
//   update:        { ts, view } or { ts, text, blocks }
//   upload:        { filename, title, content, comment?, threadTs? }              — one text file
//                  { files: [{ filename, title, altText?, contentBase64 }], comment?, threadTs? }
//                                                                                  — binary files (charts), one message
// `threadTs` is filled in by the platform router from `replyTo` (the dedupe key of the post the
// upload belongs under, see src/scheduling/platform-message-sender.ts).
//
// An upload is its own outbox message, so retrying it never re-posts the summary and retrying the
// summary never re-uploads. A crash between Slack sharing the files and the outbox recording it is
// caught by findDelivered (files.list by filename since the message was queued) when the app has
// files:read; without that scope delivery of uploads is at-least-once in that window, as for posts
// without the *:history scopes.
import { z } from "zod";
import type { WorkspaceRepository } from "#core/alliance/workspace-repository.js";
import type { View } from "#core/views.js";
import type { MessageSender, SendOutcome } from "#scheduling/outbox/message-sender.js";
import type { LeasedMessage } from "#scheduling/outbox/outbox-message.js";
import { slackText } from "../render/message.js";
import { renderMessages } from "../render/render-view.js";
import { SlackSendError, classifySlackError } from "./slack-errors.js";
import type { SlackMessage, SlackMessenger } from "./slack-messenger.js";

const messagePayload = z.union([
  z.object({ view: z.object({ kind: z.string() }).passthrough(), ts: z.string().optional() }),
  z.object({ text: z.string().max(40_000), blocks: z.array(z.record(z.string(), z.unknown())).max(50).optional(), ts: z.string().optional() }),
]);
const textUpload = z.object({
  filename: z.string().min(1).max(255),
  title: z.string().max(255),
  content: z.string(),
  comment: z.string().optional(),
  threadTs: z.string().optional(),
});
const binaryUpload = z.object({
  files: z
    .array(z.object({ filename: z.string().min(1).max(255), title: z.string().max(255), altText: z.string().max(1000).optional(), contentBase64: z.string().min(1) }))
    .min(1)
    .max(10),
  comment: z.string().max(4000).optional(),
  threadTs: z.string().optional(),
});
const uploadPayload = z.union([binaryUpload, textUpload]);

/** Builds the Slack MessageSender over the messenger. */
export function createSlackOutboxSender(deps: { messenger: SlackMessenger; workspaces: WorkspaceRepository }): MessageSender {
  const teamOf = async (workspaceId: string): Promise<string> => (await deps.workspaces.get(workspaceId))?.externalId ?? workspaceId;

  const messagesOf = (payload: z.infer<typeof messagePayload>): SlackMessage[] =>
    "view" in payload ? renderMessages(payload.view as unknown as View).messages : [{ text: slackText(payload.text), blocks: payload.blocks }];

  const send = async (message: LeasedMessage): Promise<string> => {
    const teamId = await teamOf(message.workspaceId);
    const tag = { event_type: "atb_outbox", event_payload: { dedupe_key: message.dedupeKey } };
    switch (message.operation) {
      case "upload": {
        const upload = uploadPayload.parse(message.payload);
        if (!("files" in upload)) {
          await deps.messenger.uploadFile({ teamId, channel: message.conversationId, ...upload, comment: upload.comment === undefined ? undefined : slackText(upload.comment) });
          return "uploaded";
        }
        const files = upload.files.map((f) => ({ filename: f.filename, title: f.title, altText: f.altText, content: Buffer.from(f.contentBase64, "base64") }));
        const ids = await deps.messenger.uploadFiles({ teamId, channel: message.conversationId, files, comment: upload.comment === undefined ? undefined : slackText(upload.comment), threadTs: upload.threadTs });
        return ids.join(",") || "uploaded";
      }
      case "update": {
        const payload = messagePayload.parse(message.payload);
        const ts = payload.ts;
        const [first] = messagesOf(payload);
        if (!ts || !first) throw new SlackSendError({ kind: "permanent", reason: "update_without_ts" });
        await deps.messenger.update({ teamId, channel: message.conversationId, ts }, first);
        return ts;
      }
      case "post":
      case "direct": {
        const channel = message.operation === "direct" ? await deps.messenger.openDirect({ teamId, user: message.conversationId }) : message.conversationId;
        let first: string | null = null;
        // A long view may render as several messages; they go out in order, the first is the ref.
        for (const part of messagesOf(messagePayload.parse(message.payload))) {
          const posted = await deps.messenger.post({ teamId, channel }, { ...part, metadata: tag });
          first ??= posted.ts;
        }
        return first ?? "";
      }
    }
  };

  // Files of an earlier attempt that Slack shared without the outcome being recorded: all of the
  // payload's file names in the channel since the message was queued (the names carry the period).
  const findUploaded = async (message: LeasedMessage): Promise<string | null> => {
    const parsed = binaryUpload.safeParse(message.payload);
    if (!parsed.success) return null;
    try {
      const ids = await deps.messenger.findSharedFiles({
        teamId: await teamOf(message.workspaceId),
        channel: message.conversationId,
        sinceSec: Math.floor(message.createdAt.getTime() / 1000) - 1,
        filenames: parsed.data.files.map((f) => f.filename),
      });
      return ids ? ids.join(",") : null;
    } catch (error) {
      if (error instanceof SlackSendError && error.failure.kind === "permanent") return null; // no files:read
      throw error;
    }
  };

  return {
    // Crash between post and record: look for our own post by its dedupe key. Without the
    // *:history scopes (not in the default manifest, to keep its scopes minimal) the lookup is
    // impossible and delivery is at-least-once, as on Teams.
    async findDelivered(message) {
      if (message.operation === "upload") return findUploaded(message);
      if (message.operation !== "post" && message.operation !== "direct") return null;
      const teamId = await teamOf(message.workspaceId);
      try {
        const channel = message.operation === "direct" ? await deps.messenger.openDirect({ teamId, user: message.conversationId }) : message.conversationId;
        return await deps.messenger.findByDedupeKey({ teamId, channel, oldestSec: Math.floor(message.createdAt.getTime() / 1000) - 1, dedupeKey: message.dedupeKey });
      } catch (error) {
        if (error instanceof SlackSendError && error.failure.kind === "permanent") return null;
        throw error;
      }
    },
    async send(message): Promise<SendOutcome> {
      try {
        return { kind: "sent", ref: await send(message) };
      } catch (error) {
        if (error instanceof z.ZodError) return { kind: "permanent", error: `invalid payload: ${error.issues[0]?.message ?? ""}` };
        const failure = error instanceof SlackSendError ? error.failure : classifySlackError(error);
        if (failure.kind === "rate_limited") return { kind: "retry", error: "rate_limited", retryAfterMs: failure.retryAfterMs };
        if (failure.kind === "transient") return { kind: "retry", error: failure.reason };
        return { kind: "permanent", error: failure.reason };
      }
    },
  };
}
