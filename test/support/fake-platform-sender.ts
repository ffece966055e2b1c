// A stand-in chat platform for outbox tests: it keeps what was "posted" (with the dedupe key in the
// message metadata, as the Slack adapter does) and can be scripted to rate-limit, fail, or let the
// sending process "die" right after the post went out.
import type { MessageSender, SendOutcome } from "#scheduling/outbox/message-sender.js";
import type { LeasedMessage } from "#scheduling/outbox/outbox-message.js";

/** One visible post on the fake platform. */
export interface FakePost {
  ref: string;
  conversationId: string;
  dedupeKey: string;
  text: unknown;
}

/** Scripted answers, consumed in order; when empty, sends succeed. */
export type Scripted = SendOutcome | { kind: "throw"; error: string } | { kind: "die-after-post" };

/** A fake platform plus a MessageSender for it. */
export class FakePlatformSender implements MessageSender {
  readonly posts: FakePost[] = [];
  readonly attempts: Array<{ dedupeKey: string; attempt: number }> = [];
  readonly lookups: string[] = [];
  private readonly script: Scripted[] = [];
  private counter = 0;
  /** Set false to model a platform where the adapter cannot look a post up (at-least-once only). */
  canLookUp = true;
  /** Set true to make the "already posted?" lookup fail (platform history unavailable). */
  lookupFails = false;
  /** Optional delay inside send (ms of real time), to let concurrent dispatchers overlap. */
  delayMs = 0;

  /** Queues outcomes for the next sends. */
  then(...outcomes: Scripted[]): this {
    this.script.push(...outcomes);
    return this;
  }

  async send(message: LeasedMessage): Promise<SendOutcome> {
    this.attempts.push({ dedupeKey: message.dedupeKey, attempt: message.attempts });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const next = this.script.shift();
    if (next?.kind === "throw") throw new Error(next.error);
    if (next && next.kind !== "die-after-post") return next;
    const ref = `ts-${++this.counter}`;
    this.posts.push({ ref, conversationId: message.conversationId, dedupeKey: message.dedupeKey, text: message.payload["text"] });
    // The process dies between the platform accepting the post and the outbox recording it:
    // this promise never settles, so nothing is recorded, like a killed process.
    if (next?.kind === "die-after-post") return new Promise<SendOutcome>(() => {});
    return { kind: "sent", ref };
  }

  get findDelivered(): MessageSender["findDelivered"] {
    if (!this.canLookUp) return undefined;
    return async (message: LeasedMessage) => {
      this.lookups.push(message.dedupeKey);
      if (this.lookupFails) throw new Error("history unavailable");
      return this.posts.find((p) => p.dedupeKey === message.dedupeKey)?.ref ?? null;
    };
  }

  postsFor(dedupeKey: string): FakePost[] {
    return this.posts.filter((p) => p.dedupeKey === dedupeKey);
  }
}
