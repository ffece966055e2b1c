// What happens in the demo alliance over twelve weeks, as timed actions: agreements made, kept
// (some late), broken and disputed; weekly pulse rounds and who answers; the brief's poll; culture
// assessments. Pure and seeded: seed-demo.ts plays it through the real services with a fake clock.
import { addDays, zonedToInstant, type LocalDate } from "#core/shared/zoned-time.js";
import { DEMO_AGREEMENTS, DEMO_DIRECTIONS, DEMO_ORGANIZATIONS, type DemoOrgKey, type DemoPerson } from "./demo-cast.js";
import { DemoRandom } from "./demo-random.js";

/** Number of weeks the story covers; the summary reports on the last. */
export const DEMO_WEEKS = 12;
/** The first week with a pulse round (the pulse started once the project was under way). */
export const FIRST_PULSE_WEEK = 4;
export const DEMO_TIMEZONE = "Europe/Amsterdam";

/** One thing that happens, at a moment. */
export type DemoAction = { at: Date } & (
  | { kind: "create_commitment"; ref: number; owner: DemoPerson; beneficiary: DemoOrgKey; text: string; done: string | null; dueAt: Date }
  | { kind: "report"; ref: number; owner: DemoPerson; outcome: "kept" | "broken" }
  | { kind: "confirm"; ref: number; by: DemoPerson }
  | { kind: "dispute"; ref: number; by: DemoPerson; reason: string }
  | { kind: "resolve_dispute"; ref: number; outcome: "kept" | "broken" }
  | { kind: "open_pulse"; week: number }
  | { kind: "answer_pulse"; week: number; person: DemoPerson }
  | { kind: "create_poll"; closesAt: Date }
  | { kind: "vote"; person: DemoPerson; option: string }
  | { kind: "close_polls" }
  | { kind: "culture"; person: DemoPerson }
);

/** The story's calendar: week w runs from monday(w) to monday(w + 1). */
export interface DemoCalendar {
  /** Local date of the Monday of week 1. */
  firstMonday: LocalDate;
  /** An instant in week `week` (1-based), `day` days after its Monday (0–6), at a local time. */
  at(week: number, day: number, hour: number, minute?: number): Date;
  /** The moment the summary is built: Monday 09:00 after the last week. */
  end: Date;
}

/** The calendar whose last week ends on the local Monday `endMonday` (the summary's Monday). */
export function demoCalendar(endMonday: LocalDate, timezone = DEMO_TIMEZONE): DemoCalendar {
  const firstMonday = addDays(endMonday, -7 * DEMO_WEEKS);
  const at = (week: number, day: number, hour: number, minute = 0) =>
    zonedToInstant({ ...addDays(firstMonday, 7 * (week - 1) + day), hour, minute }, timezone);
  return { firstMonday, at, end: at(DEMO_WEEKS + 1, 0, 9) };
}

/**
 * How each organisation's agreements turn out, in turn (a fixed pattern rather than dice, so every
 * four-week window tells the same story): Delta nearly always delivers on time, the municipality
 * mostly, Brug is late or breaks one in three or four.
 */
const OUTCOMES: Record<DemoOrgKey, readonly Outcome[]> = {
  gemeente: ["on_time", "on_time", "on_time", "late", "on_time", "on_time", "on_time", "on_time", "on_time", "broken", "on_time", "on_time"],
  delta: ["on_time", "on_time", "on_time", "on_time", "on_time", "on_time", "late", "on_time", "on_time", "on_time", "on_time", "on_time"],
  brug: ["on_time", "late", "on_time", "on_time", "broken", "on_time", "late", "on_time", "on_time", "on_time"],
};
type Outcome = "on_time" | "late" | "broken";

const sizeOf = (org: DemoOrgKey) => DEMO_ORGANIZATIONS.find((o) => o.key === org)!.people.length;

