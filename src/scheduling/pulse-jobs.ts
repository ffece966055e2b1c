// The pulse's scheduled work: open the round and send each invitee their questions in a 1:1
// conversation; two days later remind those who have not finished. Members the bot has no 1:1
// conversation with yet are skipped (logged); they still find their questions with /pulse.
import type { Alliance } from "../core/alliance/alliance.js";
import { questionsFor } from "../core/pulse/pulse-questions.js";
import type { PendingPulse } from "../core/pulse/pulse-service.js";
import { buildPulseQuestionView, buildPulseReminderView, type PulseViewOptions } from "../core/pulse/pulse-views.js";
import type { PulseInvite, PulseRound } from "../core/pulse/pulse-types.js";
import type { JobContext } from "./job-context.js";

/** The reminder job may run a little earlier after the round than the pulse's 48 h (minute ticks). */
const SENT_AT_PRECISION_MS = 60_000;

const options = (alliance: Alliance, locale: PulseViewOptions["locale"]): PulseViewOptions => ({
  locale,
  timeZone: alliance.timezone,
  k: alliance.anonymityThreshold,
});

async function sendQuestions(job: JobContext, alliance: Alliance, round: PulseRound, invite: PulseInvite, now: Date): Promise<boolean> {
  const to = await job.personalOf(invite.memberId, "pulse round");
  if (!to) return false;
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
  return true;
}

/** Opens the round of the period at `now` and queues each invitee's questions. */
export async function runPulseRound(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const { round, invites } = await job.services.pulse.openRound(alliance, now);
  let sent = 0;
  for (const invite of invites) {
    // A repeated run (retry, member who joined since) only sends to invites not yet delivered.
    if (invite.sentAt === null && (await sendQuestions(job, alliance, round, invite, now))) sent++;
  }
  job.deps.logger?.info({ allianceId, periodKey, roundPeriod: round.periodKey, invited: invites.length, sent }, "pulse round opened");
}

/** Queues one reminder per invite of this alliance the pulse service says is due (it claims each once). */
export async function runPulseReminders(job: JobContext, allianceId: string, periodKey: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const due = await job.services.pulse.reminders(allianceId, now);
  for (const { round, invite } of due) {
    const to = await job.personalOf(invite.memberId, "pulse reminder");
    if (!to) continue;
    const locale = await job.localeOf(invite.memberId, alliance);
    await job.queueView(`pulse-reminder:${invite.id}`, to, buildPulseReminderView(round.closesAt, options(alliance, locale)), locale);
  }
  job.deps.logger?.info({ allianceId, periodKey, reminders: due.length }, "pulse reminders queued");
}
