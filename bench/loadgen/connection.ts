import net from "node:net";

/**
 * One keep-alive HTTP/1.1 connection on a raw socket, one request at a time (no
 * pipelining: a real S3 client waits for each answer). node:http's client costs
 * ~40 µs of the generator's core per request (an agent, an IncomingMessage and a
 * stream per response); this costs a few, so a 4 KiB GET at 20,000 ops/s leaves
 * the generator's core mostly idle and the figure is the server's. Responses are
 * framed by Content-Length or chunked transfer coding; a body is kept only when
 * asked (listings, upload ids, errors).
 */

export interface RawReply {
  status: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  receivedBytes: number;
  body: Buffer | null;
}

const headerEnd = Buffer.from("\r\n\r\n");
const maxHeadBytes = 64 * 1024;
const coalesceMaxBytes = 64 * 1024;

interface Pending {
  keepBody: boolean;
  noBody: boolean;
  resolve: (reply: RawReply) => void;
  reject: (error: Error) => void;
}

/** Parses one response at a time out of the socket's chunks. */
class ResponseParser {
  private head: Buffer | null = null;
  private reply: RawReply | null = null;
  private remainingBytes = 0;
  private chunked = false;
  private chunkState: "size" | "data" | "crlf" | "trailer" = "size";
  private line = "";
  private readonly kept: Buffer[] = [];

  constructor(private readonly pending: Pending) {}

  /** Consumes bytes; returns the unconsumed rest once the response is complete, else null. */
  feed(chunk: Buffer): Buffer | null {
    if (!this.reply) {
      const buffered = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = buffered.indexOf(headerEnd);
      if (end < 0) {
        if (buffered.length > maxHeadBytes) throw new Error("response head too large");
        this.head = buffered;
        return null;
      }
      this.startBody(buffered.toString("latin1", 0, end));
      chunk = buffered.subarray(end + headerEnd.length);
      if (this.done()) return chunk;
    }
    return this.chunked ? this.feedChunked(chunk) : this.feedLength(chunk);
  }

  result(): RawReply {
    const reply = this.reply as RawReply;
    if (this.pending.keepBody) reply.body = Buffer.concat(this.kept);
    return reply;
  }

  private startBody(head: string): void {
    const lines = head.split("\r\n");
    const status = Number(lines[0].split(" ")[1]);
    const headers: Record<string, string> = {};
    for (let index = 1; index < lines.length; index++) {
      const colon = lines[index].indexOf(":");
      if (colon > 0) headers[lines[index].slice(0, colon).toLowerCase()] = lines[index].slice(colon + 1).trim();
    }
    this.reply = { status, headers, receivedBytes: 0, body: null };
    const bodyless = this.pending.noBody || status === 204 || status === 304 || (status >= 100 && status < 200);
    this.chunked = !bodyless && (headers["transfer-encoding"] ?? "").toLowerCase().includes("chunked");
    this.remainingBytes = bodyless || this.chunked ? 0 : Number(headers["content-length"] ?? 0);
  }

  private done(): boolean {
    return this.chunked ? this.chunkState === "trailer" && this.line === "\r\n" : this.remainingBytes === 0;
  }

  private take(data: Buffer): void {
    (this.reply as RawReply).receivedBytes += data.length;
    if (this.pending.keepBody) this.kept.push(data);
  }

  private feedLength(chunk: Buffer): Buffer | null {
    const used = Math.min(chunk.length, this.remainingBytes);
    if (used > 0) this.take(chunk.subarray(0, used));
    this.remainingBytes -= used;
    return this.remainingBytes === 0 ? chunk.subarray(used) : null;
  }

  private feedChunked(chunk: Buffer): Buffer | null {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.chunkState === "data") {
        const used = Math.min(chunk.length - offset, this.remainingBytes);
        this.take(chunk.subarray(offset, offset + used));
        offset += used;
        this.remainingBytes -= used;
        if (this.remainingBytes === 0) this.chunkState = "crlf";
        continue;
      }
      this.line += String.fromCharCode(chunk[offset++]);
      if (!this.line.endsWith("\r\n")) continue;
      if (this.chunkState === "crlf") this.line = "";
      else if (this.chunkState === "size") this.startChunk();
      else if (this.line === "\r\n") return chunk.subarray(offset);
      else this.line = "";
      if (this.chunkState === "crlf") this.chunkState = "size";
    }
    return null;
  }

  private startChunk(): void {
    const sizeBytes = parseInt(this.line, 16);
    this.line = "";
    if (Number.isNaN(sizeBytes)) throw new Error("bad chunk size");
    this.remainingBytes = sizeBytes;
    this.chunkState = sizeBytes === 0 ? "trailer" : "data";
  }
}

export class HttpConnection {
  private readonly socket: net.Socket;
  private parser: ResponseParser | null = null;
  private pending: Pending | null = null;
  private failure: Error | null = null;
  private readonly ready: Promise<void>;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("connect", resolve);
      this.socket.once("error", reject);
    });
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error("connection closed by the server")));
  }

  get usable(): boolean {
    return this.failure === null;
  }

  /** Sends a request head (ending in CRLF CRLF) and an optional body; resolves with the whole response. */
  async request(head: string, body: Buffer | undefined, keepBody: boolean, noBody: boolean): Promise<RawReply> {
    await this.ready;
    if (this.failure) throw this.failure;
    return new Promise((resolve, reject) => {
      this.pending = { keepBody, noBody, resolve, reject };
      this.parser = new ResponseParser(this.pending);
      // One write of one buffer: a small body is copied behind the head (a memcpy is cheaper than writev).
      if (!body || body.length === 0) this.socket.write(head, "latin1");
      else if (body.length <= coalesceMaxBytes) {
        const headBytes = Buffer.byteLength(head, "latin1");
        const packet = Buffer.allocUnsafe(headBytes + body.length);
        packet.write(head, 0, "latin1");
        body.copy(packet, headBytes);
        this.socket.write(packet);
      } else {
        this.socket.write(head, "latin1");
        this.socket.write(body);
      }
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (!this.parser || !this.pending) return this.fail(new Error("data from the server with no request pending"));
    try {
      const rest = this.parser.feed(chunk);
      if (rest === null) return;
      const { resolve } = this.pending;
      const reply = this.parser.result();
      this.parser = null;
      this.pending = null;
      if (rest.length > 0) this.fail(new Error("the server sent bytes after its response"));
      resolve(reply);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = null;
    this.parser = null;
    pending?.reject(error);
    this.socket.destroy();
  }
}
