/**
 * The whole bot (src/compose.ts startBot) with Slack configured from environment variables,
 * pointed at the fake Web API through SLACK_API_URL: the way an outside harness drives it.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "#src/compose.js";
import { loadConfig } from "#src/config.js";
import { FakeSlack } from "../../fakes/fake-slack.js";
import { commandFields, SIGNING_SECRET, sendCommand } from "../../fakes/slack-requests.js";

const fake = new FakeSlack();
let bot: RunningBot;

beforeAll(async () => {
  await fake.start();
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DATA_DIR: "memory://",
    APP_SECRET: "compose-test-secret-0123456789abcdef",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-test-T111",
    SLACK_API_URL: fake.apiUrl,
    SCHEDULER_ENABLED: "false",
  });
  bot = await startBot(config, pino({ level: "silent" }));
});

afterAll(async () => {
  await bot?.stop();
  await fake.stop();
});

describe("startBot with Slack", () => {
  it("checks the token at start-up and answers a signed /poll on the shared port", async () => {
    expect(fake.callsTo("auth.test")[0]?.token).toBe("xoxb-test-T111");
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    const res = await sendCommand(url, commandFields("/poll", `"Ship it?" "Yes" "No"`, fake.responseUrl("c1")));
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor("chat.postMessage");
    expect(post?.args.blocks[0].text.text).toBe("*Ship it?*");
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect(bot.slack?.outboxSender).not.toBeNull();
  });
});
