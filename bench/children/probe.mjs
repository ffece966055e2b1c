// Preloaded (`node --import`) into a child process under benchmark (the bot, the bare-Bolt floor).
// Times every request to /slack/events from its arrival at Node's HTTP server to the end of the
// answer (the ack), through Node's own diagnostics channels, so the bot and the floor are timed
// the same way without any hook in the bot's code; and, on request, records a CPU profile of just
// a window of the run (the inspector, in the child's own thread). The parent asks over the IPC
// channel: "ack-samples" answers { acks: number[] } (ms, oldest first), "ack-reset" forgets them,
// { profileStart: true } starts the profiler, { profileStop: file } writes the profile to `file`
// and answers { profiled: file }.
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

const started = new WeakMap();
let samples = [];

subscribe("http.server.request.start", ({ request, response }) => {
  if (request.url?.startsWith("/slack/events")) started.set(response, performance.now());
});
subscribe("http.server.response.finish", ({ response }) => {
  const at = started.get(response);
  if (at !== undefined) samples.push(performance.now() - at);
});

let session;
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

if (process.send) {
  process.on("message", async (message) => {
    if (message === "ack-samples") process.send({ acks: samples });
    else if (message === "ack-reset") samples = [];
    else if (message?.profileStart) {
      session = new Session();
      session.connect();
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: 500 });
      await post("Profiler.start");
    } else if (message?.profileStop) {
      const { profile } = await post("Profiler.stop");
      writeFileSync(message.profileStop, JSON.stringify(profile));
      session.disconnect();
      process.send({ profiled: message.profileStop });
    }
  });
  // The channel must not keep a bot alive that is shutting down.
  process.channel?.unref();
}
