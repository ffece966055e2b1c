// Who can reach the embedded database. PGlite accepts any connection that reaches its socket (no
// authentication of its own), so the loopback port must demand this start's random password and
// the socket PGlite itself listens on must be private to our user.
import { statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "#storage/embedded-postgres.js";

let served: EmbeddedPostgres;
beforeAll(async () => {
  served = await startEmbeddedPostgres("memory://");
});
afterAll(async () => served?.close());

/** Connects with `url`, runs a query; resolves with the error code, or "connected". */
async function tryConnect(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "connected";
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const withPassword = (url: string, password: string | null) => {
  const u = new URL(url);
  u.password = password ?? "";
  return u.toString();
};

describe("embedded database access", () => {
  it("lets the bot in with this start's password", async () => {
    expect(await tryConnect(served.url)).toBe("connected");
  });

  it("refuses a connection without the password", async () => {
    expect(await tryConnect(withPassword(served.url, null))).toBe("28P01");
  });

  it("refuses a wrong password, and the password is different on every start", async () => {
    expect(await tryConnect(withPassword(served.url, "postgres"))).toBe("28P01");
    const other = await startEmbeddedPostgres("memory://");
    try {
      const ours = new URL(served.url).password;
      const theirs = new URL(other.url).password;
      expect(theirs).not.toBe(ours);
      expect(theirs.length).toBeGreaterThanOrEqual(40);
      expect(await tryConnect(withPassword(served.url, theirs))).toBe("28P01");
    } finally {
      await other.close();
    }
  });

  it("keeps PGlite's own socket private: 0600 inside a 0700 directory", () => {
    expect(statSync(served.socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(served.socketPath)).mode & 0o777).toBe(0o700);
  });

  it("survives a client that sends garbage before authenticating", async () => {
    const { hostname, port } = new URL(served.url);
    const { connect } = await import("node:net");
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), hostname, () => socket.end(Buffer.from("GET / HTTP/1.1\r\n\r\n")));
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
    });
    expect(await tryConnect(served.url)).toBe("connected");
  });
});
