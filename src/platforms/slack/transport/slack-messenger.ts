// Outgoing Slack messages: post, update, ephemeral, DM and file upload, with any workspace's bot
// token. Failures become SlackSendError (rate limited → Retry-After in ms) so the outbox decides
// when to try again; the WebClient itself never waits out a 429 (rejectRateLimitedCalls).
import { webApi } from "@slack/bolt";
import type { SlackMessage, SlackText } from "../render/message.js";
import type { BotTokenResolver } from "./bot-tokens.js";
import { SlackSendError, classifySlackError } from "./slack-errors.js";

export type { SlackMessage } from "../render/message.js";

/** Where a message goes: a Slack team (null in single-workspace mode) and a channel. */
export interface SlackChannelTarget {
  teamId: string | null;
  channel: string;
}

/** A posted message: enough to update it later. */
export interface SlackPostedMessage {
  teamId: string | null;
  channel: string;
  ts: string;
}

/** A binary file to share, e.g. a chart PNG. */
export interface SlackBinaryFile {
  filename: string;
  title: string;
  /** Read by screen readers (image files). */
  altText?: string | undefined;
  content: Buffer;
}

/** The Slack side of outgoing messages. */
export interface SlackMessenger {
  post(target: SlackChannelTarget, message: SlackMessage): Promise<SlackPostedMessage>;
  update(target: SlackPostedMessage, message: SlackMessage): Promise<void>;
  postEphemeral(target: SlackChannelTarget & { user: string }, message: SlackMessage): Promise<void>;
  /** The id of the DM channel with `user` (opened if needed). */
  openDirect(target: { teamId: string | null; user: string }): Promise<string>;
  /** Opens (or reuses) the DM with `user` and posts there. */
  sendDirect(target: { teamId: string | null; user: string }, message: SlackMessage): Promise<SlackPostedMessage>;
  uploadFile(target: SlackChannelTarget & { filename: string; title: string; content: string; comment?: SlackText | undefined; threadTs?: string | undefined }): Promise<void>;
  /**
   * Shares binary files in one files.uploadV2 call (one completeUploadExternal for all of them, so
   * they arrive as one message), in the thread of `threadTs` when given. Returns the file ids.
   */
  uploadFiles(target: SlackChannelTarget & { files: readonly SlackBinaryFile[]; comment?: SlackText | undefined; threadTs?: string | undefined }): Promise<string[]>;
  /**
   * The ids of files named `filenames` shared in `channel` since `sinceSec`, or null when not all
   * are there. Needs files:read; without it Slack answers missing_scope (a permanent SlackSendError).
   */
  findSharedFiles(target: SlackChannelTarget & { sinceSec: number; filenames: readonly string[] }): Promise<string[] | null>;
  /**
   * The ts of a message in `channel` since `oldestSec` whose metadata carries `dedupeKey`, or null.
   * Needs the *:history scopes; without them Slack answers missing_scope (a permanent SlackSendError).
   */
  findByDedupeKey(target: SlackChannelTarget & { oldestSec: number; dedupeKey: string }): Promise<string | null>;
  /** Publishes a user's App Home view. */
  publishHome(target: { teamId: string | null; user: string }, view: object): Promise<void>;
}

