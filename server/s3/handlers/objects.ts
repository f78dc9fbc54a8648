import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { readPayload } from "../body";
import { checkReadConditions, parseRange, partRange } from "../conditions";
import { formatEtag, metadataFromHeaders, objectResponseHeaders, responseOverrides } from "../object-headers";
import { emptyResponse, type S3Response } from "../response";
import { header, requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import type { WriteConditions } from "../../engine/service/object-conditions";
import { type BucketRecord, type ObjectRecord, isDeleteMarker } from "../../engine/metadata/records";
import { requestedVersion, versionIdHeader } from "../versioning";
import { taggingHeader } from "../tagging";
import type { ByteRange } from "../../engine/service/read";
import { aclForObjectWrite } from "../access/write-acl";
import { customerKeyHeaders, customerKeyOf } from "../sse-customer";

/** GetObject, HeadObject, PutObject, DeleteObject. */

function partNumberOf(request: S3Request): number | null {
  const raw = request.query.get("partNumber");
  if (raw === null) return null;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > limits.maxPartNumber) {
    throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", {
      details: { ArgumentName: "partNumber", ArgumentValue: raw },
    });
  }
  return Number(raw);
}

function chooseRange(request: S3Request, record: ObjectRecord): ByteRange | null {
  checkReadConditions(request, record);
  const partNumber = partNumberOf(request);
  if (partNumber !== null) {
    if (header(request, "range") !== undefined)
      throw new S3Error("InvalidRequest", "Cannot specify both Range header and partNumber query parameter");
    return partRange(record, partNumber);
  }
  return parseRange(header(request, "range"), record.sizeBytes);
}

function readHeaders(
  request: S3Request,
  record: ObjectRecord,
  range: ByteRange | null,
): { status: number; headers: Record<string, string | number> } {
  const headers: Record<string, string | number> = {
    ...objectResponseHeaders(record, request, range === null),
    ...responseOverrides(request),
  };
  if (range === null) {
    headers["content-length"] = record.sizeBytes;
    return { status: 200, headers };
  }
  headers["content-length"] = range.endByte - range.startByte + 1;
  headers["content-range"] = `bytes ${range.startByte}-${range.endByte}/${record.sizeBytes}`;
  return { status: 206, headers };
}

export async function getObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const customerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const opened = context.engine.objects.open(
    bucket.id,
    requireKey(request),
    version,
    (record) => chooseRange(request, record),
    customerKey?.key ?? null,
  );
  const { status, headers } = readHeaders(request, opened.record, opened.range);
  return {
    status,
    headers: {
      ...headers,
      ...versionIdHeader(bucket, opened.record, version !== null),
      ...customerKeyHeaders(customerKey),
    },
    body: opened.body,
  };
}

export async function headObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const customerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const record = context.engine.objects.require(bucket.id, requireKey(request), version);
  context.engine.objects.checkCustomerKey(record, customerKey?.key ?? null);
  const { status, headers } = readHeaders(request, record, chooseRange(request, record));
  return emptyResponse(status, {
    ...headers,
    ...versionIdHeader(bucket, record, version !== null),
    ...customerKeyHeaders(customerKey),
  });
}

/** If-None-Match and If-Match on writes (S3's conditional writes), against the current object. */
export function writeConditions(request: S3Request): WriteConditions | undefined {
  const ifNoneMatch = header(request, "if-none-match")?.trim();
  const ifMatch = header(request, "if-match")?.trim();
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  return {
    ifNoneMatchStar: ifNoneMatch === "*",
    ifNoneMatchEtag: ifNoneMatch !== undefined && ifNoneMatch !== "*" ? unquote(ifNoneMatch) : undefined,
    ifMatchEtag: ifMatch === undefined ? undefined : unquote(ifMatch),
  };
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, "").replace(/^"|"$/g, "");
}

export function checksumHeaders(checksum: ObjectRecord["checksum"]): Record<string, string> {
  if (!checksum) return {};
  return {
    [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.valueBase64,
    "x-amz-checksum-type": checksum.type,
  };
}

export async function putObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const customerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const metadata = metadataFromHeaders(request);
  const conditions = writeConditions(request);
  const acl = aclForObjectWrite(context, request, bucket);
  const payload = readPayload(request);
  const record = await context.engine.objects.put({
    acl,
    customerKey: customerKey?.key ?? null,
    bucketId: bucket.id,
    key: requireKey(request),
    body: payload.body,
    expect: payload.expect,
    conditions,
    tags: taggingHeader(request),
    ...metadata,
  });
  return emptyResponse(200, {
    etag: formatEtag(record.etag),
    ...checksumHeaders(record.checksum),
    ...versionIdHeader(bucket, record),
    ...customerKeyHeaders(customerKey),
  });
}

/**
 * Without a version: a delete marker in a versioned bucket, the object gone in an
 * unversioned one (x-amz-delete-marker: false, as no marker was made). With one:
 * that version gone, saying whether it was a delete marker.
 */
export async function deleteObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const outcome = await context.engine.objects.delete(bucket.id, requireKey(request), version);
  const removed = outcome.version;
  if (!removed)
    return emptyResponse(
      204,
      version ? { "x-amz-version-id": request.query.get("versionId") ?? "" } : deleteMarkerFalse(bucket),
    );
  return emptyResponse(204, {
    ...versionIdHeader(bucket, removed, version !== null),
    "x-amz-delete-marker": String(isDeleteMarker(removed)),
  });
}

function deleteMarkerFalse(bucket: BucketRecord): Record<string, string> {
  return bucket.versioning === "unversioned" ? { "x-amz-delete-marker": "false" } : {};
}
