import type { ObjectRecord } from "../engine/metadata/records";
import type { ByteRange } from "../engine/service/read";
import { S3Error } from "./errors";
import { formatEtag, httpDate } from "./object-headers";
import { header, type S3Request } from "./request";

/** Conditional requests (RFC 7232 with AWS's precedence) and byte ranges. */

function etagMatches(list: string, etag: string): boolean {
  return list.split(",").some((item) => {
    const candidate = item.trim();
    return candidate === "*" || candidate.replace(/^W\//, "").replace(/"/g, "") === etag;
  });
}

function parseHttpDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Seconds precision, as Last-Modified. */
function modifiedSeconds(record: ObjectRecord): number {
  return Math.floor(record.createdMs / 1000);
}

/** GET/HEAD preconditions: 412 for If-Match / If-Unmodified-Since, 304 for If-None-Match / If-Modified-Since. */
export function checkReadConditions(request: S3Request, record: ObjectRecord): void {
  const ifMatch = header(request, "if-match");
  const ifNoneMatch = header(request, "if-none-match");
  const ifUnmodifiedSince = parseHttpDate(header(request, "if-unmodified-since"));
  const ifModifiedSince = parseHttpDate(header(request, "if-modified-since"));
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, record.etag))
      throw new S3Error("PreconditionFailed", undefined, { details: { Condition: "If-Match" } });
  } else if (ifUnmodifiedSince !== null && modifiedSeconds(record) > Math.floor(ifUnmodifiedSince / 1000)) {
    throw new S3Error("PreconditionFailed", undefined, { details: { Condition: "If-Unmodified-Since" } });
  }
  const notModified = () =>
    new S3Error("NotModified", undefined, {
      headers: { etag: formatEtag(record.etag), "last-modified": httpDate(record.createdMs) },
    });
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, record.etag)) throw notModified();
  } else if (ifModifiedSince !== null && modifiedSeconds(record) <= Math.floor(ifModifiedSince / 1000)) {
    throw notModified();
  }
}

/** CopyObject / UploadPartCopy source preconditions: every failure is 412. */
export function checkCopySourceConditions(request: S3Request, record: ObjectRecord): void {
  const ifMatch = header(request, "x-amz-copy-source-if-match");
  const ifNoneMatch = header(request, "x-amz-copy-source-if-none-match");
  const ifUnmodifiedSince = parseHttpDate(header(request, "x-amz-copy-source-if-unmodified-since"));
  const ifModifiedSince = parseHttpDate(header(request, "x-amz-copy-source-if-modified-since"));
  const fail = (condition: string) =>
    new S3Error("PreconditionFailed", undefined, { details: { Condition: condition } });
  if (ifMatch !== undefined && !etagMatches(ifMatch, record.etag)) throw fail("x-amz-copy-source-If-Match");
  if (
    ifMatch === undefined &&
    ifUnmodifiedSince !== null &&
    modifiedSeconds(record) > Math.floor(ifUnmodifiedSince / 1000)
  )
    throw fail("x-amz-copy-source-If-Unmodified-Since");
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, record.etag)) throw fail("x-amz-copy-source-If-None-Match");
  if (
    ifNoneMatch === undefined &&
    ifModifiedSince !== null &&
    modifiedSeconds(record) <= Math.floor(ifModifiedSince / 1000)
  )
    throw fail("x-amz-copy-source-If-Modified-Since");
}

/**
 * One byte range, as S3 serves it: a malformed or multi-range header is ignored
 * (the whole object is sent); an unsatisfiable one is 416 with `bytes * /size`.
 */
export function parseRange(value: string | undefined, sizeBytes: number): ByteRange | null {
  if (value === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const unsatisfiable = () =>
    new S3Error("InvalidRange", undefined, {
      headers: { "content-range": `bytes */${sizeBytes}` },
      details: { RangeRequested: value, ActualObjectSize: String(sizeBytes) },
    });
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || sizeBytes === 0) throw unsatisfiable();
    return { startByte: Math.max(0, sizeBytes - suffix), endByte: sizeBytes - 1 };
  }
  const startByte = Number(match[1]);
  const endByte = match[2] === "" ? sizeBytes - 1 : Math.min(Number(match[2]), sizeBytes - 1);
  if (match[2] !== "" && Number(match[2]) < startByte) return null;
  if (startByte >= sizeBytes) throw unsatisfiable();
  return { startByte, endByte };
}

/** The byte range of the n-th part (GET ?partNumber=n). */
export function partRange(record: ObjectRecord, partNumber: number): ByteRange {
  if (!record.parts) {
    if (partNumber !== 1)
      throw new S3Error("InvalidPart", "The requested partnumber is not satisfiable", {
        headers: { "content-range": `bytes */${record.sizeBytes}` },
      });
    return { startByte: 0, endByte: record.sizeBytes - 1 };
  }
  if (partNumber > record.parts.length) throw new S3Error("InvalidPart", "The requested partnumber is not satisfiable");
  let startByte = 0;
  for (let index = 0; index < partNumber - 1; index += 1) startByte += record.parts[index][1];
  return { startByte, endByte: startByte + record.parts[partNumber - 1][1] - 1 };
}
