// Preloaded (`node --import`) into a child process under benchmark (the bot, the bare-Bolt floor):
// times every request to /slack/events from its arrival at Node's HTTP server to the end of the
// answer (the ack), through Node's own diagnostics channels, so the bot and the floor are timed
// the same way without any hook in the bot's code. The parent asks over the IPC channel:
// "ack-samples" answers { acks: number[] } (ms, oldest first), "ack-reset" forgets them.
import { subscribe } from "node:diagnostics_channel";

const started = new WeakMap();
let samples = [];

subscribe("http.server.request.start", ({ request, response }) => {
  if (request.url?.startsWith("/slack/events")) started.set(response, performance.now());
});
subscribe("http.server.response.finish", ({ response }) => {
  const at = started.get(response);
  if (at !== undefined) samples.push(performance.now() - at);
});

if (process.send) {
  process.on("message", (message) => {
    if (message === "ack-samples") process.send({ acks: samples });
    if (message === "ack-reset") samples = [];
  });
  // The channel must not keep a bot alive that is shutting down.
  process.channel?.unref();
}