/** Builds the messenger on one WebClient; the token is chosen per call. */
export function createSlackMessenger(deps: {
  clientOptions: webApi.WebClientOptions;
  botToken: BotTokenResolver;
  /** Told about every permanent failure (e.g. invalid_auth), to stop using a dead token. */
  onPermanentFailure?: (reason: string) => void;
}): SlackMessenger {
  const client = new webApi.WebClient(undefined, deps.clientOptions);
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof SlackSendError) throw error;
      const failure = classifySlackError(error);
      if (failure.kind === "permanent") deps.onPermanentFailure?.(failure.reason);
      throw new SlackSendError(failure);
    }
  };
  // The SDK's argument types are discriminated unions too strict for blocks built elsewhere.
  const blocksOf = (message: SlackMessage): { blocks?: webApi.KnownBlock[] } =>
    message.blocks ? { blocks: message.blocks as webApi.KnownBlock[] } : {};
  const messenger: SlackMessenger = {
    async post(target, message) {
      const token = await deps.botToken(target.teamId);
      const res = await call(() =>
        client.chat.postMessage({ token, channel: target.channel, text: message.text, ...blocksOf(message), ...(message.metadata ? { metadata: message.metadata } : {}) }),
      );
      return { teamId: target.teamId, channel: res.channel ?? target.channel, ts: String(res.ts) };
    },
    async update(target, message) {
      const token = await deps.botToken(target.teamId);
      await call(() => client.chat.update({ token, channel: target.channel, ts: target.ts, text: message.text, ...blocksOf(message) } as webApi.ChatUpdateArguments));
    },
    async postEphemeral(target, message) {
      const token = await deps.botToken(target.teamId);
      await call(() => client.chat.postEphemeral({ token, channel: target.channel, user: target.user, text: message.text, ...blocksOf(message) } as webApi.ChatPostEphemeralArguments));
    },
    async openDirect(target) {
      const token = await deps.botToken(target.teamId);
      const opened = await call(() => client.conversations.open({ token, users: target.user }));
      const channel = opened.channel?.id;
      if (!channel) throw new SlackSendError({ kind: "permanent", reason: "dm_not_opened" });
      return channel;
    },
    async sendDirect(target, message) {
      const channel = await messenger.openDirect(target);
      return messenger.post({ teamId: target.teamId, channel }, message);
    },
    async uploadFile(target) {
      const token = await deps.botToken(target.teamId);
      await call(() =>
        client.files.uploadV2({
          token,
          channel_id: target.channel,
          filename: target.filename,
          title: target.title,
          content: target.content,
          ...(target.comment ? { initial_comment: target.comment } : {}),
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        } as webApi.FilesUploadV2Arguments),
      );
    },
    async uploadFiles(target) {
      const token = await deps.botToken(target.teamId);
      const res = await call(() =>
        client.files.uploadV2({
          token,
          channel_id: target.channel,
          file_uploads: target.files.map((file) => ({
            file: file.content,
            filename: file.filename,
            title: file.title,
            ...(file.altText ? { alt_text: file.altText } : {}),
          })),
          ...(target.comment ? { initial_comment: target.comment } : {}),
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        } as webApi.FilesUploadV2Arguments),
      );
      // uploadV2 answers with one completeUploadExternal response per group of files.
      const completions = (res as { files?: Array<{ files?: Array<{ id?: string }> }> }).files ?? [];
      return completions.flatMap((c) => c.files ?? []).flatMap((f) => (f.id ? [f.id] : []));
    },
    async findSharedFiles(target) {
      const token = await deps.botToken(target.teamId);
      const res = await call(() => client.files.list({ token, channel: target.channel, ts_from: String(target.sinceSec), count: 100 }));
      const byName = new Map((res.files ?? []).map((f) => [f.name, f.id]));
      const ids = target.filenames.map((name) => byName.get(name));
      return ids.every((id): id is string => typeof id === "string") ? ids : null;
    },
    async findByDedupeKey(target) {
      const token = await deps.botToken(target.teamId);
      const res = await call(() =>
        client.conversations.history({ token, channel: target.channel, oldest: String(target.oldestSec), include_all_metadata: true, limit: 50 }),
      );
      const hit = (res.messages ?? []).find((m) => (m.metadata?.event_payload as { dedupe_key?: unknown } | undefined)?.dedupe_key === target.dedupeKey);
      return hit?.ts ?? null;
    },
    async publishHome(target, view) {
      const token = await deps.botToken(target.teamId);
      await call(() => client.views.publish({ token, user_id: target.user, view: view as webApi.ViewsPublishArguments["view"] }));
    },
  };
  return messenger;
}
