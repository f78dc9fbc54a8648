import { limits } from "../../util/limits";
import { EngineError, isEngineError } from "../../engine/errors";
import { bucketNameProblem } from "../../engine/service/names";
import { S3Error } from "../errors";
import { isoDate } from "../object-headers";
import { readSmallBody } from "../body";
import { parseXmlBytes, xmlText } from "../xml";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { header, requireBucket, type S3Context, type S3Request } from "../request";
import { aclFromHeaders } from "../access/acl-xml";
import { parseOwnership } from "./bucket-controls";

/** Bucket operations: ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation. */

function owner(request: S3Request) {
  return { ID: request.accessKeyId ?? "anonymous", DisplayName: request.accessKeyId ?? "anonymous" };
}

export async function listBuckets(context: S3Context, request: S3Request): Promise<S3Response> {
  const accessKeyId = request.accessKeyId;
  if (!accessKeyId) throw new S3Error("AccessDenied");
  const { engine } = context;
  const localNames = new Map<string, string[]>();
  for (const [alias, bucketId] of engine.buckets.localAliasesOfKey(accessKeyId))
    localNames.set(bucketId, [...(localNames.get(bucketId) ?? []), alias]);
  const entries: Array<{ Name: string; CreationDate: string; BucketRegion: string }> = [];
  for (const [bucketId] of engine.keys.permissionsOfKey(accessKeyId)) {
    const bucket = engine.buckets.get(bucketId);
    if (!bucket) continue;
    const names = new Set([...bucket.globalAliases, ...(localNames.get(bucketId) ?? [])]);
    for (const name of names)
      entries.push({ Name: name, CreationDate: isoDate(bucket.createdMs), BucketRegion: context.region });
  }
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.Name), Buffer.from(b.Name)));
  const page = bucketPage(request, entries);
  return xmlResponse("ListAllMyBucketsResult", {
    Owner: owner(request),
    Buckets: { Bucket: page.entries },
    ...(page.continuationToken ? { ContinuationToken: page.continuationToken } : {}),
    ...(page.prefix ? { Prefix: page.prefix } : {}),
  });
}

/** ListBuckets' optional paging: `prefix`, `max-buckets` and the `continuation-token` of the page before. */
function bucketPage<T extends { Name: string }>(
  request: S3Request,
  sorted: T[],
): { entries: T[]; continuationToken: string | null; prefix: string | null } {
  const prefix = request.query.get("prefix");
  const rawMax = request.query.get("max-buckets");
  const token = request.query.get("continuation-token");
  if (rawMax !== null && (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || Number(rawMax) > limits.maxListBuckets))
    throw new S3Error("InvalidArgument", `max-buckets must be an integer between 1 and ${limits.maxListBuckets}.`, {
      details: { ArgumentName: "max-buckets", ArgumentValue: rawMax },
    });
  const after = token === null ? null : Buffer.from(token, "base64url");
  if (token !== null && (token === "" || after?.toString("base64url") !== token))
    throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
      details: { ArgumentName: "continuation-token" },
    });
  const wanted = sorted.filter(
    (entry) =>
      (prefix === null || entry.Name.startsWith(prefix)) &&
      (after === null || Buffer.compare(Buffer.from(entry.Name), after) > 0),
  );
  const max = rawMax === null ? limits.maxListBuckets : Number(rawMax);
  const entries = wanted.slice(0, max);
  const last = entries[entries.length - 1];
  return {
    entries,
    continuationToken: wanted.length > max && last ? Buffer.from(last.Name).toString("base64url") : null,
    prefix,
  };
}

async function checkLocationConstraint(context: S3Context, request: S3Request): Promise<void> {
  const body = await readSmallBody(request);
  if (body.length === 0) return;
  const configuration = parseXmlBytes(body, "CreateBucketConfiguration", []);
  const location = xmlText(configuration, "LocationConstraint");
  if (location !== undefined && location !== "" && location !== context.region) {
    throw new S3Error(
      "InvalidLocationConstraint",
      `The specified location constraint is not valid: this server's region is ${context.region}.`,
    );
  }
}

export async function createBucket(context: S3Context, request: S3Request): Promise<S3Response> {
  const accessKeyId = request.accessKeyId;
  const name = request.bucketName;
  if (!accessKeyId || !name) throw new S3Error("AccessDenied");
  const problem = bucketNameProblem(name);
  if (problem) throw new S3Error("InvalidBucketName", problem, { details: { BucketName: name } });
  await checkLocationConstraint(context, request);
  const acl = aclFromHeaders(request, "bucket", accessKeyId);
  const ownershipHeader = header(request, "x-amz-object-ownership");
  const ownership = ownershipHeader === undefined ? null : parseOwnership(ownershipHeader);
  try {
    await context.engine.access.createOwnedBucket(name, accessKeyId, acl, ownership);
  } catch (error) {
    // S3 answers a taken name with its own wording and the name in the details.
    for (const code of ["BucketAlreadyOwnedByYou", "BucketAlreadyExists"] as const)
      if (isEngineError(error, code)) throw new S3Error(code, undefined, { details: { BucketName: name } });
    throw error;
  }
  return emptyResponse(200, { location: `/${name}` });
}

export async function deleteBucket(context: S3Context, request: S3Request): Promise<S3Response> {
  const bucket = requireBucket(request);
  try {
    await context.engine.deleteBucket(bucket.id);
  } catch (error) {
    if (error instanceof EngineError && error.code === "BucketNotEmpty")
      throw new S3Error("BucketNotEmpty", undefined, { details: { BucketName: request.bucketName ?? "" } });
    throw error;
  }
  return emptyResponse(204);
}

export async function headBucket(context: S3Context): Promise<S3Response> {
  return emptyResponse(200, { "x-amz-bucket-region": context.region });
}

export async function getBucketLocation(context: S3Context): Promise<S3Response> {
  return xmlResponse("LocationConstraint", { "#text": context.region });
}
