import "server-only";
import { S3ServiceException } from "@aws-sdk/client-s3";
import { ObjectOperationError } from "@/lib/server/s3/objects";
import { UploadTooLargeError } from "@/lib/server/s3/presign";

/** S3 refusals as sentences a person can act on; null for errors that are not S3's. */
const s3Messages: Record<string, string> = {
  NoSuchKey: "That object no longer exists.",
  NotFound: "That object no longer exists.",
  NoSuchBucket: "That bucket no longer exists.",
  NoSuchUpload: "That upload was aborted or has already completed.",
  AccessDenied: "The console's key was refused access to this bucket.",
  InvalidAccessKeyId: "The cluster no longer knows the console's key.",
  SignatureDoesNotMatch: "The S3 endpoint refused the console's signature (check the connection's region).",
  EntityTooSmall: "A part of the upload was smaller than S3 allows.",
  InvalidPart: "A part of the upload was missing or did not match.",
  QuotaExceeded: "The bucket's quota does not leave room for this.",
  InvalidRequest: "S3 rejected the request as invalid.",
  SlowDown: "The cluster is busy; try again in a moment.",
  NoSuchVersion: "That version no longer exists.",
  MethodNotAllowed: "That version is a delete marker: it has no content to read.",
  NotImplemented: "This cluster does not offer that S3 feature (versioning and tagging are Carport's, not Garage's).",
};

/** Refusals whose own message says what was wrong with the input. */
const s3OwnMessages = new Set(["InvalidTag"]);

export function describeS3Error(error: unknown): { error: string; code: string } | null {
  if (error instanceof ObjectOperationError) return { error: error.message, code: "ObjectOperationFailed" };
  if (error instanceof UploadTooLargeError) return { error: error.message, code: "EntityTooLarge" };
  if (error instanceof S3ServiceException) {
    if (s3OwnMessages.has(error.name)) return { error: `S3 refused the tags: ${error.message}`, code: error.name };
    // A quota's refusal is already a sentence in people's units ("The bucket's quota of 500 kB would be exceeded.").
    if (error.name === "QuotaExceeded" && error.message) return { error: error.message, code: error.name };
    return { error: s3Messages[error.name] ?? `S3 refused the request (${error.name}).`, code: error.name };
  }
  if (error instanceof Error && "code" in error && (error.code === "ECONNREFUSED" || error.code === "ENOTFOUND")) {
    return { error: "The cluster's S3 endpoint cannot be reached.", code: "S3Unreachable" };
  }
  return null;
}
