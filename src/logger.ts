// pino: JSON lines in production (for log shippers), pretty in development (for people).
// Tokens and secrets are redacted wherever they appear in a logged object, at any depth, and in
// the message text (src/log-redaction.ts), so a careless `log.warn({ err })` cannot leak the
// Authorization header buried in an HTTP client's error.
import { pino, type Logger } from "pino";
import { redactSecrets, redactString } from "./log-redaction.js";
import { currentRequestId } from "./request-context.js";

export type { Logger };

/** Creates the process logger. `destination` lets tests capture output. */
export function createLogger(
  options: { level: string; pretty: boolean },
  destination?: NodeJS.WritableStream,
): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    // Every line written while handling a request carries its id, whichever module logs it.
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
    formatters: {
      // The logged object, copied with every secret blanked out (errors become plain objects).
      log: (object) => redactSecrets(object) as Record<string, unknown>,
    },
    // pino's own err serializer would rebuild our plain error copy and drop its redacted cause.
    serializers: { err: (value: unknown) => value },
    hooks: {
      // The message text and its printf-style arguments. The first object goes through
      // formatters.log; but when no message is given pino uses the error's own message, unredacted,
      // so that is passed explicitly here.
      logMethod(args, method) {
        const cleaned: unknown[] = args.map((arg, index) => (typeof arg === "string" ? redactString(arg) : index === 0 ? arg : redactSecrets(arg)));
        const first: unknown = args[0];
        const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (typeof first === "object" && typeof args[1] !== "string" && error instanceof Error) cleaned.splice(1, 0, redactString(error.message));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  };
  const logger =
    options.pretty && !destination
      ? pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } })
      : destination
        ? pino(base, destination as pino.DestinationStream)
        : pino(base);
  // Child bindings bypass formatters.log (and pino resets formatters.bindings for children).
  // Children are created with Object.create(parent), so they all inherit this override.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactSecrets(bindings) as pino.Bindings, childOptions);
  } as typeof logger.child;
  return logger;
}
