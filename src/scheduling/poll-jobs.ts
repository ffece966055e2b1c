// The polls' per-minute sweeps: close polls whose deadline passed and update their message to
// show the result; open the next run of recurring polls whose rule fires and post it where the
// previous run was posted.
//
// Each sweep changes state (close a poll, create a run) and then queues the post. A crash between
// the two must not lose the post, and the sweeps are claimed per minute, never retried. So each
// sweep also looks back: the close sweep re-queues the result update of every poll closed at its
// deadline in the last 24 h whose update is missing; the recurrence sweep re-checks the last hour's
// fire minutes of every rule and posts each run not queued yet, the run's poll created under an id
// derived from (source, minute), so a retry finds the poll the crashed attempt made. The dedupe
// keys make the look-back harmless; a run missed while the bot was down for under an hour is
// posted (late) the same way.
import type { Alliance } from "#core/alliance/alliance.js";
import { buildPollView } from "#core/polls/poll-views.js";
import { pollMessages, type Poll, type PollMessageRef } from "#core/polls/poll.js";
import type { JobContext } from "./job-context.js";
import { recurrenceFiresAt } from "#core/polls/poll-recurrence-match.js";
import { pollLocale } from "#core/polls/poll-locale.js";
import { queueAlliancePollCopies } from "./alliance-poll-relay.js";

/** How far back the close sweep looks for a closed poll whose result update was never queued. */
export const CLOSE_RECOVERY_MS = 24 * 3_600_000;
/** How many minutes back the recurrence sweep re-checks the rules for runs never queued. */
export const RUN_RECOVERY_MINUTES = 60;

const MINUTE_MS = 60_000;
/**
 * The outbox key of a closed poll's result update: the message it was created as keeps the key
 * it always had; each copy of an alliance poll in another space's alliance channel adds its place.
 */
export const pollClosedDedupeKey = (pollId: string, copy?: Pick<PollMessageRef, "workspaceId" | "conversationId">) =>
  `poll-closed:${pollId}${copy ? `:${copy.workspaceId}:${copy.conversationId}` : ""}`;
/** The outbox key of a recurring poll's run at `runAt` (a minute). */
export const pollRunDedupeKey = (sourceId: string, runAt: Date) => `poll-run:${sourceId}:${runAt.toISOString().slice(0, 16)}`;

/** Closed by the deadline sweep (closeExpired closes at the deadline), not by a person. */
const closedAtDeadline = (poll: Poll) => poll.closesAt !== null && poll.closedAt?.getTime() === poll.closesAt.getTime();

async function allianceOf(job: JobContext, poll: Poll): Promise<Alliance> {
  return job.services.alliances.getAlliance(poll.allianceId);
}

/** Runs `step` for one poll; a failure is logged and left to the next minute, not to block the others. */
async function each(job: JobContext, polls: Iterable<Poll>, what: string, step: (poll: Poll) => Promise<void>): Promise<void> {
  for (const poll of polls) {
    try {
      await step(poll);
    } catch (error) {
      job.deps.logger?.error({ pollId: poll.id, err: error }, `${what} failed; the next sweep tries again`);
    }
  }
}

/** Closes every poll past its deadline and queues an update of its message with the result (also of recent closes missing one). */
export async function closeDuePolls(job: JobContext, now: Date): Promise<void> {
  const closed = await job.services.polls.closeExpired(now);
  const recent = (await job.deps.closedPolls(new Date(now.getTime() - CLOSE_RECOVERY_MS))).filter(closedAtDeadline);
  const polls = new Map([...closed, ...recent].map((poll) => [poll.id, poll]));
  await each(job, polls.values(), "queueing a closed poll's result", (poll) => queueResult(job, poll, now));
}

