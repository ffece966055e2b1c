// The polls' per-minute sweeps: close polls whose deadline passed and update their message to
// show the result; open the next run of recurring polls whose rule fires this minute and post it
// where the previous run was posted.
import { buildPollView } from "../core/polls/poll-views.js";
import type { Poll } from "../core/polls/poll.js";
import type { JobContext } from "./job-context.js";
import { recurrenceFiresAt } from "./recurrence-match.js";

async function allianceOf(job: JobContext, poll: Poll) {
  return job.services.alliances.getAlliance(poll.allianceId);
}

/** Closes every poll past its deadline and queues an update of its message with the result. */
export async function closeDuePolls(job: JobContext, now: Date): Promise<void> {
  for (const poll of await job.services.polls.closeExpired(now)) {
    if (!poll.message) continue; // never posted (e.g. created by the scheduler but not yet delivered)
    const to = await job.destinationOf(poll.message);
    if (!to) continue;
    const alliance = await allianceOf(job, poll);
    const results = await job.services.polls.getResults(null, poll.id);
    const view = buildPollView(results, { locale: alliance.locale, timeZone: alliance.timezone, now });
    // Slack updates by `ts`, Teams by `messageId`: both name the posted message.
    const ref = poll.message.messageId;
    await job.queueView(`poll-closed:${poll.id}`, to, view, alliance.locale, { operation: "update", extras: { ts: ref, messageId: ref } });
  }
}

/**
 * Creates and posts the next run of each recurring poll whose rule fires in this minute (in its
 * alliance's zone). A run stays open as long as its source was (creation to deadline), if it had one.
 */
export async function runPollRecurrences(job: JobContext, now: Date): Promise<void> {
  const minute = now.toISOString().slice(0, 16);
  for (const source of await job.deps.recurringPolls()) {
    if (!source.recurrence || !source.message) continue;
    const alliance = await allianceOf(job, source);
    if (!recurrenceFiresAt(source.recurrence, now, alliance.timezone)) continue;
    const to = await job.destinationOf(source.message);
    if (!to) continue;
    const duration = source.closesAt ? source.closesAt.getTime() - source.createdAt.getTime() : null;
    const poll = await job.services.polls.createRecurringInstance(source.id, duration !== null && duration > 0 ? new Date(now.getTime() + duration) : null);
    const results = await job.services.polls.getResults(null, poll.id);
    const view = buildPollView(results, { locale: alliance.locale, timeZone: alliance.timezone, now });
    // `pollId` lets the delivery record where the new run was posted (see platform-message-sender.ts).
    await job.queueView(`poll-run:${source.id}:${minute}`, to, view, alliance.locale, { extras: { recordPollMessage: poll.id } });
  }
}
