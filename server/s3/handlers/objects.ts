import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { readPayload } from "../body";
import { checkReadConditions, parseRange, partRange } from "../conditions";
import { formatEtag, metadataFromHeaders, objectResponseHeaders, responseOverrides } from "../object-headers";
import { emptyResponse, type S3Response } from "../response";
import { header, requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import type { WriteConditions } from "../../engine/service/objects";
import type { ObjectRecord } from "../../engine/metadata/records";
import type { ByteRange } from "../../engine/service/read";
import { aclForObjectWrite } from "../access/write-acl";

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
  const opened = context.engine.objects.open(requireBucket(request).id, requireKey(request), null, (record) =>
    chooseRange(request, record),
  );
  const { status, headers } = readHeaders(request, opened.record, opened.range);
  return { status, headers, body: opened.body };
}

export async function headObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const record = context.engine.objects.require(requireBucket(request).id, requireKey(request));
  const { status, headers } = readHeaders(request, record, chooseRange(request, record));
  return emptyResponse(status, headers);
}

/** If-None-Match: * and If-Match on writes (S3's conditional writes). */
export function writeConditions(request: S3Request): WriteConditions | undefined {
  const ifNoneMatch = header(request, "if-none-match");
  const ifMatch = header(request, "if-match");
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== "*")
    throw new S3Error("NotImplemented", "If-None-Match on writes accepts only '*'.");
  return { ifNoneMatchStar: ifNoneMatch !== undefined, ifMatchEtag: ifMatch?.trim().replace(/^"|"$/g, "") };
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
  const metadata = metadataFromHeaders(request);
  const conditions = writeConditions(request);
  const acl = aclForObjectWrite(context, request, bucket);
  const payload = readPayload(request);
  const record = await context.engine.objects.put({
    acl,
    bucketId: bucket.id,
    key: requireKey(request),
    body: payload.body,
    expect: payload.expect,
    conditions,
    ...metadata,
  });
  return emptyResponse(200, { etag: formatEtag(record.etag), ...checksumHeaders(record.checksum) });
}

export async function deleteObject(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.objects.delete(requireBucket(request).id, requireKey(request));
  return emptyResponse(204);
}
