import net from "node:net";

/**
 * HTTP/1.1 by hand, for requests no client library will send (smuggling, broken
 * framing, oversize heads, bodies cut short) and for reading every response the
 * server writes on one connection, so a smuggled second request shows up as a
 * second response.
 */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  responses: RawResponse[];
  /** The server closed the connection (rather than our own deadline ending the exchange). */
  closedByServer: boolean;
  /** Bytes received that did not parse as a response (should always be empty). */
  leftover: Buffer;
}

export interface RawOptions {
  /** After this long with no byte received, the exchange ends (the connection is ours to close). */
  quietMs?: number;
  /** Written after the head, with backpressure; errors writing it (server closed) are expected, not failures. */
  body?: AsyncIterable<Buffer> | Buffer;
  /** End the exchange as soon as this many whole responses have arrived (default: wait for close or quiet). */
  untilResponses?: number;
}

/** Sends `head` (and an optional body) on a fresh connection; resolves with every response read. */
export function rawExchange(url: string, head: Buffer | string, options: RawOptions = {}): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  const quietMs = options.quietMs ?? 1500;
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    let closedByServer = false;
    let quiet: NodeJS.Timeout = setTimeout(() => socket.destroy(), quietMs * 4);
    const rearm = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => socket.destroy(), quietMs);
    };
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      rearm();
      const wanted = options.untilResponses;
      if (wanted !== undefined && parseResponses(Buffer.concat(received)).responses.length >= wanted) socket.destroy();
    });
    socket.on("end", () => {
      closedByServer = true;
    });
    socket.on("error", () => undefined);
    socket.on("close", (hadError) => {
      clearTimeout(quiet);
      closedByServer ||= hadError;
      resolve({ ...parseResponses(Buffer.concat(received)), closedByServer });
    });
    socket.on("connect", () => {
      socket.write(head);
      if (options.body) void writeBody(socket, options.body);
    });
  });
}

async function writeBody(socket: net.Socket, body: AsyncIterable<Buffer> | Buffer): Promise<void> {
  const chunks = Buffer.isBuffer(body) ? [body] : body;
  for await (const chunk of chunks) {
    if (socket.destroyed || !socket.writable) return;
    if (!socket.write(chunk))
      await new Promise<void>((resolve) => {
        socket.once("drain", resolve);
        socket.once("close", resolve);
      });
  }
}

/** Parses consecutive HTTP/1.1 responses (Content-Length or chunked bodies). */
export function parseResponses(data: Buffer): { responses: RawResponse[]; leftover: Buffer } {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf("\r\n\r\n", offset);
    if (headEnd < 0) break;
    const lines = data.subarray(offset, headEnd).toString("latin1").split("\r\n");
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!status) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyStart = headEnd + 4;
    const framed = frameBody(data, bodyStart, headers);
    if (!framed) break;
    responses.push({ status: Number(status[1]), headers, body: framed.body });
    offset = framed.end;
  }
  return { responses, leftover: data.subarray(offset) };
}

function frameBody(data: Buffer, start: number, headers: Record<string, string>): { body: Buffer; end: number } | null {
  if (headers["transfer-encoding"]?.toLowerCase().includes("chunked")) {
    const parts: Buffer[] = [];
    let offset = start;
    for (;;) {
      const lineEnd = data.indexOf("\r\n", offset);
      if (lineEnd < 0) return null;
      const size = parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
      if (!Number.isFinite(size)) return null;
      if (size === 0) {
        const end = data.indexOf("\r\n\r\n", lineEnd);
        return end < 0 ? null : { body: Buffer.concat(parts), end: end + 4 };
      }
      if (data.length < lineEnd + 2 + size + 2) return null;
      parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
  }
  const length = Number(headers["content-length"] ?? 0);
  if (data.length < start + length) return null;
  return { body: data.subarray(start, start + length), end: start + length };
}

/** A request head from a method, a path, and headers (in order, duplicates allowed). */
export function requestHead(method: string, path: string, headers: Array<[string, string]>): string {
  return `${method} ${path} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}

/** A large body generated piece by piece, never held whole. */
export async function* repeatedBody(piece: Buffer, totalBytes: number): AsyncGenerator<Buffer> {
  for (let sent = 0; sent < totalBytes; sent += piece.length)
    yield piece.length <= totalBytes - sent ? piece : piece.subarray(0, totalBytes - sent);
}