/** Every action of the story, in time order. */
export function demoTimeline(calendar: DemoCalendar, options: { firstPulseWeek?: number; seed?: number } = {}): DemoAction[] {
  const seed = options.seed ?? 20_260_301;
  const firstPulseWeek = options.firstPulseWeek ?? FIRST_PULSE_WEEK;
  const random = new DemoRandom(seed);
  const actions: DemoAction[] = [];
  const person = (org: DemoOrgKey): DemoPerson => ({ org, index: random.int(0, sizeOf(org) - 1) });
  const hour = (ms: number) => ms * 3_600_000;
  const day = (ms: number) => ms * 86_400_000;
  let ref = 0;
  const owned: Record<DemoOrgKey, number> = { gemeente: 0, delta: 0, brug: 0 };

  for (let week = 1; week <= DEMO_WEEKS; week++) {
    // Four or five new agreements every week, due one to two weeks later.
    const count = week % 3 === 0 ? 5 : 4;
    for (let i = 0; i < count; i++) {
      const [from, to] = DEMO_DIRECTIONS[ref % DEMO_DIRECTIONS.length]!;
      const agreement = DEMO_AGREEMENTS[ref % DEMO_AGREEMENTS.length]!;
      const created = calendar.at(week, random.int(0, 2), random.int(9, 16));
      const dueAt = calendar.at(week + 1, random.int(0, 4), 17);
      const owner = person(from);
      const createdRef = ++ref;
      actions.push({
        at: created,
        kind: "create_commitment",
        ref: createdRef,
        owner,
        beneficiary: to,
        text: agreement.text,
        // Every seventh agreement is made without a definition of done.
        done: createdRef % 7 === 0 ? null : agreement.done,
        dueAt,
      });
      const lastWeek = dueAt.getTime() >= calendar.at(DEMO_WEEKS, 0, 0).getTime();
      const pattern = OUTCOMES[from];
      // What falls due in the reported week is kept on time, apart from the scripted events below.
      const outcome = lastWeek ? "on_time" : pattern[owned[from]++ % pattern.length]!;
      const reportedAt =
        outcome === "on_time"
          ? new Date(dueAt.getTime() - hour(random.int(2, 40)))
          : new Date(dueAt.getTime() + day(outcome === "late" ? random.int(2, 4) : random.int(1, 3)));
      const reported = new Date(Math.max(reportedAt.getTime(), created.getTime() + hour(1)));
      if (reported.getTime() >= calendar.end.getTime()) continue; // still open when the summary is made
      actions.push({ at: reported, kind: "report", ref: createdRef, owner, outcome: outcome === "broken" ? "broken" : "kept" });
      const confirmed = new Date(reported.getTime() + hour(random.int(3, 30)));
      if (outcome !== "broken" && random.next() < 0.8 && confirmed.getTime() < calendar.end.getTime()) {
        actions.push({ at: confirmed, kind: "confirm", ref: createdRef, by: person(to) });
      }
    }

    if (week >= firstPulseWeek) {
      // The round opens Wednesday 10:00; most people answer that day or the next two.
      actions.push({ at: calendar.at(week, 2, 10), kind: "open_pulse", week });
      for (const org of DEMO_ORGANIZATIONS) {
        // Brug's people almost all skip the last round: falling participation, a notable event. It
        // has to be clear of noise (docs/trust-health.md §7): 3 of 8 after the usual 6 could be chance.
        const answering = org.key === "brug" && week === DEMO_WEEKS ? 1 : Math.min(7, org.people.length - 2);
        for (const index of random.sample(org.people.map((_, i) => i), answering)) {
          actions.push({ at: calendar.at(week, random.int(2, 4), random.int(10, 17), random.int(0, 59)), kind: "answer_pulse", week, person: { org: org.key, index } });
        }
      }
    }
  }

  // Scripted events of the reported week: a broken agreement, a disputed delivery, an overdue item.
  const w = DEMO_WEEKS;
  const scripted: Array<{ from: DemoOrgKey; to: DemoOrgKey; text: string; done: string; due: Date }> = [
    { from: "brug", to: "gemeente", text: "Sonderingen Havenkwartier uitvoeren", done: "Sondeerrapport in de projectmap", due: calendar.at(w, 1, 17) },
    { from: "delta", to: "gemeente", text: "Nulmeting waterkwaliteit Stadsgracht leveren", done: "Meetrapport met alle parameters", due: calendar.at(w, 2, 17) },
    { from: "brug", to: "delta", text: "Berekening capaciteit gemaal Noordkade opleveren", done: "Rekennotitie met uitgangspunten", due: calendar.at(w, 3, 17) },
  ];
  const [broken, disputed, overdue] = scripted.map((s) => {
    const owner = person(s.from);
    const r = ++ref;
    actions.push({ at: calendar.at(w - 1, 1, 11), kind: "create_commitment", ref: r, owner, beneficiary: s.to, text: s.text, done: s.done, dueAt: s.due });
    return { ref: r, owner, to: s.to };
  });
  actions.push({ at: calendar.at(w, 3, 9), kind: "report", ref: broken!.ref, owner: broken!.owner, outcome: "broken" });
  actions.push({ at: calendar.at(w, 2, 15), kind: "report", ref: disputed!.ref, owner: disputed!.owner, outcome: "kept" });
  actions.push({ at: calendar.at(w, 3, 10), kind: "dispute", ref: disputed!.ref, by: person(disputed!.to), reason: "Zuurstof en troebelheid ontbreken in het rapport" });
  void overdue; // never reported: overdue when the summary is made

  // Two earlier deliveries were disputed and settled by the steering committee.
  for (const [week, outcome] of [[5, "kept"], [8, "broken"]] as const) {
    const r = ++ref;
    const owner = person("gemeente");
    actions.push({ at: calendar.at(week - 1, 0, 14), kind: "create_commitment", ref: r, owner, beneficiary: "brug", text: "Uitgangspunten ontwerp kademuur aanleveren", done: "Notitie met belastingen en randvoorwaarden", dueAt: calendar.at(week, 1, 17) });
    actions.push({ at: calendar.at(week, 1, 12), kind: "report", ref: r, owner, outcome: "kept" });
    actions.push({ at: calendar.at(week, 2, 9), kind: "dispute", ref: r, by: person("brug"), reason: "De belastingen ontbreken nog" });
    actions.push({ at: calendar.at(week, 4, 16), kind: "resolve_dispute", ref: r, outcome });
  }

  // The brief's LinkedIn question, in week 6: 11 of 18 voters choose trust (61%).
  actions.push({ at: calendar.at(6, 0, 11), kind: "create_poll", closesAt: calendar.at(7, 0, 11) });
  const votes = [...Array<string>(11).fill("trust"), "reliability", "reliability", "reliability", "clear_agreements", "clear_agreements", "transparency", "reciprocity"];
  const voters = random.sample(DEMO_ORGANIZATIONS.flatMap((o) => o.people.map((_, index) => ({ org: o.key, index }))), votes.length);
  votes.forEach((option, i) => actions.push({ at: calendar.at(6, random.int(0, 4), random.int(12, 17)), kind: "vote", person: voters[i]!, option }));
  actions.push({ at: calendar.at(7, 0, 11, 1), kind: "close_polls" });

  // Culture assessments in weeks 10 and 11: six people per organisation.
  for (const org of DEMO_ORGANIZATIONS) {
    for (const index of random.sample(org.people.map((_, i) => i), 6)) {
      actions.push({ at: calendar.at(random.int(10, 11), random.int(0, 4), random.int(9, 17)), kind: "culture", person: { org: org.key, index } });
    }
  }

  // Stable order: by time; at the same instant creations go first.
  return actions
    .map((action, i) => ({ action, i }))
    .sort((a, b) => a.action.at.getTime() - b.action.at.getTime() || a.i - b.i)
    .map((x) => x.action);
}
