// The ack floor of bench/slack-votes.bench.ts, in a process of its own as the bot is: a bare Bolt
// app on the bot's HTTP server stack (createHttpServer + buildBoltApp) that acks poll.vote and does
// nothing else, against the fake Web API at SLACK_API_URL. Prints {"port":N} once listening.
import { pino } from "pino";
import { createHttpServer, finishRoutes } from "#http/server.js";
import { buildBoltApp } from "#platforms/slack/transport/slack-app.js";
import { SIGNING_SECRET } from "../../test/fakes/slack-requests.js";

const logger = pino({ level: "silent" });
const { app, router } = buildBoltApp({
  slack: { signingSecret: SIGNING_SECRET, apiUrl: process.env.SLACK_API_URL!, mode: { kind: "single", botToken: "xoxb-test-T111" } },
  logger,
});
app.action("poll.vote", async ({ ack }) => {
  await ack();
});
await app.init();
const http = createHttpServer({ logger, ready: async () => {} });
http.app.use(router!);
finishRoutes(http.app, logger);
const port = await http.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
console.log(JSON.stringify({ port }));
process.on("SIGTERM", () => void http.close(100).then(() => process.exit(0)));
