import { S3Error } from "../errors";
import { checkCopySourceConditions } from "../conditions";
import { formatEtag, isoDate, metadataFromHeaders } from "../object-headers";
import { type S3Response, xmlResponse } from "../response";
import { header, requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import { checksumHeaders, writeConditions } from "./objects";
import { mayAccessObject } from "../access/authorise";
import { aclForObjectWrite } from "../access/write-acl";
import { customerKeyHeaders, customerKeyOf } from "../sse-customer";
import type { BucketRecord, ObjectRecord } from "../../engine/metadata/records";
import { isEngineError } from "../../engine/errors";
import { parseVersionRef, type VersionRef } from "../../engine/service/version-ids";
import { taggingHeader } from "../tagging";
import { versionIdHeader } from "../versioning";
import type { ByteRange } from "../../engine/service/read";

/** CopyObject and UploadPartCopy: the source is named by x-amz-copy-source and needs read permission. */

interface CopySource {
  bucket: BucketRecord;
  key: string;
  /** `?versionId=` on the source: that version, not the current one. */
  version: VersionRef | null;
}

export function copySourceOf(context: S3Context, request: S3Request): CopySource {
  const raw = header(request, "x-amz-copy-source") ?? "";
  const [pathPart, queryPart] = raw.split("?", 2);
  const versionText = queryPart === undefined ? null : new URLSearchParams(queryPart).get("versionId");
  const version = versionText === null ? null : parseVersionRef(versionText);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    throw new S3Error("InvalidArgument", "Invalid copy source encoding", {
      details: { ArgumentName: "x-amz-copy-source" },
    });
  }
  const trimmed = decoded.startsWith("/") ? decoded.slice(1) : decoded;
  const slash = trimmed.indexOf("/");
  if (slash <= 0 || slash === trimmed.length - 1)
    throw new S3Error("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", {
      details: { ArgumentName: "x-amz-copy-source" },
    });
  const bucketName = trimmed.slice(0, slash);
  const bucket = context.engine.buckets.resolveName(bucketName, request.accessKeyId);
  if (!bucket) throw new S3Error("NoSuchBucket", undefined, { details: { BucketName: bucketName } });
  const key = trimmed.slice(slash + 1);
  const verdict = mayAccessObject(context, request, { bucket, bucketName, key, version }, "GetObject");
  if (!verdict.allowed) throw new S3Error("AccessDenied", "You may not read the copy source.");
  return { bucket, key, version };
}

/** A source version that is a delete marker cannot be copied (AWS: 400 InvalidRequest). */
function refuseDeleteMarker(error: unknown): never {
  if (isEngineError(error, "DeleteMarker"))
    throw new S3Error(
      "InvalidRequest",
      "The source of a copy request may not specifically refer to a delete marker by version id.",
    );
  throw error;
}

function taggingDirective(request: S3Request): "COPY" | "REPLACE" {
  const directive = (header(request, "x-amz-tagging-directive") ?? "COPY").toUpperCase();
  if (directive !== "COPY" && directive !== "REPLACE")
    throw new S3Error("InvalidArgument", "Unknown tagging directive.", {
      details: { ArgumentName: "x-amz-tagging-directive" },
    });
  return directive;
}

