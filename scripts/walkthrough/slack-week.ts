// The first week of a new alliance in Slack, played against the real bot: signed slash commands,
// button clicks and modal submissions over HTTP into the Slack platform and the core on an
// in-memory database, with the fake Slack Web API recording what the bot posted. Each step keeps
// what the person did and the text of every message the bot sent (read from its real blocks), so
// docs/slack.md can show the week as a transcript (scripts/walkthrough/slack-first-week.ts).
import { FixedClock } from "#core/shared/clock.js";
import { periodKeyFor } from "#core/pulse/pulse-period.js";
import { createCoreJobHandlers } from "#scheduling/core-job-handlers.js";
import { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import { Outbox } from "#scheduling/outbox/outbox.js";
import { createPlatformMessageSender } from "#scheduling/platform-message-sender.js";
import { openDatabase } from "#storage/database.js";
import { PrismaOutboxStore } from "#storage/prisma/prisma-outbox-store.js";
import { blockAction, commandFields, sendCommand, sendInteraction, textValue, viewSubmission } from "../../test/fakes/slack-requests.js";
import type { RecordedCall, RecordedResponse } from "../../test/fakes/fake-slack.js";
import { startSlackBot } from "../../test/integration/slack/support/slack-bot.js";

/** One thing a person did, and what the bot answered or posted because of it. */
export interface WeekStep {
  day: string;
  who: string;
  did: string;
  answers: Array<{ how: string; text: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Block Kit is read loosely here
type Block = any;

/** What a person sees of Block Kit blocks, as plain lines (buttons in brackets). */
export function blocksText(blocks: Block[] | undefined): string {
  const lines: string[] = [];
  for (const block of blocks ?? []) {
    if (block.type === "header" || block.type === "section") {
      if (block.text?.text) lines.push(block.text.text);
      for (const field of block.fields ?? []) lines.push(field.text);
      if (block.accessory?.type === "button") lines.push(`[${block.accessory.text.text}]`);
    } else if (block.type === "context") {
      lines.push(block.elements.map((e: Block) => e.text ?? e.alt_text ?? "").filter(Boolean).join(" · "));
    } else if (block.type === "actions") {
      lines.push(block.elements.map((e: Block) => `[${e.text?.text ?? e.placeholder?.text ?? e.type}]`).join(" "));
    } else if (block.type === "input") {
      lines.push(`${block.label.text}: ____`);
    } else if (block.type === "image") {
      lines.push(`(chart: ${block.alt_text})`);
    } else if (block.type === "divider") {
      lines.push("---");
    }
  }
  // Slack's <url|label> links read as Markdown links in the transcript (they are links in Slack).
  return lines
    .filter((line) => line.trim() !== "")
    .join("\n")
    .replace(/<(https?:\/\/[^|>]+)\|([^>]+)>/g, "[$2]($1)");
}

const ANSWERING_METHODS: Record<string, string> = {
  "chat.postMessage": "posts",
  "chat.postEphemeral": "answers privately",
  "chat.update": "updates the message",
  "views.open": "opens a form",
  "views.update": "updates the form",
};

/** Plays the week; the clock is fixed so dates in the transcript do not change between runs. */
export async function playFirstWeek(): Promise<WeekStep[]> {
  const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  // Monday 30 November 2026, 09:00 in Amsterdam.
  const clock = new FixedClock(new Date("2026-11-30T08:00:00Z"));
  // A deployed bot links summaries to its methods note (PUBLIC_URL/methods).
  const bot = await startSlackBot(database, { clock, pollUpdateIntervalMs: 50, methodsUrl: "https://bot.example.org/methods" });
  const steps: WeekStep[] = [];
  const teamId = "T0ALLIANCE";
  // The scheduler's part of the week (the pulse round), through the real jobs, outbox and sender.
  const store = new PrismaOutboxStore(database.prisma);
  const jobs = createCoreJobHandlers({
    services: bot.services,
    recurringPolls: async () => [],
    closedPolls: async () => [],
    outbox: new Outbox(store, clock),
    renderCharts: async () => [],
    openers: { slack: bot.platform.personalOpener },
  });
  const dispatcher = new OutboxDispatcher({
    store,
    sender: createPlatformMessageSender({ senders: { slack: bot.platform.outboxSender! }, findMessage: (key) => store.findByDedupeKey(key), now: () => clock.now() }),
    clock,
    sleep: async () => {},
    random: () => 0,
  });
  bot.fake.addUser({ id: "U0ANNA", teamId, name: "Anna", email: "anna@alpha.example" });
  bot.fake.addUser({ id: "U0BEN", teamId, name: "Ben", email: "ben@beta.example" });
  // The fake opens a DM with user U as channel "DU": name the person it went to.
  const people: Record<string, string> = { U0ANNA: "Anna", U0BEN: "Ben" };
  const dmTo = (channel: string): string => (people[channel.slice(1)] ? ` to ${people[channel.slice(1)]}` : "");
  let seenCalls = 0;
  let seenResponses = 0;
  let responseSeq = 0;

  const answersSince = (calls: number, responses: number): number =>
    bot.fake.calls.slice(calls).filter((call: RecordedCall) => call.method in ANSWERING_METHODS).length + bot.fake.responses.length - responses;
  /**
   * Waits for the `expected` answers to what a person did (slow ones, like the health summary,
   * come well after the ack), then until the bot has been quiet for a moment, and records them.
   */
  async function record(day: string, who: string, did: string, expected = 1, options: { byRecipient?: boolean } = {}): Promise<WeekStep> {
    const until = Date.now() + 20_000;
    while (answersSince(seenCalls, seenResponses) < expected && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let last = -1;
    for (let quiet = 0; quiet < 4; ) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const now = bot.fake.calls.length + bot.fake.responses.length;
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    const sent = bot.fake.calls.slice(seenCalls).filter((call: RecordedCall) => call.method in ANSWERING_METHODS);
    // Sends to several people run concurrently: grouped per recipient (in order) the transcript
    // does not change between runs.
    const recipient = (call: RecordedCall) => String(call.args.channel ?? "");
    const calls = options.byRecipient ? [...sent].sort((a, b) => recipient(a).localeCompare(recipient(b))) : sent;
    const responses = bot.fake.responses.slice(seenResponses);
    seenCalls = bot.fake.calls.length;
    seenResponses = bot.fake.responses.length;
    const answers = [
      ...responses.map((r: RecordedResponse) => ({
        how: r.body.replace_original ? "replaces its message" : r.body.response_type === "in_channel" ? "answers in the channel" : "answers privately",
        text: blocksText(r.body.blocks) || String(r.body.text ?? ""),
      })),
      ...calls.map((call: RecordedCall) => ({
        how: `${ANSWERING_METHODS[call.method]}${call.args.channel?.startsWith("D") ? ` (direct message${dmTo(call.args.channel)})` : ""}`,
        text: call.method.startsWith("views.") ? `${call.args.view.title.text}\n${blocksText(call.args.view.blocks)}` : blocksText(call.args.blocks) || String(call.args.text ?? ""),
      })),
    ].filter((answer) => answer.text.trim() !== "");
    const step = { day, who, did, answers };
    steps.push(step);
    return step;
  }
  const command = async (userId: string, name: string, text: string) => {
    const id = `r${++responseSeq}`;
    await sendCommand(bot.eventsUrl, commandFields(name, text, bot.fake.responseUrl(id), { teamId, userId }));
  };
  const click = async (userId: string, actionId: string, value: string, ts: string, channelId = "C0CHANNEL") => {
    await sendInteraction(bot.eventsUrl, blockAction({ actionId, value }, { ts, channelId }, bot.fake.responseUrl(`r${++responseSeq}`), { teamId, userId }));
  };
  const buttonsIn = (blocks: Block[]): Block[] =>
    blocks.flatMap((b: Block) => [...(b.accessory?.type === "button" ? [b.accessory] : []), ...(b.type === "actions" ? b.elements : [])]);

  try {
    // Monday: Anna, the admin, sets the alliance up with its two partners.
    await command("U0ANNA", "/trust", "setup");
    // Only the form: the admin is not asked for an organisation before defining them.
    await record("Monday", "Anna (admin, Alpha)", "`/trust setup`");
    const open = bot.fake.callsTo("views.open")[0];
    await sendInteraction(
      bot.eventsUrl,
      viewSubmission(
        "alliance.setup",
        {
          name: { value: textValue("Alpha–Beta alliance") },
          "organizations.0.name": { value: textValue("Alpha") },
          "organizations.0.emailDomains": { value: textValue("alpha.example") },
          "organizations.1.name": { value: textValue("Beta") },
          "organizations.1.emailDomains": { value: textValue("beta.example") },
          timezone: { value: textValue("Europe/Amsterdam") },
        },
        open?.args.view.private_metadata,
        { teamId, userId: "U0ANNA" },
      ),
    );
    await record("Monday", "Anna", "fills in the form (Alpha: alpha.example, Beta: beta.example) and presses **Save**");

    // Tuesday: a poll, and Ben's vote.
    clock.advance(24 * 3_600_000);
    await command("U0ANNA", "/poll", '"Which day suits the monthly steering meeting?" "Monday" "Wednesday" "Friday"');
    await record("Tuesday", "Anna", '`/poll "Which day suits the monthly steering meeting?" "Monday" "Wednesday" "Friday"`');
    const poll = bot.fake.callsTo("chat.postMessage").at(-1);
    const wednesday = buttonsIn(poll?.args.blocks ?? []).find((b: Block) => b.action_id === "poll.vote" && b.text.text.includes("Wednesday"));
    if (!poll || !wednesday) throw new Error("the poll was not posted with a Wednesday button");
    await click("U0BEN", "poll.vote", wednesday.value, poll.args.ts ?? "1.1");
    await record("Tuesday", "Ben (Beta)", "presses **Wednesday**", 2);

    // Wednesday 10:00: the scheduler opens the first pulse round; everyone gets it by DM.
    clock.advance(25 * 3_600_000);
    const alliance = await bot.services.alliances.findAllianceForWorkspace("slack", teamId);
    if (!alliance) throw new Error("no alliance after setup");
    await jobs.runPulseRound(alliance.id, periodKeyFor(alliance.pulse.cadence, clock.now(), alliance.timezone), clock.now());
    for (let i = 0; i < 4; i++) await dispatcher.runOnce();
    await record("Wednesday", "The scheduler", "opens the first pulse round at 10:00, as setup said", 2, { byRecipient: true });

    // Wednesday: an agreement between the partners; Friday: it is kept, and Beta confirms.
    await command("U0ANNA", "/commit", "send the draft contract for Beta by friday");
    await record("Wednesday", "Anna", "`/commit send the draft contract for Beta by friday`");
    clock.advance(2 * 24 * 3_600_000);
    await command("U0ANNA", "/commit", "kept #1 sent with the annex");
    await record("Friday", "Anna", "`/commit kept #1 sent with the annex`", 2);
    const ask = bot.fake.callsTo("chat.postMessage").at(-1);
    const confirm = buttonsIn(ask?.args.blocks ?? []).find((b: Block) => b.action_id === "commitment.confirm");
    if (ask && confirm) {
      await click("U0BEN", "commitment.confirm", confirm.value, ask.args.ts ?? "1.2", String(ask.args.channel));
      await record("Friday", "Ben", "presses **Confirm**");
    }

    // Friday afternoon: how is the alliance doing? Then the same in Dutch.
    clock.advance(6 * 3_600_000);
    await command("U0BEN", "/trust", "health");
    await record("Friday", "Ben", "`/trust health`");
    await command("U0BEN", "/trust", "hulp");
    await record("Friday", "Ben", "`/trust hulp` (Dutch words work too; the answer is in the member's language)");
  } finally {
    await bot.close();
    await database.close();
  }
  return steps;
}

export const TRANSCRIPT_START = "<!-- first-week transcript: generated by `npm run walkthrough:slack`, do not edit by hand -->";
export const TRANSCRIPT_END = "<!-- end of first-week transcript -->";

/** The week as Markdown: per step what the person did, then each answer as a quote. */
export function transcriptMarkdown(steps: WeekStep[]): string {
  const out: string[] = [TRANSCRIPT_START, ""];
  let day = "";
  for (const step of steps) {
    if (step.day !== day) {
      day = step.day;
      out.push(`#### ${day}`, "");
    }
    out.push(`**${step.who}**: ${step.did}`, "");
    for (const answer of step.answers) {
      out.push(`*The bot ${answer.how}:*`, "");
      out.push(...answer.text.split("\n").map((line) => (line.trim() === "" ? ">" : `> ${line}`)), "");
    }
  }
  out.push(TRANSCRIPT_END);
  return out.join("\n");
}

/** `doc` with the text between the markers replaced by `transcript` (appended under a heading if absent). */
export function withTranscript(doc: string, transcript: string): string {
  const start = doc.indexOf(TRANSCRIPT_START);
  const end = doc.indexOf(TRANSCRIPT_END);
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n## The first week\n\n${transcript}\n`;
  return doc.slice(0, start) + transcript + doc.slice(end + TRANSCRIPT_END.length);
}
