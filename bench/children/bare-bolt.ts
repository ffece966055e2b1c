// The ack floor of bench/slack-votes.bench.ts, in a process of its own as the bot is: a bare Bolt
// app on the bot's HTTP server stack (createHttpServer + buildBoltApp) that acks poll.vote and does
// nothing else, against the fake Web API at SLACK_API_URL. Prints {"port":N} once listening.
import { SIGNING_SECRET } from "../../test/fakes/slack-requests.js";
import { startBareBoltApp } from "../bare-bolt-app.js";

const { port, close } = await startBareBoltApp({
  slack: { signingSecret: SIGNING_SECRET, apiUrl: process.env.SLACK_API_URL!, mode: { kind: "single", botToken: "xoxb-test-T111" } },
  port: Number(process.env.PORT ?? 0),
});
console.log(JSON.stringify({ port }));
process.on("SIGTERM", () => void close().then(() => process.exit(0)));
