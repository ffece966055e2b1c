// Blanks out secrets in whatever is about to be logged, at any depth. pino's path-based redaction
// only reaches the paths it is told about (one or two levels), but secrets hide deeper: an
// HTTP client's error carries `config.headers.Authorization`, a Bolt error wraps the Web API
// response, a Teams SDK error nests the request under `cause`, arrays of headers, and so on.
// So every logged object is copied with two rules applied everywhere:
//   - a property whose NAME says it holds a secret (token, secret, password, authorization,
//     cookie, signature, api key, …) is replaced whatever its value;
//   - a string VALUE that looks like a credential (Slack tokens, Bearer/Basic credentials,
//     JWTs, passwords in URLs, secrets in query strings) has that part replaced.
// Errors become plain objects (type, message, stack, code, own properties, cause) so their
// nested parts are walked too.

export const REDACTED = "[redacted]";

/** Deeper than this is replaced by a marker: log objects are not that deep, cycles are cut anyway. */
const MAX_DEPTH = 12;

/** Lower-cased names with non-alphanumerics removed that, as a suffix, mark a secret. */
const SECRET_NAME_SUFFIXES = [
  "token",
  "tokens",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "authorization",
  "cookie",
  "apikey",
  "signature",
  "privatekey",
  "credentials",
];

/** Whether a property name says its value is a secret (`botToken`, `x-slack-signature`, `Authorization`). */
export function isSecretName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_NAME_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

const VALUE_PATTERNS: Array<[RegExp, string]> = [
  // Slack bot/user/app/config tokens.
  [/\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]+/g, REDACTED],
  // HTTP credentials in a header value or a message.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Anything JWT-shaped (Bot Framework and Entra tokens).
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // user:password@ in a URL (DATABASE_URL, the embedded database's URL).
  [/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  // Secrets in query strings and form bodies.
  [/([?&](?:client_secret|token|access_token|refresh_token|id_token|password|code|sig|signature)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/** `text` with credential-looking parts replaced. */
export function redactString(text: string): string {
  let result = text;
  for (const [pattern, replacement] of VALUE_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

function errorToObject(error: Error): Record<string, unknown> {
  const plain: Record<string, unknown> = { type: error.constructor?.name ?? "Error", message: error.message, stack: error.stack };
  for (const key of Object.keys(error)) plain[key] = (error as unknown as Record<string, unknown>)[key];
  if ("cause" in error && error.cause !== undefined) plain.cause = error.cause;
  if (error instanceof AggregateError) plain.errors = error.errors;
  return plain;
}

/** A copy of `value` with every secret replaced by "[redacted]", at any depth. */
export function redactSecrets(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === "string") return redactString(current);
    if (current === null || typeof current !== "object") return current;
    if (seen.has(current)) return "[circular]";
    if (depth >= MAX_DEPTH) return "[too deep]";
    seen.add(current);
    try {
      if (Array.isArray(current)) {
        // Name/value pairs ([name, value] entries, Node's flat rawHeaders): a value right after a
        // secret name is a secret too.
        return current.map((item, i) => (i > 0 && typeof current[i - 1] === "string" && isSecretName(current[i - 1]) && typeof item === "string" ? REDACTED : walk(item, depth + 1)));
      }
      if (current instanceof Error) return walkObject(errorToObject(current), depth);
      if (current instanceof Map) return walkObject(Object.fromEntries(current), depth);
      if (current instanceof Set) return [...current].map((item) => walk(item, depth + 1));
      if (current instanceof Date || current instanceof RegExp) return current;
      if (Buffer.isBuffer(current) || ArrayBuffer.isView(current)) return `[${current.constructor.name} ${(current as ArrayBufferView).byteLength} bytes]`;
      // Objects with their own JSON form (URL, Prisma decimals, …) are logged as that form.
      const toJSON = (current as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") return walk(toJSON.call(current), depth + 1);
      return walkObject(current as Record<string, unknown>, depth);
    } finally {
      seen.delete(current);
    }
  };
  const walkObject = (object: Record<string, unknown>, depth: number) => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const inner = object[key];
      copy[key] = isSecretName(key) && inner !== undefined && inner !== null && inner !== "" ? REDACTED : walk(inner, depth + 1);
    }
    return copy;
  };
  return walk(value, 0);
}
