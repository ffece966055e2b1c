// pino: JSON lines in production (for log shippers), pretty in development (for people).
// Tokens and secrets are redacted wherever they appear in a logged object.
import { pino, type Logger } from "pino";
import { currentRequestId } from "./request-context.js";

export type { Logger };

/** Paths pino blanks out before writing; covers config objects, headers and Slack/Teams payloads. */
export const REDACTED_PATHS = [
  "*.token",
  "*.botToken",
  "*.userToken",
  "*.appToken",
  "*.accessToken",
  "*.access_token",
  "*.refresh_token",
  "*.clientSecret",
  "*.client_secret",
  "*.signingSecret",
  "*.stateSecret",
  "*.appSecret",
  "*.password",
  "*.authorization",
  "*.Authorization",
  "*.headers.authorization",
  "*.headers.cookie",
  "*.headers[\"x-slack-signature\"]",
  "*.bot.token",
  "*.user.token",
  "token",
  "botToken",
  "appSecret",
  "clientSecret",
  "signingSecret",
];

/** Creates the process logger. `destination` lets tests capture output. */
export function createLogger(
  options: { level: string; pretty: boolean },
  destination?: NodeJS.WritableStream,
): Logger {
  const base = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    // Every line written while handling a request carries its id, whichever module logs it.
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
  };
  if (options.pretty && !destination) {
    return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } });
  }
  return destination ? pino(base, destination as pino.DestinationStream) : pino(base);
}
