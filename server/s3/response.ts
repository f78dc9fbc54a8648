import { limits } from "../util/limits";
import type http from "node:http";
import { once } from "node:events";
import { S3Error } from "./errors";
import { renderXml, type XmlNode } from "./xml";

/**
 * Handlers return a response value; one function writes it. Bodies are a string or
 * bytes, or a stream of buffers written with backpressure.
 */

export interface S3Response {
  status: number;
  headers: Record<string, string | number | undefined>;
  body?: string | Buffer | AsyncIterable<Buffer> | RecyclableChunks | null;
}

/**
 * A stream whose chunks are given back once written: the engine reads blocks into
 * reusable buffers (a fresh one per block costs the garbage collector more than the
 * read itself), and only the writer knows when the socket is done with their bytes.
 */
export interface RecyclableChunks extends AsyncIterable<Buffer> {
  recycle(chunk: Buffer): void;
}

function isRecyclable(body: AsyncIterable<Buffer>): body is RecyclableChunks {
  return typeof (body as Partial<RecyclableChunks>).recycle === "function";
}

/**
 * A streamed body declared this small is read whole before the head is written and
 * leaves in one write with it: a 4 KiB GET then costs one socket write instead of a
 * write per chunk and the promise hops of a stream, and a failure while reading is
 * still answered with an error status. At most one block is held, as a stream holds.
 */
const gatheredBodyMaxBytes = limits.maxGatheredBodyBytes;

export function xmlResponse(
  root: string,
  content: XmlNode,
  status = 200,
  headers: S3Response["headers"] = {},
): S3Response {
  return { status, headers: { "content-type": "application/xml", ...headers }, body: renderXml(root, content) };
}

export function emptyResponse(status: number, headers: S3Response["headers"] = {}): S3Response {
  return { status, headers, body: null };
}

export function errorResponse(error: S3Error, resource: string, requestId: string, method: string): S3Response {
  const body = renderXml(
    "Error",
    { Code: error.code, Message: error.message, ...error.details, Resource: resource, RequestId: requestId },
    null,
  );
  return {
    status: error.status,
    headers: { "content-type": "application/xml", ...error.headers },
    // HEAD responses carry no body, so clients read the status alone (as with S3).
    body: method === "HEAD" || error.status === 304 ? null : body,
  };
}

/** Writes the response; returns the body bytes sent. A stream that fails midway aborts the connection. */
export async function writeResponse(
  res: http.ServerResponse,
  response: S3Response,
  requestId: string,
): Promise<number> {
  const headers: Record<string, string | number> = {
    "x-amz-request-id": requestId,
    "x-amz-id-2": requestId,
    server: "Carport",
  };
  for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = value;
  const body = response.body;
  if (body === null || body === undefined || typeof body === "string" || Buffer.isBuffer(body)) {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : (body ?? null);
    if (bytes && headers["content-length"] === undefined) headers["content-length"] = bytes.length;
    if (!bytes && headers["content-length"] === undefined && response.status !== 304 && response.status !== 204)
      headers["content-length"] = 0;
    res.writeHead(response.status, headers);
    res.end(bytes ?? undefined);
    return bytes?.length ?? 0;
  }
  res.writeHead(response.status, headers);
  return streamBody(res, body);
}

async function streamBody(res: http.ServerResponse, body: AsyncIterable<Buffer>): Promise<number> {
  let sentBytes = 0;
  const iterator = body[Symbol.asyncIterator]();
  const recycle = isRecyclable(body) ? (chunk: Buffer) => body.recycle(chunk) : null;
  const closed = once(res, "close").catch(() => undefined);
  let previousWritten: Promise<void> | null = null;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (res.destroyed) break;
      const chunk = next.value;
      sentBytes += chunk.length;
      // The callback runs once the socket has written the chunk; after a failed write its bytes are left alone.
      const written = new Promise<void>((resolve) => {
        res.write(chunk, (error) => {
          if (!error) recycle?.(chunk);
          resolve();
        });
      });
      // Backpressure that never lets the socket idle: the next chunk is fetched once the one
      // before this has left, so one chunk always waits queued behind the write in progress.
      if (previousWritten) await Promise.race([previousWritten, closed]);
      previousWritten = written;
    }
    res.end();
  } catch (error) {
    // Headers are gone: the only honest signal left is to cut the connection.
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    await iterator.return?.();
  }
  return sentBytes;
}

/**
 * Reads a streamed body's first chunk before anything is sent, so a failure
 * there (a corrupt or missing first block) is answered with a proper error
 * status instead of a connection closed before any header.
 */
export async function primeBody(response: S3Response): Promise<S3Response> {
  const body = response.body;
  if (body === null || body === undefined || typeof body === "string" || Buffer.isBuffer(body)) return response;
  const declaredBytes = Number(response.headers["content-length"]);
  if (declaredBytes <= gatheredBodyMaxBytes) return { ...response, body: await gather(body) };
  const recycle = isRecyclable(body) ? (chunk: Buffer) => body.recycle(chunk) : null;
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* primed(): AsyncGenerator<Buffer> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { ...response, body: recycle ? Object.assign(primed(), { recycle }) : primed() };
}

async function gather(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

export function toS3Error(error: unknown): S3Error {
  return error instanceof S3Error ? error : new S3Error("InternalError");
}
