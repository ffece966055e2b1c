import { beforeEach, describe, expect, it } from "vitest";
import { remindersDue, reminderKey } from "#core/commitments/commitment-reminders.js";
import { createCommitmentService, type CommitmentService } from "#core/commitments/commitment-service.js";
import { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { InMemoryCommitmentRepository } from "#storage/memory/in-memory-commitment-repository.js";
import { fixedScope } from "../../../support/alliance-scope.js";

const AMS = "Europe/Amsterdam";
const alliance = { id: "al", timezone: AMS, commitmentReminderDays: 2 };
const ann: Actor = { memberId: "ann", allianceId: "al", organizationId: "org-a", role: "member" };
const forB = { kind: "organization" as const, organizationId: "org-b" };
// Due Friday 27 March (end of day, Amsterdam); created the Monday before.
const MONDAY = new Date("2026-03-23T09:00:00Z");
const FRIDAY_END = new Date("2026-03-27T22:59:59.999Z");
const at = (iso: string) => new Date(iso);

let clock: FixedClock;
let service: CommitmentService;
let repo: InMemoryCommitmentRepository;
beforeEach(async () => {
  repo = new InMemoryCommitmentRepository();
  clock = new FixedClock(MONDAY);
  service = createCommitmentService({ commitments: repo, clock, scope: fixedScope({ al: { organizations: ["org-a", "org-b"], members: { ann: "org-a" } } }) });
  await service.create(ann, { text: "Send the draft contract", beneficiary: forB, dueAt: FRIDAY_END });
});

const kinds = async (now: Date) => (await service.dueReminders(alliance, now)).map((r) => [r.commitment.number, r.kind, r.daysLeft]);

describe("due reminders", () => {
  it("reminds N local days before the due day, then asks 'kept?' on the day", async () => {
    expect(await kinds(at("2026-03-24T09:00:00Z"))).toEqual([]); // Tuesday: 3 days left
    expect(await kinds(at("2026-03-25T07:00:00Z"))).toEqual([[1, "before_due", 2]]); // Wednesday
    expect(await kinds(at("2026-03-26T07:00:00Z"))).toEqual([[1, "before_due", 1]]); // not sent yet: still due
    expect(await kinds(at("2026-03-27T07:00:00Z"))).toEqual([[1, "due_today", 0]]);
    expect(await kinds(at("2026-03-30T07:00:00Z"))).toEqual([[1, "due_today", -3]]); // overdue, never asked
  });

  it("sends each reminder once per due date, and again after a renegotiation", async () => {
    const wednesday = at("2026-03-25T07:00:00Z");
    const [reminder] = await service.dueReminders(alliance, wednesday);
    await service.markReminded(reminder!, wednesday);
    await service.markReminded(reminder!, wednesday); // a retried job: no second event
    expect(await kinds(at("2026-03-26T07:00:00Z"))).toEqual([]);
    expect((await service.get(ann, 1)).events.filter((e) => e.type === "reminded")).toHaveLength(1);
    clock.set(at("2026-03-26T08:00:00Z"));
    await service.renegotiate(ann, 1, new Date("2026-04-03T21:59:59.999Z"));
    expect(await kinds(at("2026-04-01T07:00:00Z"))).toEqual([[1, "before_due", 2]]);
  });

  it("does not remind about what was agreed the same day", async () => {
    clock.set(at("2026-03-26T08:00:00Z"));
    await service.create(ann, { text: "Call back", beneficiary: forB, dueAt: at("2026-03-27T16:00:00Z") });
    expect(await kinds(at("2026-03-26T15:00:00Z"))).toEqual([[1, "before_due", 1]]);
  });

  it("ignores resolved commitments and commitments without a date, and can be switched off", async () => {
    await service.create(ann, { text: "Undated", beneficiary: forB, dueAt: null });
    clock.set(at("2026-03-25T08:00:00Z"));
    await service.reportOutcome(ann, 1, "kept");
    expect(await kinds(at("2026-03-27T07:00:00Z"))).toEqual([]);
    const open = await repo.list({ allianceId: "al" });
    expect(remindersDue(open, [], at("2026-03-26T07:00:00Z"), { reminderDays: 0, timeZone: AMS })).toEqual([]);
  });

  it("uses local days: 23:30 UTC on the 26th is already Friday in Amsterdam", async () => {
    expect(await kinds(at("2026-03-26T23:30:00Z"))).toEqual([[1, "due_today", 0]]);
  });

  it("keys each reminder by kind, commitment and due date", async () => {
    const [commitment] = await repo.list({ allianceId: "al" });
    expect(reminderKey(commitment!, "due_today")).toBe(`reminder:due_today:${commitment!.id}:${FRIDAY_END.toISOString()}`);
  });
});
