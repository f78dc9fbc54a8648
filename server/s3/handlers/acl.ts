import { S3Error } from "../errors";
import { readSmallBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import { parseXml } from "../xml";
import type { Acl } from "../../engine/access/acl";
import { aclFromHeaders, aclFromXml, renderAcl } from "../access/acl-xml";
import { bucketOwnerId } from "../access/write-acl";
import { requestedVersion } from "../versioning";

/** Get/PutBucketAcl and Get/PutObjectAcl. */

/** The ACL of a Put…Acl request: its headers or its AccessControlPolicy body, never both. */
async function requestedAcl(
  request: S3Request,
  target: "bucket" | "object",
  ownerAccessKeyId: string | null,
): Promise<Acl> {
  const fromHeaders = aclFromHeaders(request, target, ownerAccessKeyId);
  const body = await readSmallBody(request);
  if (fromHeaders && body.length > 0)
    throw new S3Error("UnexpectedContent", "This request does not support content: its ACL is in its headers.");
  if (fromHeaders) return fromHeaders;
  if (body.length === 0)
    throw new S3Error("MissingSecurityHeader", "Give the ACL in x-amz-acl, x-amz-grant-* or an AccessControlPolicy.", {
      details: { MissingHeaderName: "x-amz-acl" },
    });
  return aclFromXml(parseXml(body.toString("utf8"), "AccessControlPolicy", ["Grant"]), ownerAccessKeyId);
}

export async function getBucketAcl(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const ownerId = bucketOwnerId(context, bucket);
  return xmlResponse("AccessControlPolicy", renderAcl(context.engine.access.get(bucket.id).acl, ownerId, ownerId));
}

export async function putBucketAcl(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const acl = await requestedAcl(request, "bucket", bucketOwnerId(context, bucket) || request.accessKeyId);
  await context.engine.access.putAcl(bucket.id, acl);
  return emptyResponse(200);
}

export async function getObjectAcl(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const record = context.engine.objects.require(bucket.id, requireKey(request), requestedVersion(request));
  const bucketOwner = bucketOwnerId(context, bucket);
  const enforced = context.engine.access.get(bucket.id).ownership === "BucketOwnerEnforced";
  const acl = enforced ? null : (record.acl ?? null);
  return xmlResponse("AccessControlPolicy", renderAcl(acl, acl?.ownerAccessKeyId ?? bucketOwner, bucketOwner));
}

export async function putObjectAcl(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const key = requireKey(request);
  const version = requestedVersion(request);
  const current = context.engine.objects.require(bucket.id, key, version);
  const owner = current.acl?.ownerAccessKeyId ?? request.accessKeyId;
  await context.engine.access.putObjectAcl(bucket.id, key, version, await requestedAcl(request, "object", owner));
  return emptyResponse(200);
}
