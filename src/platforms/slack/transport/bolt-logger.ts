// Bolt and the Slack SDKs log through their own Logger interface; this hands their lines to our
// pino logger so tokens stay redacted and levels are set in one place (LOG_LEVEL).
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "#src/logger.js";

/** A Bolt Logger writing to `logger` (a pino child named "slack"). */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  let level: LogLevel = toBoltLevel(child.level);
  const write = (method: "debug" | "info" | "warn" | "error") => (...msg: unknown[]) => {
    child[method](msg.map((part) => (typeof part === "string" ? part : safeString(part))).join(" "));
  };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel(next: LogLevel) {
      // Bolt sets its default (info) on every logger it is given; LOG_LEVEL stays in charge.
      level = next;
    },
    getLevel: () => level,
    setName() {
      // pino child bindings already name the component
    },
  };
}

function toBoltLevel(pinoLevel: string): LogLevel {
  if (pinoLevel === "debug" || pinoLevel === "trace") return LogLevel.DEBUG;
  if (pinoLevel === "info") return LogLevel.INFO;
  if (pinoLevel === "warn") return LogLevel.WARN;
  return LogLevel.ERROR;
}

function safeString(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
