/**
 * Slack's side of Socket Mode for offline tests: a minimal WebSocket server (RFC 6455 text
 * frames, enough for Bolt's SocketModeClient) that says hello, sends envelopes and records the
 * acks. Written on node:http because the project has no WebSocket server dependency.
 */
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** The fake Socket Mode endpoint. */
export class FakeSocketMode extends EventEmitter {
  /** Messages the app sent (acks), parsed. */
  readonly received: Array<Record<string, unknown>> = [];
  private server: Server | undefined;
  private socket: Duplex | undefined;
  url = "";

  async start(): Promise<string> {
    const server = createServer((_req, res) => res.writeHead(426).end());
    server.on("upgrade", (req, socket) => {
      const key = String(req.headers["sec-websocket-key"] ?? "");
      const accept = createHash("sha1").update(key + GUID).digest("base64");
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      this.socket = socket;
      let buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (let frame = readFrame(buffer); frame; frame = readFrame(buffer)) {
          buffer = buffer.subarray(frame.length);
          if (frame.opcode === 0x1) {
            this.received.push(JSON.parse(frame.payload.toString("utf8")) as Record<string, unknown>);
            this.emit("message");
          } else if (frame.opcode === 0x9) socket.write(encode(frame.payload, 0xa));
          else if (frame.opcode === 0x8) socket.end(encode(Buffer.alloc(0), 0x8));
        }
      });
      socket.on("error", () => {});
      this.send({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0001" } });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=fake`;
    return this.url;
  }

  /** Sends one JSON message to the app. */
  send(message: object): void {
    this.socket?.write(encode(Buffer.from(JSON.stringify(message), "utf8"), 0x1));
  }

  /** Resolves with the app's answer to `envelopeId`. */
  waitForAck(envelopeId: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.received.find((m) => m.envelope_id === envelopeId);
        if (hit) {
          clearTimeout(timer);
          this.off("message", check);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        this.off("message", check);
        reject(new Error(`no ack for ${envelopeId}`));
      }, timeoutMs);
      this.on("message", check);
      check();
    });
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function encode(payload: Buffer, opcode: number): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else if (length >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return null;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (buffer[maskOffset + (i % 4)] ?? 0);
  return { opcode, payload, length: offset + length };
}
