// Plays the demo story (demo-timeline.ts) through the real core services, moving a fake clock
// from action to action: the alliance is installed and set up as an admin would, members are
// mapped to their organisation by e-mail domain, and every agreement, answer, vote and assessment
// goes through the same use cases the chat platforms call. Nothing is inserted behind their back.
import type { CoreServices } from "#src/compose-services.js";
import type { Alliance } from "#core/alliance/alliance.js";
import { COLLABORATION_PRIORITIES_TEMPLATE, optionKeysOf } from "#core/polls/poll-templates.js";
import { questionsFor } from "#core/pulse/pulse-questions.js";
import type { PulseRound } from "#core/pulse/pulse-types.js";
import type { FixedClock } from "#core/shared/clock.js";
import type { Actor } from "#core/shared/refs.js";
import { cultureAssessment, meanAnswer, sampleAnswer } from "./demo-answers.js";
import {
  allPeople,
  DEMO_ADMIN,
  DEMO_ALLIANCE_NAME,
  DEMO_ORGANIZATIONS,
  DEMO_STEERING,
  DEMO_STEERING_CHANNEL,
  DEMO_WORKSPACE,
  personEmail,
  personKey,
  personName,
  type DemoOrgKey,
  type DemoPerson,
} from "./demo-cast.js";
import { DemoRandom } from "./demo-random.js";
import { DEMO_TIMEZONE, demoTimeline, type DemoAction, type DemoCalendar } from "./demo-timeline.js";

/** What seeding produced. */
export interface SeededDemo {
  alliance: Alliance;
  /** Member id per person key ("gemeente:0"). */
  members: Map<string, string>;
  /** How many of each action ran. */
  counts: Record<DemoAction["kind"], number>;
  /** Pulse answers recorded. */
  answers: number;
}

class DemoWorld {
  readonly actors = new Map<string, Actor>();
  readonly orgIds = new Map<DemoOrgKey, string>();
  readonly orgKeys = new Map<string, DemoOrgKey>();
  readonly commitments = new Map<number, string>();
  readonly rounds = new Map<number, PulseRound>();
  pollId: string | null = null;
  answers = 0;
  readonly random = new DemoRandom(7_301);

  constructor(
    readonly services: CoreServices,
    readonly clock: FixedClock,
    public alliance: Alliance,
    readonly admin: Actor,
  ) {}

  actor(person: DemoPerson): Actor {
    const actor = this.actors.get(personKey(person));
    if (!actor) throw new Error(`no member for ${personKey(person)}`);
    return actor;
  }

  org(key: DemoOrgKey): string {
    return this.orgIds.get(key)!;
  }
}

/** Installs the bot for the admin, runs setup and resolves every member. */
async function install(services: CoreServices, clock: FixedClock, calendar: DemoCalendar): Promise<DemoWorld> {
  clock.set(calendar.at(1, 0, 8));
  const resolve = (person: DemoPerson, n: number) =>
    services.members.resolveMember({
      platform: DEMO_WORKSPACE.platform,
      workspaceExternalId: DEMO_WORKSPACE.externalId,
      workspaceName: DEMO_WORKSPACE.name,
      userExternalId: `U0DEMO${String(n).padStart(4, "0")}`,
      displayName: personName(person),
      email: personEmail(person),
      locale: "nl-NL",
      timezone: DEMO_TIMEZONE,
    });
  const installer = await resolve(DEMO_ADMIN, 0);
  const setup = await services.alliances.applySetup(
    installer,
    {
      name: DEMO_ALLIANCE_NAME,
      organizations: DEMO_ORGANIZATIONS.map((o) => ({ name: o.name, emailDomains: [o.domain] })),
      steeringChannel: { conversationId: DEMO_STEERING_CHANNEL },
      // Climate adaptation with open questions on content: trust weighs heavily.
      uncertainty: "high",
      // A short pulse: four questions a week; two rounds cover every pillar, and the directional
      // trust items (how much each partner is trusted) come round often enough for a verdict.
      pulse: { cadence: "weekly", weekday: 3, hour: 10, itemsPerRound: 4 },
      anonymityThreshold: 5,
      locale: "nl",
      timezone: DEMO_TIMEZONE,
    },
    { workspaceId: installer.workspaceId },
  );
  if (!setup.ok) throw new Error(`demo setup refused: ${JSON.stringify(setup.errors)}`);
  const admin = await services.members.getActor(installer.memberId);
  const world = new DemoWorld(services, clock, setup.alliance, admin);
  for (const org of setup.organizations) {
    const key = DEMO_ORGANIZATIONS.find((o) => o.name === org.name)!.key;
    world.orgIds.set(key, org.id);
    world.orgKeys.set(org.id, key);
  }
  let n = 0;
  for (const person of allPeople()) {
    const resolved = await resolve(person, n++);
    world.actors.set(personKey(person), await services.members.getActor(resolved.memberId));
  }
  for (const person of DEMO_STEERING) {
    world.actors.set(personKey(person), await services.members.setRole(admin, world.actor(person).memberId, "steering"));
  }
  return world;
}

