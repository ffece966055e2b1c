// Secrets never reach the log, wherever they sit in the logged value: under a secret-named key at
// any depth (nested error causes, HTTP client errors with config.headers, arrays of headers,
// Maps), or as a credential-looking string anywhere (message text, error messages, URLs). And
// redaction does not eat ordinary values next to them.
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLogger } from "#src/logger.js";
import { isSecretName } from "#src/log-redaction.js";

/** A logger writing JSON lines into an array. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: "info", pretty: false }, stream), output: () => lines.join("") };
}

const SECRET_KEYS = ["token", "botToken", "access_token", "client_secret", "clientSecret", "Authorization", "authorization", "cookie", "set-cookie", "x-slack-signature", "password", "appSecret", "signingSecret", "apiKey", "privateKey", "refresh_token"];
const PLAIN_KEYS = ["data", "config", "headers", "response", "request", "body", "details", "meta", "items", "context", "tokenUrl", "code"];

/** A random secret: long and distinctive enough never to appear by chance in the rest of a line. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/).map((s) => `S3CR3T${s}`);

/** One step from a container to what it holds. */
type Step = { kind: "key"; key: string } | { kind: "array"; index: number; length: number } | { kind: "error-cause" } | { kind: "error-prop"; key: string } | { kind: "map"; key: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom(...PLAIN_KEYS).map((key) => ({ kind: "key" as const, key })),
  fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 })).map(([index, extra]) => ({ kind: "array" as const, index, length: index + extra })),
  fc.constant({ kind: "error-cause" as const }),
  fc.constantFrom(...PLAIN_KEYS).map((key) => ({ kind: "error-prop" as const, key })),
  fc.constantFrom(...PLAIN_KEYS).map((key) => ({ kind: "map" as const, key })),
);

/** Wraps `inner` in the containers `path` describes, outermost first. */
function nest(path: Step[], inner: unknown): unknown {
  return path.reduceRight<unknown>((value, s) => {
    switch (s.kind) {
      case "key":
        return { [s.key]: value, neighbour: "kept-value" };
      case "array":
        return Array.from({ length: s.length }, (_, i) => (i === s.index ? value : `item-${i}`));
      case "error-cause":
        return new Error("outer failure", { cause: value });
      case "error-prop":
        return Object.assign(new Error("request failed"), { [s.key]: value });
      case "map":
        return new Map([[s.key, value]]);
    }
  }, inner);
}

describe("log redaction", () => {
  it("blanks a secret-named property at any depth, in objects, arrays, errors and maps", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.constantFrom(...SECRET_KEYS), secretValue, fc.boolean(), (path, key, secret, asErr) => {
        const { logger, output } = capture();
        const logged = nest(path, { [key]: secret, visible: "kept-value" });
        if (asErr) logger.warn({ err: logged }, "something failed");
        else logger.info({ detail: logged }, "something happened");
        const line = output();
        expect(line).not.toContain(secret);
        expect(line).toContain("[redacted]");
        expect(line).toContain("kept-value");
      }),
      { numRuns: 300 },
    );
  });

  it("blanks credential-looking strings anywhere: Slack tokens, Bearer headers, JWTs, URL passwords, query secrets", () => {
    const credential = fc.oneof(
      secretValue.map((s) => ({ text: `xoxb-1234-5678-${s}`, secret: s })),
      secretValue.map((s) => ({ text: `xapp-1-A0-${s}`, secret: s })),
      secretValue.map((s) => ({ text: `Bearer ${s}`, secret: s })),
      secretValue.map((s) => ({ text: `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.${s}`, secret: s })),
      secretValue.map((s) => ({ text: `postgresql://postgres:${s}@127.0.0.1:5432/postgres`, secret: s })),
      secretValue.map((s) => ({ text: `https://slack.com/api/oauth.v2.access?client_secret=${s}&code=1`, secret: s })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), credential, fc.constantFrom("message", "value", "error"), (path, { text, secret }, where) => {
        const { logger, output } = capture();
        if (where === "message") logger.info(`calling with ${text}`);
        else if (where === "value") logger.info({ detail: nest(path, { note: `sent ${text}` }) }, "sent");
        else logger.error(nest(path, new Error(`request failed: ${text}`)) as object);
        expect(output()).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it("redacts an Error passed alone, including the message pino would copy from it", () => {
    const { logger, output } = capture();
    logger.error(Object.assign(new Error("token xoxb-1-2-SUPERSECRET rejected"), { config: { headers: { Authorization: "Bearer ABCDEFSECRET" } } }));
    logger.error({ err: new Error("invalid_auth for xoxp-9-SECONDSECRET") });
    expect(output()).not.toMatch(/SUPERSECRET|ABCDEFSECRET|SECONDSECRET/);
    expect(output()).toContain("rejected");
  });

  it("redacts header name/value pairs: Node's flat rawHeaders and [name, value] entries", () => {
    const { logger, output } = capture();
    logger.warn({ req: { rawHeaders: ["Host", "example.org", "Authorization", "PAIRSECRET1"], entries: [["x-slack-signature", "PAIRSECRET2"], ["accept", "json"]] } }, "request");
    expect(output()).not.toMatch(/PAIRSECRET/);
    expect(output()).toContain("example.org");
  });

  it("redacts child-logger bindings and survives cycles", () => {
    const { logger, output } = capture();
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    logger.child({ headers: { cookie: "session=COOKIESECRET" } }).info({ cyclic }, "with bindings");
    expect(output()).not.toContain("COOKIESECRET");
    expect(output()).toContain("[circular]");
  });

  it("keeps ordinary names that merely contain a secret word", () => {
    expect(isSecretName("tokenUrl")).toBe(false);
    expect(isSecretName("code")).toBe(false);
    expect(isSecretName("x-slack-signature")).toBe(true);
    expect(isSecretName("Proxy-Authorization")).toBe(true);
  });
});
