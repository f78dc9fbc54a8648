import type { Permission } from "../../engine/service/access-keys";
import type { BucketRecord } from "../../engine/metadata/records";
import type { AccessVerdict } from "../../engine/access/decide";
import { S3Error } from "../errors";
import { header, type S3Context, type S3Request } from "../request";
import type { Route } from "../routes";
import { accessFor, type OperationAccess, operationAccess } from "./operations";
import type { VersionRef } from "../../engine/service/version-ids";
import { requestedVersion } from "../versioning";
import { conditionLookup, type RequestFacts, transportOf } from "./request-facts";

/**
 * The one access check of every S3 request: Garage's grant, then the bucket's
 * policy and ACLs on top (engine/access/decide.ts). Anonymous requests reach a
 * bucket only where a policy or ACL lets them.
 */

export function requestFacts(context: S3Context, request: S3Request): RequestFacts {
  const transport = transportOf(request.req, context.trustForwardedHeaders);
  return {
    accessKeyId: request.accessKeyId,
    ...transport,
    authType: request.auth ? (request.auth.via === "header" ? "REST-HEADER" : "REST-QUERY-STRING") : null,
    header: (name) => header(request, name),
    query: (name) => request.query.get(name) ?? undefined,
    existingObjectTags: () => undefined,
  };
}

/** Every name the bucket answers to: the one in the request and its global aliases (for ARNs). */
export function bucketNamesOf(bucket: BucketRecord, requestName: string | null): string[] {
  return [...new Set([...(requestName ? [requestName] : []), ...bucket.globalAliases])];
}

export function resourceArns(bucket: BucketRecord, requestName: string | null, key: string | null): string[] {
  return bucketNamesOf(bucket, requestName).map((name) =>
    key === null ? `arn:aws:s3:::${name}` : `arn:aws:s3:::${name}/${key}`,
  );
}

export interface AccessAsk {
  bucket: BucketRecord;
  bucketName: string | null;
  key: string | null;
  /** The version the request names (its tags and ACL are the ones conditions and grants read), or null: the current one. */
  version?: VersionRef | null;
  operation: OperationAccess;
  grant: Permission | null;
  facts: RequestFacts;
}

/** s3:ExistingObjectTag/<key>: the tags of the object (or the version) the request acts on, as it is now. */
function existingTags(
  context: S3Context,
  bucket: BucketRecord,
  key: string | null,
  version: VersionRef | null,
): Record<string, string> | undefined {
  const record = key === null ? null : context.engine.objects.find(bucket.id, key, version);
  return record ? Object.fromEntries(record.tags) : undefined;
}

export function askAccess(context: S3Context, ask: AccessAsk): AccessVerdict {
  const { bucket, key, operation, facts } = ask;
  const version = ask.version ?? null;
  return context.engine.access.decide(
    bucket.id,
    {
      accessKeyId: facts.accessKeyId,
      grant: ask.grant,
      action: operation.action,
      resourceArns: resourceArns(bucket, ask.bucketName, operation.resource === "object" ? key : null),
      acl: operation.acl,
      conditions: conditionLookup({ ...facts, existingObjectTags: () => existingTags(context, bucket, key, version) }),
      ownerAlwaysAllowed: operation.ownerManaged,
    },
    () => (key === null ? null : (context.engine.objects.find(bucket.id, key, version)?.acl ?? null)),
  );
}

export function deniedError(verdict: AccessVerdict): S3Error {
  return new S3Error(
    "AccessDenied",
    !verdict.allowed && verdict.reason === "explicit-deny"
      ? "Access Denied: an explicit Deny in the bucket policy refuses this request."
      : "Access Denied",
  );
}

/** Throws AccessDenied (or, for an anonymous read of a missing key, NoSuchKey) unless the ask is allowed. */
export function requireAccess(context: S3Context, request: S3Request, ask: AccessAsk): void {
  const verdict = askAccess(context, ask);
  if (verdict.allowed) return;
  const isRead = request.method === "GET" || request.method === "HEAD";
  const key = ask.key;
  const anonymousRead = request.accessKeyId === null && verdict.reason === "no-allow" && isRead;
  // A version named but missing stays AccessDenied: the anonymous caller learns nothing of the history.
  if (anonymousRead && key !== null && !ask.version && !context.engine.objects.get(ask.bucket.id, key))
    throw new S3Error("NoSuchKey", undefined, { details: { Key: key } });
  throw deniedError(verdict);
}

export function authorise(context: S3Context, request: S3Request, route: Route): void {
  if (route.scope === "service" || route.permission === "create") {
    if (request.accessKeyId === null)
      throw new S3Error("AccessDenied", "Anonymous access is not allowed: sign your request.");
    return;
  }
  const bucket = context.engine.buckets.resolveName(request.bucketName ?? "", request.accessKeyId);
  if (!bucket) throw new S3Error("NoSuchBucket", undefined, { details: { BucketName: request.bucketName ?? "" } });
  request.bucket = bucket;
  if (route.permission === "none") {
    if (request.accessKeyId === null) throw new S3Error("AccessDenied");
    return;
  }
  // A form upload names its key and signs in its fields: the handler asks once it has read them.
  if (route.operation === "PostObject") return;
  const entry = operationAccess[route.operation];
  if (!entry) {
    // An operation without an entry in operations.ts gets Garage's check alone.
    context.engine.authorize(request.accessKeyId, bucket.id, route.permission);
    return;
  }
  // DeleteObjects asks for each key in turn (s3:DeleteObject on that object) when a policy
  // may speak for single keys; otherwise the bucket-level answer stands for all, as Garage's.
  if (route.operation === "DeleteObjects" && context.engine.access.get(bucket.id).policy !== null) return;
  // A request naming a version asks for the versioned action (s3:GetObjectVersion, …), as AWS's.
  const version = entry.versionAction ? requestedVersion(request) : null;
  requireAccess(context, request, {
    bucket,
    bucketName: request.bucketName,
    key: request.key,
    version,
    operation: accessFor(entry, version !== null),
    grant: route.permission,
    facts: requestFacts(context, request),
  });
}

/** Whether the request may act on one more object or version (DeleteObjects' keys, a copy's source). */
export function mayAccessObject(
  context: S3Context,
  request: S3Request,
  target: { bucket: BucketRecord; bucketName: string | null; key: string; version: VersionRef | null },
  operationName: "DeleteObject" | "GetObject",
): AccessVerdict {
  return askAccess(context, {
    ...target,
    operation: accessFor(operationAccess[operationName], target.version !== null),
    grant: operationName === "GetObject" ? "read" : "write",
    facts: requestFacts(context, request),
  });
}