/** One member's answers to a round, all given at `at` (the pulse service takes time as an argument). */
async function answerPulse(world: DemoWorld, week: number, person: DemoPerson, at: Date): Promise<void> {
  const round = world.rounds.get(week);
  if (!round) return;
  const actor = world.actor(person);
  const organizations = DEMO_ORGANIZATIONS.map((o) => ({ id: world.org(o.key), name: o.name }));
  // Scores are drawn before any await, so the story does not depend on how answers interleave.
  const answers = questionsFor(round, organizations, actor.organizationId).map((q) => {
    const target = q.targetOrganizationId === "" ? null : world.orgKeys.get(q.targetOrganizationId) ?? null;
    return { roundId: round.id, itemKey: q.itemKey, targetOrganizationId: q.targetOrganizationId, score: sampleAnswer(world.random, meanAnswer(q.category, person.org, target, week)) };
  });
  for (const answer of answers) {
    await world.services.pulse.recordAnswer(actor, answer, at);
    world.answers++;
  }
}

async function play(world: DemoWorld, action: DemoAction): Promise<void> {
  const { services, clock } = world;
  clock.set(action.at);
  const now = clock.now();
  const ref = (n: number) => world.commitments.get(n)!;
  switch (action.kind) {
    case "create_commitment": {
      const { commitment } = await services.commitments.create(world.actor(action.owner), {
        text: action.text,
        beneficiary: { kind: "organization", organizationId: world.org(action.beneficiary) },
        dueAt: action.dueAt,
        definitionOfDone: action.done,
      });
      world.commitments.set(action.ref, commitment.id);
      return;
    }
    case "report":
      await services.commitments.reportOutcome(world.actor(action.owner), ref(action.ref), action.outcome);
      return;
    case "confirm":
      await services.commitments.confirm(world.actor(action.by), ref(action.ref));
      return;
    case "dispute":
      await services.commitments.dispute(world.actor(action.by), ref(action.ref), { reason: action.reason });
      return;
    case "resolve_dispute":
      await services.commitments.resolveDispute(world.admin, ref(action.ref), action.outcome);
      return;
    case "open_pulse": {
      world.alliance = await services.alliances.getAlliance(world.alliance.id);
      // Invites are not marked sent: nothing is delivered without a chat platform.
      const { round } = await services.pulse.openRound(world.alliance, now);
      world.rounds.set(action.week, round);
      return;
    }
    case "answer_pulse":
      await answerPulse(world, action.week, action.person, now);
      return;
    case "create_poll": {
      const poll = await services.polls.createPollFromTemplate(world.admin, COLLABORATION_PRIORITIES_TEMPLATE, "nl", { closesAt: action.closesAt });
      world.pollId = poll.id;
      return;
    }
    case "vote": {
      const poll = await services.polls.getPoll(world.actor(action.person), world.pollId!);
      const option = [...optionKeysOf(poll)].find(([, key]) => key === action.option)?.[0];
      if (!option) throw new Error(`poll has no option ${action.option}`);
      await services.polls.castVote(world.actor(action.person), poll.id, [option]);
      return;
    }
    case "close_polls":
      await services.polls.closeExpired(now);
      return;
    case "culture":
      await services.culture.submitAssessment(world.alliance, world.actor(action.person), cultureAssessment(world.random, action.person.org), now);
      return;
  }
}

const ANSWER_CONCURRENCY = 4;

async function runConcurrently(tasks: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/**
 * Seeds the demo alliance over `services` (whose clock is `clock`) along `calendar`, and leaves
 * the clock at the calendar's end: the Monday morning the summary is made.
 */
export async function seedDemo(
  services: CoreServices,
  clock: FixedClock,
  calendar: DemoCalendar,
  options: { firstPulseWeek?: number } = {},
): Promise<SeededDemo> {
  const world = await install(services, clock, calendar);
  const counts = {} as Record<DemoAction["kind"], number>;
  const actions = demoTimeline(calendar, options);
  for (let i = 0; i < actions.length; ) {
    const action = actions[i]!;
    if (action.kind !== "answer_pulse") {
      await play(world, action);
      counts[action.kind] = (counts[action.kind] ?? 0) + 1;
      i++;
      continue;
    }
    // Different people answering the same round touch different rows: run a stretch of them
    // side by side, which keeps the embedded database busy while Prisma prepares the next query.
    let j = i;
    while (j < actions.length && actions[j]!.kind === "answer_pulse") j++;
    const batch = actions.slice(i, j) as Array<Extract<DemoAction, { kind: "answer_pulse" }>>;
    await runConcurrently(batch.map((a) => () => answerPulse(world, a.week, a.person, a.at)), ANSWER_CONCURRENCY);
    counts.answer_pulse = (counts.answer_pulse ?? 0) + batch.length;
    i = j;
  }
  clock.set(calendar.end);
  const members = new Map([...world.actors].map(([key, actor]) => [key, actor.memberId]));
  return { alliance: await services.alliances.getAlliance(world.alliance.id), members, counts, answers: world.answers };
}
