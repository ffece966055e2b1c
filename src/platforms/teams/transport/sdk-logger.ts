// Routes the Teams SDK's log calls into our pino logger. The SDK logs whole objects (activity
// bodies with user text, axios errors whose config carries the Bearer token), so only strings
// and the safe parts of errors are passed on: chat content and secrets never reach the log.
import type { ILogger, LogLevel } from "@microsoft/teams.common";
import type { Logger } from "#src/logger.js";

/** The parts of an error that are safe to log (axios errors carry headers with tokens). */
export function safeErrorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const response = (error as { response?: { status?: unknown } }).response;
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof response?.status === "number" ? { status: response.status } : {}),
    ...(typeof code === "string" ? { code } : {}),
  };
}

function describe(args: unknown[]): { text: string; errors: Record<string, unknown>[] } {
  const text = args.filter((a): a is string | number => typeof a === "string" || typeof a === "number").join(" ");
  const errors = args.filter((a) => a instanceof Error).map(safeErrorFields);
  return { text, errors };
}

/** An ILogger for the SDK; `name` becomes a `teams` field so lines can be filtered. */
export function sdkLogger(logger: Logger, name = "teams-sdk"): ILogger {
  const write = (level: LogLevel, args: unknown[]) => {
    const { text, errors } = describe(args);
    const fields = { teams: name, ...(errors.length > 0 ? { errors } : {}) };
    // The SDK is chatty at info (one line per activity); keep that at debug.
    if (level === "error") logger.error(fields, text);
    else if (level === "warn") logger.warn(fields, text);
    else logger.debug(fields, text);
  };
  return {
    debug: (...msg) => write("debug", msg),
    info: (...msg) => write("info", msg),
    warn: (...msg) => write("warn", msg),
    error: (...msg) => write("error", msg),
    trace: (...msg) => write("trace", msg),
    log: (level, ...msg) => write(level, msg),
    child: (child) => sdkLogger(logger, `${name}/${child}`),
  };
}
