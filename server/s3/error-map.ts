import type { EngineError, EngineErrorCode } from "../engine/errors";
import { S3Error, type S3ErrorCode } from "./errors";

/** Every engine error code, as the S3 API names it. Exhaustive: a new engine code fails to compile until mapped. */
const engineToS3: Record<EngineErrorCode, S3ErrorCode> = {
  NoSuchBucket: "NoSuchBucket",
  NoSuchKey: "NoSuchKey",
  NoSuchVersion: "NoSuchVersion",
  DeleteMarker: "MethodNotAllowed",
  NoSuchUpload: "NoSuchUpload",
  NoSuchAccessKey: "InvalidAccessKeyId",
  NoSuchAdminToken: "AccessDenied",
  BucketAlreadyExists: "BucketAlreadyExists",
  BucketAlreadyOwnedByYou: "BucketAlreadyOwnedByYou",
  BucketNotEmpty: "BucketNotEmpty",
  InvalidBucketName: "InvalidBucketName",
  InvalidKeyName: "KeyTooLongError",
  KeyAlreadyExists: "InvalidRequest",
  PreconditionFailed: "PreconditionFailed",
  ConditionalRequestConflict: "ConditionalRequestConflict",
  InvalidPart: "InvalidPart",
  InvalidPartOrder: "InvalidPartOrder",
  EntityTooSmall: "EntityTooSmall",
  EntityTooLarge: "EntityTooLarge",
  IncompleteBody: "IncompleteBody",
  QuotaExceeded: "QuotaExceeded",
  BadDigest: "BadDigest",
  ContentSha256Mismatch: "XAmzContentSHA256Mismatch",
  AccessDenied: "AccessDenied",
  InvalidRequest: "InvalidRequest",
  InvalidArgument: "InvalidArgument",
  InvalidTag: "InvalidTag",
  InvalidLayout: "ServiceUnavailable",
  LayoutVersionMismatch: "InvalidRequest",
  // Data that cannot be read now (a volume offline, a corrupt copy quarantined and not yet
  // repaired) may be readable later: 503, whose message says so without naming the block.
  CorruptBlock: "ServiceUnavailable",
  MissingBlock: "ServiceUnavailable",
  StorageError: "InternalError",
  InsufficientStorage: "InsufficientStorage",
  // Garage answers a missing quorum with 503: the client may retry once volumes are back.
  QuorumUnavailable: "ServiceUnavailable",
  MalformedPolicy: "MalformedPolicy",
  AclNotSupported: "AccessControlListNotSupported",
  AclConflictsWithOwnership: "InvalidBucketAclWithObjectOwnership",
};

export function s3ErrorFromEngine(error: EngineError): S3Error {
  let code = engineToS3[error.code];
  // Keys that are merely malformed (not too long) are an InvalidArgument.
  if (error.code === "InvalidKeyName" && !error.message.includes("too long")) code = "InvalidArgument";
  const details: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.facts)) {
    if (name === "key") details.Key = String(value);
    if (name === "bucketName") details.BucketName = String(value);
    if (name === "partNumber") details.PartNumber = String(value);
    if (name === "argumentName") details.ArgumentName = String(value);
  }
  const message =
    code === "InternalError"
      ? undefined
      : error.code === "MissingBlock" || error.code === "CorruptBlock"
        ? "Some of this object's data cannot be reached right now; try again later."
        : error.message;
  return new S3Error(code, message, { details, headers: deleteMarkerHeaders(error) });
}

/** A read that met a delete marker says so, with the marker's version id (and, for a named version, its date). */
function deleteMarkerHeaders(error: EngineError): Record<string, string> {
  if (error.facts.deleteMarker !== "true") return {};
  const headers: Record<string, string> = {
    "x-amz-delete-marker": "true",
    "x-amz-version-id": String(error.facts.versionId),
  };
  if (error.code === "DeleteMarker")
    headers["last-modified"] = new Date(Math.floor(Number(error.facts.lastModifiedMs) / 1000) * 1000).toUTCString();
  return headers;
}
