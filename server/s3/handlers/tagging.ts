import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import { taggingXml, tagsFromXml } from "../tagging";
import { requestedVersion, versionIdHeader } from "../versioning";

/** Get/Put/DeleteObjectTagging (of the current version, or the one named) and Get/Put/DeleteBucketTagging. */

export async function getObjectTagging(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const record = context.engine.objects.require(bucket.id, requireKey(request), version);
  return xmlResponse("Tagging", taggingXml(record.tags), 200, versionIdHeader(bucket, record, version !== null));
}

export async function putObjectTagging(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const tags = tagsFromXml(await readXmlBody(request, "Tagging", ["Tag"]));
  const record = await context.engine.objects.setTags(bucket.id, requireKey(request), version, tags);
  return emptyResponse(200, versionIdHeader(bucket, record, version !== null));
}

export async function deleteObjectTagging(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const record = await context.engine.objects.setTags(bucket.id, requireKey(request), version, []);
  return emptyResponse(204, versionIdHeader(bucket, record, version !== null));
}

export async function getBucketTagging(_context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  if (bucket.tags.length === 0)
    throw new S3Error("NoSuchTagSet", undefined, { details: { BucketName: request.bucketName ?? "" } });
  return xmlResponse("Tagging", taggingXml(bucket.tags));
}

export async function putBucketTagging(context: S3Context, request: S3Request): Promise<S3Response> {
  const tags = tagsFromXml(await readXmlBody(request, "Tagging", ["Tag"]));
  await context.engine.buckets.setTags(requireBucket(request).id, tags);
  return emptyResponse(204);
}

export async function deleteBucketTagging(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.buckets.setTags(requireBucket(request).id, []);
  return emptyResponse(204);
}
