/**
 * Which open commitments the scheduler should nudge at `now`: a reminder N local days before the
 * due day ("before_due"), and the "kept?" check-in on the due day ("due_today", also asked once for
 * an item that became overdue without it). Each is sent once per due date: a renegotiated date
 * gets fresh ones. Sending is recorded as a `reminded` event whose reason is the kind and whose
 * dueAtAfter is the due date it was about.
 */
import type { Commitment, CommitmentEvent } from "./commitment.js";
import { localDaysBetween } from "../shared/zoned-time.js";

/** The two nudges. */
export type ReminderKind = "before_due" | "due_today";

/** A nudge to send. */
export interface DueReminder {
  kind: ReminderKind;
  commitment: Commitment;
  /** Local calendar days until the due day (0 = today, negative = overdue). */
  daysLeft: number;
  /** Stable per commitment, kind and due date: use it as the outbox dedupe key and the event's idempotency key. */
  key: string;
}

/** Settings that shape reminders. */
export interface ReminderSettings {
  /** Days before the due day to remind (Alliance.commitmentReminderDays); 0 turns it off. */
  reminderDays: number;
  /** The alliance's zone: "the due day" is a local day. */
  timeZone: string;
}

/** The idempotency key of one reminder (kind + commitment + due date). */
export function reminderKey(commitment: Pick<Commitment, "id" | "dueAt">, kind: ReminderKind): string {
  return `reminder:${kind}:${commitment.id}:${commitment.dueAt?.toISOString() ?? "none"}`;
}

function alreadySent(events: readonly CommitmentEvent[], kind: ReminderKind, dueAt: Date): boolean {
  return events.some((e) => e.type === "reminded" && e.reason === kind && e.dueAtAfter?.getTime() === dueAt.getTime());
}

/**
 * The reminders due at `now` for `commitments` (only open ones with a due date count), given
 * their events. A "before_due" reminder is skipped when the date was set on the same local day
 * (nobody needs reminding of what they agreed this morning).
 */
export function remindersDue(
  commitments: readonly Commitment[],
  events: readonly CommitmentEvent[],
  now: Date,
  settings: ReminderSettings,
): DueReminder[] {
  const due: DueReminder[] = [];
  for (const commitment of commitments) {
    if (commitment.status !== "open" || commitment.dueAt === null) continue;
    const dueAt = commitment.dueAt;
    const own = events.filter((e) => e.commitmentId === commitment.id);
    const daysLeft = localDaysBetween(now, dueAt, settings.timeZone);
    if (daysLeft <= 0) {
      if (!alreadySent(own, "due_today", dueAt)) {
        due.push({ kind: "due_today", commitment, daysLeft, key: reminderKey(commitment, "due_today") });
      }
      continue;
    }
    if (daysLeft > settings.reminderDays || alreadySent(own, "before_due", dueAt)) continue;
    const dateSetAt = [...own].reverse().find((e) => e.type === "created" || e.type === "renegotiated")?.at ?? commitment.createdAt;
    if (localDaysBetween(dateSetAt, now, settings.timeZone) === 0) continue;
    due.push({ kind: "before_due", commitment, daysLeft, key: reminderKey(commitment, "before_due") });
  }
  return due;
}
