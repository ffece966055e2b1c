// The commitments' daily work: a reminder to the owner some days before the due day, and the
// "kept?" check-in on the due day (also once for an item that went overdue without one). Each
// goes to the owner's 1:1 conversation, once per due date; overdue items are not chased here but
// escalate into the weekly summary's notable events.
import type { Alliance } from "../core/alliance/alliance.js";
import { actorOf } from "../core/alliance/member.js";
import type { DueReminder, ReminderKind } from "../core/commitments/commitment-reminders.js";
import { buildCheckIn, type CommitmentViewContext } from "../core/commitments/commitment-views.js";
import type { JobContext } from "./job-context.js";

async function viewContext(job: JobContext, alliance: Alliance, now: Date): Promise<Omit<CommitmentViewContext, "locale">> {
  // Names for the cards: the alliance's members and organisations, read once per run.
  const members = new Map((await job.services.stores.members.list(alliance.id)).map((m) => [m.id, m.displayName]));
  const organizations = new Map((await job.services.alliances.listOrganizations(alliance.id)).map((o) => [o.id, o.name]));
  return { timeZone: alliance.timezone, now, memberName: (id) => members.get(id), organizationName: (id) => organizations.get(id) };
}

async function send(job: JobContext, alliance: Alliance, reminder: DueReminder, context: Omit<CommitmentViewContext, "locale">, now: Date): Promise<boolean> {
  const ownerId = reminder.commitment.ownerMemberId;
  if (ownerId === null) return false; // the owner was forgotten: nobody to ask
  const owner = await job.services.stores.members.get(ownerId);
  if (!owner || owner.erasedAt) return false;
  const to = await job.personalOf(ownerId, `commitment ${reminder.kind}`);
  if (!to) return false;
  const locale = owner.locale ?? alliance.locale;
  await job.queueView(reminder.key, to, buildCheckIn(reminder, { ...context, locale }, actorOf(owner)), locale);
  // Recorded after queueing: a crash in between re-queues under the same key, which is a no-op.
  await job.services.commitments.markReminded(reminder, now);
  return true;
}

/** Sends the alliance's due reminders of `kind` at `now`. */
export async function runCommitmentNudges(job: JobContext, kind: ReminderKind, allianceId: string, localDate: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const due = (await job.services.commitments.dueReminders(alliance, now)).filter((r) => r.kind === kind);
  if (due.length === 0) return;
  const context = await viewContext(job, alliance, now);
  let sent = 0;
  for (const reminder of due) if (await send(job, alliance, reminder, context, now)) sent++;
  job.deps.logger?.info({ allianceId, localDate, kind, due: due.length, sent }, "commitment reminders queued");
}
