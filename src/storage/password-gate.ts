// A password check in front of the embedded database. PGlite answers the Postgres wire protocol
// but has no authentication at all: whoever reaches its socket gets full SQL as superuser. So the
// embedded server listens only on a Unix socket in a private directory, and the one TCP port the
// app (and migrations) connect to is this gate: it speaks just enough of the protocol to ask for
// an MD5 password (salted per connection, so the password never crosses the wire), and only then
// pipes the connection through to PGlite. The password is random per start and lives only in the
// process's memory (in the connection URL handed to the Prisma client).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";

/** Postgres protocol request codes that arrive in place of a startup message. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** A client that has not authenticated by then is dropped (a stuck or hostile local process). */
const AUTH_TIMEOUT_MS = 10_000;
/** Startup and password messages are small; anything bigger is not a Postgres client. */
const MAX_PREAUTH_BYTES = 16 * 1024;

const md5hex = (data: Buffer | string) => createHash("md5").update(data).digest("hex");

/** What libpq and node-postgres send for MD5 authentication. */
export function md5PasswordResponse(user: string, password: string, salt: Buffer): string {
  return `md5${md5hex(Buffer.concat([Buffer.from(md5hex(password + user)), salt]))}`;
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function authFailed(user: string): Buffer {
  const field = (code: string, value: string) => Buffer.from(`${code}${value}\0`, "utf8");
  return message(
    "E",
    Buffer.concat([field("S", "FATAL"), field("V", "FATAL"), field("C", "28P01"), field("M", `password authentication failed for user "${user}"`), Buffer.from([0])]),
  );
}

function startupParameters(body: Buffer): Map<string, string> {
  const parts = body.subarray(4).toString("utf8").split("\0");
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length && parts[i]; i += 2) params.set(parts[i]!, parts[i + 1]!);
  return params;
}

/** A running gate. */
export interface PasswordGate {
  /** host:port of the gate. */
  readonly address: { host: string; port: number };
  close(): Promise<void>;
}

/**
 * Listens on `host`:0 and forwards each client that presents `password` to the Unix socket at
 * `upstreamPath`, replaying its startup message so the database completes the handshake.
 */
export async function startPasswordGate(options: { host: string; upstreamPath: string; password: string }): Promise<PasswordGate> {
  const expectedPassword = options.password;
  const sockets = new Set<net.Socket>();

  const handle = (client: net.Socket) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    const timer = setTimeout(() => client.destroy(), AUTH_TIMEOUT_MS);
    timer.unref();
    let buffered = Buffer.alloc(0);
    let stage: "startup" | "password" = "startup";
    let startup: Buffer | undefined;
    let user = "";
    const salt = randomBytes(4);

    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > MAX_PREAUTH_BYTES) return client.destroy();
      for (;;) {
        if (stage === "startup") {
          if (buffered.length < 8) return;
          const length = buffered.readInt32BE(0);
          if (length < 8 || length > MAX_PREAUTH_BYTES) return client.destroy();
          if (buffered.length < length) return;
          const body = buffered.subarray(4, length);
          const code = body.readInt32BE(0);
          const whole = buffered.subarray(0, length);
          buffered = buffered.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            client.write("N"); // no TLS on a loopback socket; the client goes on in plain text
            continue;
          }
          if (code === CANCEL_REQUEST || code !== PROTOCOL_3) return client.destroy();
          startup = Buffer.from(whole);
          user = startupParameters(body).get("user") ?? "";
          const request = Buffer.alloc(8);
          request.writeInt32BE(5, 0); // AuthenticationMD5Password
          salt.copy(request, 4);
          client.write(message("R", request));
          stage = "password";
          continue;
        }
        if (buffered.length < 5) return;
        const length = buffered.readInt32BE(1);
        if (buffered[0] !== 0x70 /* 'p' */ || length < 5 || length > MAX_PREAUTH_BYTES) return client.destroy();
        if (buffered.length < length + 1) return;
        const presented = Buffer.from(buffered.subarray(5, length + 1).toString("utf8").replace(/\0$/, ""));
        const rest = buffered.subarray(length + 1);
        const expected = Buffer.from(md5PasswordResponse(user, expectedPassword, salt));
        client.off("data", onData);
        client.pause();
        clearTimeout(timer);
        if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
          client.end(authFailed(user));
          return;
        }
        return connectUpstream(client, Buffer.concat([startup!, rest]));
      }
    };
    client.on("data", onData);
  };

  const connectUpstream = (client: net.Socket, first: Buffer) => {
    const upstream = net.connect(options.upstreamPath);
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("error", () => upstream.destroy());
    upstream.write(first);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };

  const server = net.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, options.host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: { host: options.host, port },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