/** Queues the result update of every posted message of the poll (each copy of an alliance poll too), once each. */
async function queueResult(job: JobContext, poll: Poll, now: Date): Promise<void> {
  // Never posted (e.g. created by the scheduler but not yet delivered): nothing to update.
  const pending: { key: string; message: PollMessageRef }[] = [];
  for (const message of pollMessages(poll)) {
    const primary = poll.message !== null && message.workspaceId === poll.message.workspaceId && message.conversationId === poll.message.conversationId;
    const key = pollClosedDedupeKey(poll.id, primary ? undefined : message);
    if (!(await job.deps.outbox.find(key))) pending.push({ key, message }); // queued already: nothing to build
  }
  if (pending.length === 0) return;
  const alliance = await allianceOf(job, poll);
  const results = await job.services.polls.getResults(null, poll.id);
  // One message, one language: the poll's (its creator's), as when it was posted.
  const locale = await pollLocale(poll, job.services.stores.members, alliance.locale);
  const view = buildPollView(results, { locale, timeZone: alliance.timezone, now });
  for (const { key, message } of pending) {
    const to = await job.destinationOf(message);
    if (!to) continue;
    // Slack updates by `ts`, Teams by `messageId`: both name the posted message.
    const ref = message.messageId;
    await job.queueView(key, to, view, locale, { operation: "update", extras: { ts: ref, messageId: ref } });
  }
}

/** The minutes of the look-back window (oldest first, this one last) at which `rule` fired after `since`. */
function firedMinutes(rule: string, timezone: string, since: Date, now: Date): Date[] {
  const current = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const minutes: Date[] = [];
  for (let i = RUN_RECOVERY_MINUTES; i >= 0; i--) {
    const at = new Date(current - i * MINUTE_MS);
    if (at.getTime() >= since.getTime() && recurrenceFiresAt(rule, at, timezone)) minutes.push(at);
  }
  return minutes;
}

/**
 * Creates and posts the run of each recurring poll whose rule fires in this minute (in its
 * alliance's zone), and any run of the last hour that was never queued. A run stays open as long
 * as its source was (creation to deadline), counted from the minute it fired.
 */
export async function runPollRecurrences(job: JobContext, now: Date): Promise<void> {
  const sources = (await job.deps.recurringPolls()).filter((poll) => poll.recurrence && poll.message);
  await each(job, sources, "posting a recurring poll's run", async (source) => {
    const alliance = await allianceOf(job, source);
    // Minutes before the source existed are not its runs (the source itself is the first one).
    for (const runAt of firedMinutes(source.recurrence!, alliance.timezone, source.createdAt, now)) await postRun(job, source, alliance, runAt, now);
  });
}

async function postRun(job: JobContext, source: Poll, alliance: Alliance, runAt: Date, now: Date): Promise<void> {
  const key = pollRunDedupeKey(source.id, runAt);
  if (await job.deps.outbox.find(key)) return;
  const to = await job.destinationOf(source.message!);
  if (!to) return;
  const duration = source.closesAt ? source.closesAt.getTime() - source.createdAt.getTime() : null;
  const closesAt = duration !== null && duration > 0 ? new Date(runAt.getTime() + duration) : null;
  if (closesAt && closesAt.getTime() <= now.getTime()) {
    job.deps.logger?.warn({ pollId: source.id, runAt }, "recurring poll run missed until after its deadline; not posted");
    return;
  }
  // Under the run's own id: after a crash between this and the queueing, the retry gets the same poll.
  const poll = await job.services.polls.createRecurringInstance(source.id, closesAt, runAt);
  const results = await job.services.polls.getResults(null, poll.id);
  const view = buildPollView(results, { locale: alliance.locale, timeZone: alliance.timezone, now });
  // `recordPollMessage` lets the delivery record where the new run was posted (see platform-message-sender.ts).
  await job.queueView(key, to, view, alliance.locale, { extras: { recordPollMessage: poll.id } });
  // A run of an alliance poll goes to every space's alliance channel too, once each.
  if (poll.forAlliance) await queueAlliancePollCopies(job, poll, view, alliance.locale, to);
}
