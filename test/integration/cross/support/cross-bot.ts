// One bot process with Slack pointed at the fake Web API and Teams at the fake Bot Connector, and
// the steps the cross-platform tests take on it: a /trust command on Slack, a message in Teams,
// and draining the outbox with a clock that lets backed-off retries fall due.
import { expect } from "vitest";
import type { FixedClock } from "#core/shared/clock.js";
import type { OutboxDispatcher } from "#scheduling/outbox/outbox-dispatcher.js";
import type { RecordedRequest } from "../../../fakes/fake-bot-connector.js";
import { FakeSlack } from "../../../fakes/fake-slack.js";
import { SIGNING_SECRET, commandFields, sendCommand } from "../../../fakes/slack-requests.js";
import { messageActivity, type ActivityScope } from "../../../fakes/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "../../teams/support/teams-harness.js";

export const SLACK_TEAM = "T111";
/** A one-time link code as the bot shows it. */
export const LINK_CODE = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/;

export interface CrossBot {
  slack: FakeSlack;
  h: TeamsHarness;
  /** Where Slack's signed requests go. */
  slackEvents: string;
}

/** The fake Slack (with Anna and Sam in team T111) and one bot serving both platforms. */
export async function startCrossBot(): Promise<CrossBot> {
  const slack = new FakeSlack();
  await slack.start();
  slack.addUser({ id: "U0ANN", teamId: SLACK_TEAM, name: "Anna Slack", email: "anna@engineering.example" });
  slack.addUser({ id: "U0SAM", teamId: SLACK_TEAM, name: "Sam Slack", email: "sam@engineering.example" });
  const h = await startTeamsHarness({
    auth: false,
    env: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-T111", SLACK_API_URL: slack.apiUrl },
  });
  return { slack, h, slackEvents: h.endpoint.replace("/api/messages", "/slack/events") };
}

/** The steps on the running bot; `bot` is read lazily, so it may be started in a beforeAll. */
export function crossSteps(bot: () => CrossBot) {
  const steps = {
    /** `/trust text` from `userId`; resolves with the bot's response_url answer. */
    async trust(text: string, userId: string, where: { teamId?: string; channelId?: string } = {}): Promise<any> {
      const { slack, slackEvents } = bot();
      const id = `r-${Math.random()}`;
      const res = await sendCommand(slackEvents, commandFields("/trust", text, slack.responseUrl(id), { teamId: where.teamId ?? SLACK_TEAM, userId, channelId: where.channelId ?? "C0GENERAL" }));
      expect(res.status).toBe(200);
      return (await slack.waitForResponse(id)).body;
    },
    /** The first message the bot sent to the conversation of `scope` after `text` was written there. */
    async teamsSay(scope: ActivityScope, text: string): Promise<RecordedRequest> {
      const { h } = bot();
      const mark = h.connector.mark();
      expect((await h.post(messageActivity(scope, text))).status).toBe(200);
      const conversation = scope.conversationId ?? `a:personal-${scope.user!.aadObjectId}`;
      const sent = (r: RecordedRequest) => r.method === "POST" && r.path === `/v3/conversations/${conversation}/activities` && h.connector.since(mark).includes(r);
      await h.connector.waitFor(sent);
      return h.connector.since(mark).find(sent)!;
    },
    /**
     * Anna (Slack, the first member and so the admin) sets up the Rivers Alliance of Engineering
     * Co and the Municipality, with the given channels of her workspace.
     */
    async setUpRiversAlliance(channels: { steeringChannel?: { conversationId: string }; allianceChannel?: { conversationId: string } }) {
      const { h } = bot();
      await steps.trust("help", "U0ANN");
      const slackSpace = await steps.workspaceOf("slack", SLACK_TEAM);
      const anna = (await h.bot.services.stores.members.findByExternalId(slackSpace.id, "U0ANN"))!;
      const organizations = [
        { name: "Engineering Co", emailDomains: ["engineering.example"] },
        { name: "Municipality", emailDomains: ["city.example"] },
      ];
      const setup = await h.bot.services.alliances.applySetup(await h.bot.services.members.getActor(anna.id), { name: "Rivers Alliance", organizations, ...channels }, { workspaceId: slackSpace.id });
      expect(setup).toMatchObject({ ok: true });
      return { slackSpace, anna };
    },
    /** The stored workspace of a Slack team or Teams tenant. */
    async workspaceOf(platform: "slack" | "teams", externalId: string) {
      return (await bot().h.bot.services.stores.workspaces.find(platform, externalId))!;
    },
  };
  return steps;
}

/** Stops the bot and the fake Slack (either may not have started). */
export async function stopCrossBot(bot: Partial<CrossBot>): Promise<void> {
  await bot.h?.close();
  await bot.slack?.stop();
}

/** Runs the outbox `rounds` times, moving its clock on 10 minutes each time so retries fall due. */
export async function deliverAll(dispatcher: OutboxDispatcher, clock: FixedClock, rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await dispatcher.runOnce();
    clock.advance(10 * 60_000);
  }
}
