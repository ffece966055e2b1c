// Serves PGlite over the Postgres wire protocol to several connections of one pool. Unlike
// pglite-socket's server (which hands PGlite one message at a time, so the Parse/Bind/Execute of
// two connections can interleave and clobber each other's unnamed statement), this runs each
// connection's messages up to and including a Sync (or a simple Query) as one unit, and while a
// transaction is open it runs only the units of the connection that opened it.
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

interface Unit {
  readonly conn: Connection;
  readonly bytes: Uint8Array;
}

interface Connection {
  readonly socket: net.Socket;
  closed: boolean;
}

/** A running server. */
export interface WireServer {
  close(): Promise<void>;
}

export async function startWireServer(db: PGlite, socketPath: string): Promise<WireServer> {
  const queue: Unit[] = [];
  const sockets = new Set<net.Socket>();
  let running = false;
  let owner: Connection | undefined;

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const inTransaction = owner !== undefined && db.isInTransaction();
        const index = inTransaction ? queue.findIndex((unit) => unit.conn === owner) : queue.length > 0 ? 0 : -1;
        if (index < 0) return;
        const [unit] = queue.splice(index, 1);
        const { conn, bytes } = unit!;
        owner = conn;
        const replies: Uint8Array[] = [];
        await db.runExclusive(() => db.execProtocolRawStream(bytes, { onRawData: (data) => void replies.push(data.slice()) }));
        if (!conn.closed && replies.length > 0) conn.socket.write(Buffer.concat(replies));
      }
    } finally {
      running = false;
    }
  };

  const onClose = async (conn: Connection) => {
    conn.closed = true;
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1);
    // A connection gone mid-transaction must not leave the one backend stuck in it.
    if (owner === conn) {
      owner = undefined;
      if (!running && db.isInTransaction()) await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array(Buffer.from([0x51, 0, 0, 0, 13, ...Buffer.from("ROLLBACK\0")])), { onRawData: () => {} })).catch(() => {});
    }
    void pump();
  };

  const handle = (socket: net.Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn: Connection = { socket, closed: false };
    let buffered = Buffer.alloc(0);
    let started = false;
    let groupStart = 0;
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      sockets.delete(socket);
      void onClose(conn);
    });
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      let offset = groupStart;
      for (;;) {
        if (!started) {
          if (buffered.length < 8) break;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) break;
          const code = buffered.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            buffered = buffered.subarray(length);
            continue;
          }
          queue.push({ conn, bytes: new Uint8Array(buffered.subarray(0, length)) });
          buffered = buffered.subarray(length);
          started = true;
          offset = 0;
          groupStart = 0;
          continue;
        }
        if (buffered.length < offset + 5) break;
        const type = buffered[offset]!;
        const end = offset + 1 + buffered.readInt32BE(offset + 1);
        if (buffered.length < end) break;
        offset = end;
        if (type === 0x58 /* X: Terminate */) {
          socket.end();
          buffered = Buffer.alloc(0);
          offset = 0;
          break;
        }
        if (type === 0x53 /* S: Sync */ || type === 0x51 /* Q: Query */ || type === 0x48 /* H: Flush */) {
          queue.push({ conn, bytes: new Uint8Array(buffered.subarray(0, offset)) });
          buffered = buffered.subarray(offset);
          offset = 0;
        }
      }
      groupStart = offset;
      void pump();
    });
  };

  const server = net.createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
