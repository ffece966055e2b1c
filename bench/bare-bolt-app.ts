// The ack floor the vote benches compare with: a Bolt app on the bot's own HTTP server stack
// (createHttpServer + buildBoltApp) that acks poll.vote and does nothing else. Used in-process by
// slack-votes-in-process.bench.ts and in a process of its own by children/bare-bolt.ts.
import { pino } from "pino";
import { createHttpServer, finishRoutes } from "#http/server.js";
import type { AckLatencyRecorder } from "#platforms/slack/transport/ack-latency.js";
import { buildBoltApp, type SlackConfig } from "#platforms/slack/transport/slack-app.js";

export async function startBareBoltApp(options: { slack: SlackConfig; ackLatency?: AckLatencyRecorder; port?: number }): Promise<{ port: number; close(): Promise<void> }> {
  const logger = pino({ level: "silent" });
  const { app, router } = buildBoltApp({ slack: options.slack, logger, ...(options.ackLatency ? { ackLatency: options.ackLatency } : {}) });
  app.action("poll.vote", async ({ ack }) => {
    await ack();
  });
  await app.init();
  const http = createHttpServer({ logger, ready: async () => {} });
  http.app.use(router!);
  finishRoutes(http.app, logger);
  const port = await http.listen(options.port ?? 0, "127.0.0.1");
  return { port, close: () => http.close(100) };
}
