import type { ObjectRecord } from "../engine/metadata/records";
import type { ObjectMetadata } from "../engine/service/objects";
import { limits } from "../util/limits";
import { S3Error } from "./errors";
import { header, type S3Request } from "./request";

/** Object metadata in and out of HTTP headers. */

const keptHeaders = [
  "content-type",
  "content-encoding",
  "content-disposition",
  "content-language",
  "cache-control",
  "expires",
] as const;
const storageClasses = new Set([
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER_IR",
]);

export function metadataFromHeaders(request: S3Request): ObjectMetadata {
  rejectUnsupported(request);
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    let value = header(request, name);
    if (name === "content-encoding" && value !== undefined) value = withoutAwsChunked(value);
    if (value) headers[name] = value;
  }
  headers["content-type"] ??= "binary/octet-stream";
  const userMeta: Record<string, string> = {};
  let metaBytes = 0;
  for (const [name, value] of Object.entries(request.req.headers)) {
    if (!name.startsWith("x-amz-meta-") || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(",") : value;
    const key = name.slice("x-amz-meta-".length);
    // Kept as received (one character per byte), so a UTF-8 value is returned byte for byte.
    userMeta[key] = text;
    metaBytes += Buffer.byteLength(key) + Buffer.byteLength(text, "latin1");
  }
  if (metaBytes > limits.maxUserMetadataBytes)
    throw new S3Error(
      "MetadataTooLarge",
      `Your metadata headers exceed the maximum allowed metadata size of ${limits.maxUserMetadataBytes} bytes.`,
    );
  return { headers, userMeta };
}

/**
 * aws-chunked is how the body travelled, not what it is: the encoding is kept
 * exactly as sent, less that one token and its separator.
 */
export function withoutAwsChunked(value: string): string {
  return value
    .split(",")
    .filter((token) => token.trim().toLowerCase() !== "aws-chunked")
    .join(",")
    .trim();
}

/** Encryption and locking we do not provide are refused, never silently ignored. */
function rejectUnsupported(request: S3Request): void {
  const storageClass = header(request, "x-amz-storage-class");
  if (storageClass !== undefined && !storageClasses.has(storageClass)) throw new S3Error("InvalidStorageClass");
  for (const name of ["x-amz-server-side-encryption", "x-amz-object-lock-mode", "x-amz-object-lock-legal-hold"]) {
    if (header(request, name) !== undefined)
      throw new S3Error("NotImplemented", `The ${name} header is not supported by this server.`);
  }
}

export function formatEtag(etag: string): string {
  return `"${etag}"`;
}

/** The last second formatted: objects written in the same second (and Last-Modified of a hot one) share it. */
let lastHttpDate = { second: Number.NaN, text: "" };

export function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastHttpDate.second) lastHttpDate = { second, text: new Date(second * 1000).toUTCString() };
  return lastHttpDate.text;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, ".000Z");
}

/**
 * `wholeObject` false: a range or a part is served, and the stored checksum
 * covers other bytes; S3 then sends none, and clients that validate it (the JS
 * SDK does by default) would otherwise reject a correct body.
 */
export function objectResponseHeaders(
  record: ObjectRecord,
  request: S3Request,
  wholeObject: boolean,
): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    etag: formatEtag(record.etag),
    "last-modified": httpDate(record.createdMs),
    "accept-ranges": "bytes",
  };
  for (const [name, value] of Object.entries(record.headers)) headers[name] = value;
  for (const [name, value] of Object.entries(record.userMeta)) headers[`x-amz-meta-${name}`] = value;
  if (record.parts) headers["x-amz-mp-parts-count"] = record.parts.length;
  if (record.tags.length > 0) headers["x-amz-tagging-count"] = record.tags.length;
  if (wholeObject && record.checksum && header(request, "x-amz-checksum-mode")?.toUpperCase() === "ENABLED") {
    headers[`x-amz-checksum-${record.checksum.algorithm.toLowerCase()}`] = record.checksum.valueBase64;
    headers["x-amz-checksum-type"] = record.checksum.type;
  }
  return headers;
}

/** Presigned GETs may override response headers (response-content-type, …). */
export function responseOverrides(request: S3Request): Record<string, string> {
  const overrides: Record<string, string> = {};
  const names = [
    "content-type",
    "content-language",
    "expires",
    "cache-control",
    "content-disposition",
    "content-encoding",
  ];
  for (const name of names) {
    const value = request.query.get(`response-${name}`);
    if (value !== null) overrides[name] = value;
  }
  if (Object.keys(overrides).length > 0 && request.accessKeyId === null) {
    throw new S3Error("InvalidRequest", "Request specific response headers cannot be used for anonymous GET requests.");
  }
  return overrides;
}
