import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { readSmallBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { parsePolicy } from "../access/policy-json";
import { bucketNamesOf } from "../access/authorise";

/** Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. */

export async function putBucketPolicy(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const body = await readSmallBody(request, true, limits.maxBucketPolicyBytes);
  const policy = parsePolicy(body.toString("utf8"), bucketNamesOf(bucket, request.bucketName));
  await context.engine.access.putPolicy(bucket.id, policy);
  return emptyResponse(204);
}

export async function getBucketPolicy(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  const policy = context.engine.access.get(bucket.id).policy;
  if (!policy)
    throw new S3Error("NoSuchBucketPolicy", undefined, { details: { BucketName: request.bucketName ?? "" } });
  return { status: 200, headers: { "content-type": "application/json" }, body: policy.text };
}

export async function deleteBucketPolicy(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.access.deletePolicy(requireBucket(request).id);
  return emptyResponse(204);
}

export async function getBucketPolicyStatus(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  if (!context.engine.access.get(bucket.id).policy)
    throw new S3Error("NoSuchBucketPolicy", undefined, { details: { BucketName: request.bucketName ?? "" } });
  const { policy } = context.engine.access.publicStatus(bucket.id);
  return xmlResponse("PolicyStatus", { IsPublic: policy });
}
