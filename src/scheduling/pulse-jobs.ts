// The pulse's scheduled work: open the round and send each invitee their questions in a 1:1
// conversation; two days later remind those who have not finished. A member who never wrote to
// the bot gets the conversation opened for them (job-context reachPersonal); members the
// platform will not let the bot reach are named to the admins, once per round.
import type { Alliance } from "#core/alliance/alliance.js";
import { questionsFor } from "#core/pulse/pulse-questions.js";
import type { PendingPulse } from "#core/pulse/pulse-service.js";
import { buildPulseQuestionView, buildPulseReminderView, type PulseViewOptions } from "#core/pulse/pulse-views.js";
import type { PulseInvite, PulseRound } from "#core/pulse/pulse-types.js";
import type { JobContext } from "./job-context.js";
import { notifyUnreachable, type Unreached } from "./unreachable-notice.js";

/** The reminder job may run a little earlier after the round than the pulse's 48 h (minute ticks). */
const SENT_AT_PRECISION_MS = 60_000;

const options = (alliance: Alliance, locale: PulseViewOptions["locale"]): PulseViewOptions => ({
  locale,
  timeZone: alliance.timezone,
  k: alliance.anonymityThreshold,
});

/** Sends the invite's questions; "unreachable" when the member's platform refuses a 1:1 conversation. */
async function sendQuestions(job: JobContext, alliance: Alliance, round: PulseRound, invite: PulseInvite, now: Date): Promise<"sent" | "skipped" | Unreached> {
  const reach = await job.reachPersonal(invite.memberId, "pulse round");
  if (reach.kind === "unreachable") return reach;
  if (reach.kind === "skipped") return "skipped";
  const to = reach.to;
  const locale = await job.localeOf(invite.memberId, alliance);
  const organizations = (await job.services.alliances.listOrganizations(alliance.id)).map((o) => ({ id: o.id, name: o.name }));
  const questions = questionsFor(round, organizations, invite.organizationId).map((q) => ({ ...q, answer: null }));
  const pending: PendingPulse = { round, invite, questions, remaining: questions.length };
  // Slack asks every question at once, one message each; Teams asks the next after each answer.
  const count = to.platform === "slack" ? questions.length : Math.min(1, questions.length);
  for (let i = 0; i < count; i++) {
    await job.queueView(`pulse:${round.id}:${invite.memberId}:${i}`, to, buildPulseQuestionView(pending, i, options(alliance, locale)), locale);
  }
  // Minute precision, so the reminder two days later at the same minute finds 48 h have passed.
  await job.services.pulse.markSent(invite.id, new Date(Math.floor(now.getTime() / SENT_AT_PRECISION_MS) * SENT_AT_PRECISION_MS));
  return "sent";
}

/** Opens the round of the period at `now` and queues each invitee's questions. */
export async function runPulseRound(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const { round, invites } = await job.services.pulse.openRound(alliance, now);
  let sent = 0;
  const unreached: Unreached[] = [];
  for (const invite of invites) {
    // A repeated run (retry, member who joined since) only sends to invites not yet delivered.
    if (invite.sentAt !== null) continue;
    const outcome = await sendQuestions(job, alliance, round, invite, now);
    if (outcome === "sent") sent++;
    else if (outcome !== "skipped") unreached.push(outcome);
  }
  await notifyUnreachable(job, alliance, "pulse_round", `pulse:${round.id}`, unreached);
  job.deps.logger?.info({ allianceId, periodKey, roundPeriod: round.periodKey, invited: invites.length, sent, unreached: unreached.length }, "pulse round opened");
}

/** Queues one reminder per invite of this alliance the pulse service says is due (it claims each once). */
export async function runPulseReminders(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const due = await job.services.pulse.reminders(allianceId, now);
  const unreached: Unreached[] = [];
  for (const { round, invite } of due) {
    const reach = await job.reachPersonal(invite.memberId, "pulse reminder");
    if (reach.kind === "unreachable") unreached.push(reach);
    if (reach.kind !== "reached") continue;
    const locale = await job.localeOf(invite.memberId, alliance);
    await job.queueView(`pulse-reminder:${invite.id}`, reach.to, buildPulseReminderView(round.closesAt, options(alliance, locale)), locale);
  }
  // Reminders are claimed once, so this run is the occasion.
  await notifyUnreachable(job, alliance, "pulse_reminder", `pulse-reminders:${allianceId}:${periodKey}`, unreached);
  job.deps.logger?.info({ allianceId, periodKey, reminders: due.length }, "pulse reminders queued");
}
