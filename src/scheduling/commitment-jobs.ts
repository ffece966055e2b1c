// The commitments' daily work: a reminder to the owner some days before the due day, and the
// "kept?" check-in on the due day (also once for an item that went overdue without one). Each
// goes to the owner's 1:1 conversation, once per due date; overdue items are not chased here but
// escalate into the weekly summary's notable events.
import type { Alliance } from "#core/alliance/alliance.js";
import { actorOf } from "#core/alliance/member.js";
import type { DueReminder, ReminderKind } from "#core/commitments/commitment-reminders.js";
import { buildCheckIn, type CommitmentViewContext } from "#core/commitments/commitment-views.js";
import type { JobContext } from "./job-context.js";
import { digestOf, notifyUnreachable, type Unreached } from "./unreachable-notice.js";

async function viewContext(job: JobContext, alliance: Alliance, now: Date): Promise<Omit<CommitmentViewContext, "locale">> {
  // Names for the cards: the alliance's members and organisations, read once per run.
  const members = new Map((await job.services.stores.members.list(alliance.id)).map((m) => [m.id, m.displayName]));
  const organizations = new Map((await job.services.alliances.listOrganizations(alliance.id)).map((o) => [o.id, o.name]));
  return { timeZone: alliance.timezone, now, memberName: (id) => members.get(id), organizationName: (id) => organizations.get(id) };
}

/** Queues one reminder; "unreachable" when the owner's platform refuses a 1:1 conversation. */
async function send(job: JobContext, alliance: Alliance, reminder: DueReminder, context: Omit<CommitmentViewContext, "locale">, now: Date): Promise<"sent" | "skipped" | Unreached> {
  const ownerId = reminder.commitment.ownerMemberId;
  if (ownerId === null) return "skipped"; // the owner was forgotten: nobody to ask
  const owner = await job.services.stores.members.get(ownerId);
  if (!owner || owner.erasedAt) return "skipped";
  const reach = await job.reachPersonal(ownerId, `commitment ${reminder.kind}`);
  if (reach.kind !== "reached") return reach.kind === "skipped" ? "skipped" : reach;
  const locale = owner.locale ?? alliance.locale;
  await job.queueView(reminder.key, reach.to, buildCheckIn(reminder, { ...context, locale }, actorOf(owner)), locale);
  // Recorded after queueing: a crash in between re-queues under the same key, which is a no-op.
  await job.services.commitments.markReminded(reminder, now);
  return "sent";
}

/** Sends the alliance's due reminders of `kind` at `now`. */
export async function runCommitmentNudges(job: JobContext, kind: ReminderKind, allianceId: string, localDate: string, now: Date): Promise<void> {
  const alliance = await job.services.alliances.getAlliance(allianceId);
  const due = (await job.services.commitments.dueReminders(alliance, now)).filter((r) => r.kind === kind);
  if (due.length === 0) return;
  const context = await viewContext(job, alliance, now);
  let sent = 0;
  const unreached: Unreached[] = [];
  const unreachedKeys: string[] = [];
  for (const reminder of due) {
    const outcome = await send(job, alliance, reminder, context, now);
    if (outcome === "sent") sent++;
    else if (outcome !== "skipped") {
      unreached.push(outcome);
      unreachedKeys.push(reminder.key);
    }
  }
  // An unreached reminder stays due and is tried again the next day; the notice's key names the
  // reminders (not the day), so the admins hear about the same people once.
  await notifyUnreachable(job, alliance, kind === "before_due" ? "commitment_before_due" : "commitment_due_today", `commitments:${allianceId}:${digestOf(unreachedKeys)}`, unreached);
  job.deps.logger?.info({ allianceId, localDate, kind, due: due.length, sent, unreached: unreached.length }, "commitment reminders queued");
}
