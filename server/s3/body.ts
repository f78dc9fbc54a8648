import crypto from "node:crypto";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { createPayloadReader, type PayloadReader, UNSIGNED_PAYLOAD } from "./sigv4";
import { S3Error } from "./errors";
import type { S3Request } from "./request";
import {
  checksumAlgorithms,
  createChecksummer,
  isValidChecksumValue,
  type ChecksumAlgorithm,
} from "../engine/service/checksums";
import type { IngestExpectations } from "../engine/service/ingest";
import { limits } from "../util/limits";
import { parseXmlBytes, type XmlNode } from "./xml";

/**
 * The request body as payload bytes (signature-verified, aws-chunked decoded) and
 * what the client declared about it (length, Content-MD5, x-amz-checksum-*).
 */

export interface Payload {
  body: AsyncIterable<Buffer>;
  expect: Omit<IngestExpectations, "maxSizeBytes">;
}

function header(request: S3Request, name: string): string | undefined {
  const value = request.req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export function openPayload(request: S3Request): { stream: Readable; reader: PayloadReader | null } {
  request.continueBody();
  // UNSIGNED-PAYLOAD vouches for no byte: read as an anonymous body is, without a pass-through
  // stream and the pipeline whose AbortController costs a DOMException per request.
  if (!request.auth || request.auth.payload.kind === UNSIGNED_PAYLOAD) return { stream: request.req, reader: null };
  const reader = createPayloadReader(request.auth);
  pipeline(request.req, reader).catch((error: unknown) =>
    reader.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return { stream: reader, reader };
}

function declaredSizeBytes(request: S3Request): number | undefined {
  const decoded = header(request, "x-amz-decoded-content-length");
  const isChunked =
    (header(request, "content-encoding") ?? "").split(",").some((part) => part.trim() === "aws-chunked") ||
    decoded !== undefined;
  const raw = isChunked ? decoded : header(request, "content-length");
  if (raw === undefined) {
    if (header(request, "transfer-encoding")) return undefined;
    throw new S3Error("MissingContentLength");
  }
  if (!/^\d+$/.test(raw))
    throw new S3Error("InvalidArgument", "Content-Length must be a non-negative integer.", {
      details: { ArgumentName: "Content-Length" },
    });
  return Number(raw);
}

/** The checksum algorithm and value the client asks us to verify and keep. */
export function declaredChecksum(
  request: S3Request,
  readerOf: () => PayloadReader | null,
): Pick<IngestExpectations, "checksumAlgorithm" | "checksumValueBase64"> {
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
    const value = header(request, name);
    if (value !== undefined) {
      if (!isValidChecksumValue(algorithm, value))
        throw new S3Error("InvalidRequest", `Value for ${name} header is invalid.`);
      return { checksumAlgorithm: algorithm, checksumValueBase64: value };
    }
  }
  const trailer = header(request, "x-amz-trailer")?.trim().toLowerCase();
  if (trailer?.startsWith("x-amz-checksum-")) {
    const algorithm = trailer.slice("x-amz-checksum-".length).toUpperCase() as ChecksumAlgorithm;
    if (!checksumAlgorithms.includes(algorithm))
      throw new S3Error("InvalidRequest", `The trailer ${trailer} is not supported.`);
    return { checksumAlgorithm: algorithm, checksumValueBase64: () => readerOf()?.trailers.get(trailer) };
  }
  const asked = (
    header(request, "x-amz-sdk-checksum-algorithm") ?? header(request, "x-amz-checksum-algorithm")
  )?.toUpperCase();
  if (asked && checksumAlgorithms.includes(asked as ChecksumAlgorithm))
    return { checksumAlgorithm: asked as ChecksumAlgorithm };
  return {};
}

/**
 * The body opens on its first read, not before: a request refused first (a quota, a
 * missing upload) answers a client waiting on Expect: 100-continue before it sends a byte.
 */
export function readPayload(request: S3Request): Payload {
  const sizeBytes = declaredSizeBytes(request);
  const contentMd5 = header(request, "content-md5");
  if (contentMd5 !== undefined && !/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) throw new S3Error("InvalidDigest");
  let opened: ReturnType<typeof openPayload> | null = null;
  const open = () => (opened ??= openPayload(request));
  const body: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => (open().stream as AsyncIterable<Buffer>)[Symbol.asyncIterator](),
  };
  return {
    body,
    expect: { sizeBytes, contentMd5Base64: contentMd5, ...declaredChecksum(request, () => opened?.reader ?? null) },
  };
}

/** Reads a small body whole (XML requests), bounded, verified like any payload. */
/**
 * `checksumIsOfBody` false: the request's x-amz-checksum-* headers describe
 * something else (CompleteMultipartUpload's whole object), not this body.
 */
export async function readSmallBody(
  request: S3Request,
  checksumIsOfBody = true,
  maxBytes: number = limits.maxXmlBodyBytes,
): Promise<Buffer> {
  const { stream, reader } = openPayload(request);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw new S3Error("MaxMessageLengthExceeded", `The request body exceeds ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const contentMd5 = header(request, "content-md5");
  if (contentMd5 !== undefined && crypto.createHash("md5").update(body).digest("base64") !== contentMd5)
    throw new S3Error("BadDigest");
  const { checksumAlgorithm, checksumValueBase64 } = checksumIsOfBody ? declaredChecksum(request, () => reader) : {};
  const expected = typeof checksumValueBase64 === "function" ? checksumValueBase64() : checksumValueBase64;
  if (checksumAlgorithm && expected !== undefined) {
    const checksummer = createChecksummer(checksumAlgorithm);
    checksummer.update(body);
    if ((await checksummer.digest()).toString("base64") !== expected)
      throw new S3Error("BadDigest", `The ${checksumAlgorithm} you specified did not match the calculated checksum.`);
  }
  return body;
}

export async function readXmlBody(
  request: S3Request,
  root: string,
  arrayElements: readonly string[],
  checksumIsOfBody = true,
): Promise<XmlNode> {
  const body = await readSmallBody(request, checksumIsOfBody);
  return parseXmlBytes(body, root, arrayElements);
}
