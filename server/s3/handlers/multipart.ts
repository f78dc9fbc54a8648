import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { readPayload, readXmlBody } from "../body";
import { formatEtag, isoDate, metadataFromHeaders } from "../object-headers";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { header, requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import { checksumHeaders, writeConditions } from "./objects";
import { type XmlNode, xmlChildren, xmlText } from "../xml";
import { checksumAlgorithms, type ChecksumAlgorithm, isValidChecksumValue } from "../../engine/service/checksums";
import { taggingHeader } from "../tagging";
import { versionIdHeader } from "../versioning";
import { formatUploadId } from "../../engine/service/multipart";
import { aclForObjectWrite } from "../access/write-acl";
import { customerKeyHeaders, customerKeyOf } from "../sse-customer";

/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. */

function uploadIdOf(request: S3Request): string {
  return request.query.get("uploadId") ?? "";
}

function initiator(request: S3Request): XmlNode {
  return { ID: request.accessKeyId ?? "anonymous", DisplayName: request.accessKeyId ?? "anonymous" };
}

function requestedChecksum(
  request: S3Request,
): { algorithm: ChecksumAlgorithm; type: "FULL_OBJECT" | "COMPOSITE" } | null {
  const algorithm = header(request, "x-amz-checksum-algorithm")?.toUpperCase();
  if (algorithm === undefined) return null;
  if (!checksumAlgorithms.includes(algorithm as ChecksumAlgorithm))
    throw new S3Error("InvalidRequest", `Checksum algorithm ${algorithm} is not supported.`);
  const type = (
    header(request, "x-amz-checksum-type") ?? (algorithm === "CRC64NVME" ? "FULL_OBJECT" : "COMPOSITE")
  ).toUpperCase();
  if (type !== "FULL_OBJECT" && type !== "COMPOSITE")
    throw new S3Error("InvalidRequest", "x-amz-checksum-type must be FULL_OBJECT or COMPOSITE.");
  // Hashes cannot be combined from parts, and CRC64NVME exists only as a whole-object checksum (as S3).
  if (type === "FULL_OBJECT" && (algorithm === "SHA1" || algorithm === "SHA256"))
    throw new S3Error(
      "InvalidRequest",
      `The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  if (type === "COMPOSITE" && algorithm === "CRC64NVME")
    throw new S3Error(
      "InvalidRequest",
      "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.",
    );
  return { algorithm: algorithm as ChecksumAlgorithm, type };
}

export async function createMultipartUpload(context: S3Context, request: S3Request): Promise<S3Response> {
  const checksum = requestedChecksum(request);
  const bucket = requireBucket(request);
  const customerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const upload = await context.engine.multipart.create(
    bucket.id,
    requireKey(request),
    metadataFromHeaders(request),
    checksum,
    taggingHeader(request) ?? [],
    aclForObjectWrite(context, request, bucket),
    customerKey?.key ?? null,
  );
  const headers = {
    ...(checksum ? { "x-amz-checksum-algorithm": checksum.algorithm, "x-amz-checksum-type": checksum.type } : {}),
    ...customerKeyHeaders(customerKey),
  };
  return xmlResponse(
    "InitiateMultipartUploadResult",
    { Bucket: request.bucketName ?? "", Key: upload.key, UploadId: formatUploadId(upload.uploadId) },
    200,
    headers,
  );
}

export async function uploadPart(context: S3Context, request: S3Request): Promise<S3Response> {
  const partNumber = Number(request.query.get("partNumber"));
  const customerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const payload = readPayload(request);
  const part = await context.engine.multipart.uploadPart(
    requireBucket(request).id,
    requireKey(request),
    uploadIdOf(request),
    partNumber,
    payload.body,
    payload.expect,
    customerKey?.key ?? null,
  );
  return emptyResponse(200, {
    etag: formatEtag(part.etag),
    ...checksumHeaders(part.checksum),
    ...customerKeyHeaders(customerKey),
  });
}

/** The whole object's checksum sent with the completion: a plain value, or a composite one as `<base64>-<parts>`. */
function completionChecksum(request: S3Request): string | undefined {
  for (const algorithm of checksumAlgorithms) {
    const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
    const value = header(request, name);
    if (value === undefined) continue;
    const [base64, parts] = value.split("-", 2);
    if (!isValidChecksumValue(algorithm, base64) || (parts !== undefined && !/^\d+$/.test(parts)))
      throw new S3Error("InvalidRequest", `Value for ${name} header is invalid.`);
    return value;
  }
  return undefined;
}

function partChecksum(part: XmlNode): string | undefined {
  for (const algorithm of checksumAlgorithms) {
    const value = xmlText(part, `Checksum${algorithm}`);
    if (value !== undefined) return value;
  }
  return undefined;
}

export async function completeMultipartUpload(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "CompleteMultipartUpload", ["Part"], false);
  const parts = xmlChildren(document, "Part").map((part) => {
    const partNumber = xmlText(part, "PartNumber");
    const etag = xmlText(part, "ETag");
    if (partNumber === undefined || etag === undefined || !/^\d+$/.test(partNumber))
      throw new S3Error("MalformedXML", "Every Part needs a PartNumber and an ETag.");
    return { partNumber: Number(partNumber), etag, checksumValueBase64: partChecksum(part) };
  });
  const key = requireKey(request);
  const bucket = requireBucket(request);
  const record = await context.engine.multipart.complete(
    bucket.id,
    key,
    uploadIdOf(request),
    parts,
    writeConditions(request),
    completionChecksum(request),
  );
  const checksum = record.checksum
    ? { [`Checksum${record.checksum.algorithm}`]: record.checksum.valueBase64, ChecksumType: record.checksum.type }
    : {};
  const location = `/${encodeURIComponent(request.bucketName ?? "")}/${key.split("/").map(encodeURIComponent).join("/")}`;
  return xmlResponse(
    "CompleteMultipartUploadResult",
    { Location: location, Bucket: request.bucketName ?? "", Key: key, ETag: formatEtag(record.etag), ...checksum },
    200,
    versionIdHeader(bucket, record),
  );
}

export async function abortMultipartUpload(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.multipart.abort(requireBucket(request).id, requireKey(request), uploadIdOf(request));
  return emptyResponse(204);
}

function boundedInteger(request: S3Request, name: string, fallback: number, max: number): number {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw))
    throw new S3Error("InvalidArgument", `${name} must be a non-negative integer.`, {
      details: { ArgumentName: name, ArgumentValue: raw },
    });
  return Math.min(Number(raw), max);
}

export async function listParts(context: S3Context, request: S3Request): Promise<S3Response> {
  const upload = context.engine.multipart.require(requireBucket(request).id, requireKey(request), uploadIdOf(request));
  const maxParts = boundedInteger(request, "max-parts", limits.maxListParts, limits.maxListParts);
  const marker = boundedInteger(request, "part-number-marker", 0, limits.maxPartNumber);
  const { parts, isTruncated } = context.engine.multipart.listParts(upload, marker, maxParts);
  return xmlResponse("ListPartsResult", {
    Bucket: request.bucketName ?? "",
    Key: upload.key,
    UploadId: formatUploadId(upload.uploadId),
    Initiator: initiator(request),
    Owner: initiator(request),
    StorageClass: "STANDARD",
    PartNumberMarker: marker,
    ...(isTruncated && parts.length ? { NextPartNumberMarker: parts[parts.length - 1].partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: isTruncated,
    ...(upload.checksumAlgorithm
      ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType ?? "COMPOSITE" }
      : {}),
    Part: parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: isoDate(part.createdMs),
      ETag: formatEtag(part.etag),
      Size: part.sizeBytes,
      ...(part.checksum ? { [`Checksum${part.checksum.algorithm}`]: part.checksum.valueBase64 } : {}),
    })),
  });
}

export async function listMultipartUploads(context: S3Context, request: S3Request): Promise<S3Response> {
  const maxUploads = boundedInteger(request, "max-uploads", 1000, 1000);
  const prefix = request.query.get("prefix") ?? "";
  const delimiter = request.query.get("delimiter") || null;
  const keyMarker = request.query.get("key-marker");
  const uploadIdMarker = request.query.get("upload-id-marker");
  const { uploads, isTruncated } = context.engine.multipart.listUploads(requireBucket(request).id, {
    prefix,
    keyMarker: keyMarker || null,
    uploadIdMarker: uploadIdMarker || null,
    maxUploads,
  });
  const prefixes = new Set<string>();
  const listed = uploads.filter((upload) => {
    const index = delimiter ? upload.key.indexOf(delimiter, prefix.length) : -1;
    if (index < 0) return true;
    prefixes.add(upload.key.slice(0, index + (delimiter?.length ?? 0)));
    return false;
  });
  const last = uploads[uploads.length - 1];
  return xmlResponse("ListMultipartUploadsResult", {
    Bucket: request.bucketName ?? "",
    KeyMarker: keyMarker ?? "",
    UploadIdMarker: uploadIdMarker ?? "",
    ...(isTruncated && last ? { NextKeyMarker: last.key, NextUploadIdMarker: formatUploadId(last.uploadId) } : {}),
    Prefix: prefix,
    ...(delimiter ? { Delimiter: delimiter } : {}),
    MaxUploads: maxUploads,
    IsTruncated: isTruncated,
    Upload: listed.map((upload) => ({
      Key: upload.key,
      UploadId: formatUploadId(upload.uploadId),
      Initiator: initiator(request),
      Owner: initiator(request),
      StorageClass: "STANDARD",
      Initiated: isoDate(upload.createdMs),
      ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm } : {}),
    })),
    CommonPrefixes: [...prefixes].map((commonPrefix) => ({ Prefix: commonPrefix })),
  });
}