export async function copyObject(context: S3Context, request: S3Request): Promise<S3Response> {
  const source = copySourceOf(context, request);
  const target = requireBucket(request);
  const targetKey = requireKey(request);
  const directive = (header(request, "x-amz-metadata-directive") ?? "COPY").toUpperCase();
  if (directive !== "COPY" && directive !== "REPLACE")
    throw new S3Error("InvalidArgument", "Unknown metadata directive.", {
      details: { ArgumentName: "x-amz-metadata-directive" },
    });
  const tagging = taggingDirective(request);
  const sourceCustomerKey = customerKeyOf(context, request, "x-amz-copy-source-server-side-encryption-customer");
  const targetCustomerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const changesEncryption = sourceCustomerKey !== null || targetCustomerKey !== null;
  // Copying a named version onto its own key is how a version is restored: allowed, as AWS does.
  const ontoItself = source.version === null && source.bucket.id === target.id && source.key === targetKey;
  if (directive === "COPY" && ontoItself && !changesEncryption) {
    throw new S3Error(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const copied = await context.engine.objects
    .copy(
      {
        bucketId: source.bucket.id,
        key: source.key,
        version: source.version,
        check: (original) => checkCopySourceConditions(request, original),
        customerKey: sourceCustomerKey?.key ?? null,
      },
      {
        bucketId: target.id,
        key: targetKey,
        metadata: directive === "REPLACE" ? metadataFromHeaders(request) : null,
        tags: tagging === "REPLACE" ? (taggingHeader(request) ?? []) : null,
        conditions: writeConditions(request),
        acl: aclForObjectWrite(context, request, target),
        customerKey: targetCustomerKey?.key ?? null,
      },
    )
    .catch(refuseDeleteMarker);
  return xmlResponse(
    "CopyObjectResult",
    { ETag: formatEtag(copied.record.etag), LastModified: isoDate(copied.record.createdMs) },
    200,
    {
      ...checksumHeaders(copied.record.checksum),
      ...sourceVersionHeader(source, copied.source),
      ...versionIdHeader(target, copied.record),
      ...customerKeyHeaders(targetCustomerKey),
    },
  );
}

function sourceRange(request: S3Request, record: ObjectRecord): ByteRange | null {
  checkCopySourceConditions(request, record);
  const raw = header(request, "x-amz-copy-source-range");
  if (raw === undefined) return null;
  const match = /^bytes=(\d+)-(\d+)$/.exec(raw.trim());
  if (!match)
    throw new S3Error(
      "InvalidArgument",
      "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
      { details: { ArgumentName: "x-amz-copy-source-range" } },
    );
  const range = { startByte: Number(match[1]), endByte: Number(match[2]) };
  if (range.endByte < range.startByte || range.endByte >= record.sizeBytes) {
    throw new S3Error("InvalidRange", "The requested range is not satisfiable", {
      headers: { "content-range": `bytes */${record.sizeBytes}` },
    });
  }
  return range;
}

export async function uploadPartCopy(context: S3Context, request: S3Request): Promise<S3Response> {
  const source = copySourceOf(context, request);
  const target = requireBucket(request);
  const partNumber = Number(request.query.get("partNumber"));
  const sourceCustomerKey = customerKeyOf(context, request, "x-amz-copy-source-server-side-encryption-customer");
  const partCustomerKey = customerKeyOf(context, request, "x-amz-server-side-encryption-customer");
  const copied = await context.engine.multipart
    .copyPart(
      {
        bucketId: target.id,
        key: requireKey(request),
        uploadIdText: request.query.get("uploadId") ?? "",
        partNumber,
        customerKey: partCustomerKey?.key ?? null,
      },
      {
        bucketId: source.bucket.id,
        key: source.key,
        version: source.version,
        range: (record) => sourceRange(request, record),
        customerKey: sourceCustomerKey?.key ?? null,
      },
    )
    .catch(refuseDeleteMarker);
  const { part } = copied;
  return xmlResponse("CopyPartResult", { ETag: formatEtag(part.etag), LastModified: isoDate(part.createdMs) }, 200, {
    ...sourceVersionHeader(source, copied.source),
    ...customerKeyHeaders(partCustomerKey),
  });
}

/** x-amz-copy-source-version-id: the version copied, when its bucket is versioned or a version was named. */
function sourceVersionHeader(source: CopySource, record: ObjectRecord): Record<string, string> {
  const named = versionIdHeader(source.bucket, record, source.version !== null)["x-amz-version-id"];
  return named === undefined ? {} : { "x-amz-copy-source-version-id": named };
}
