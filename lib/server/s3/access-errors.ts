import "server-only";
import { S3ServiceException } from "@aws-sdk/client-s3";
import { describeS3Error } from "@/lib/server/s3/errors";

/**
 * A policy or an ACL refused: S3's own message says what is wrong with it (a
 * MalformedPolicy names the field, the public access block says what it blocks).
 */
const ownMessages: Record<string, string> = {
  MalformedPolicy: "The policy was refused",
  AccessControlListNotSupported: "The ACL was refused",
  InvalidBucketAclWithObjectOwnership: "The ACL was refused",
};

export function describeAccessError(error: unknown): { error: string; code: string } | null {
  if (error instanceof S3ServiceException) {
    const prefix = ownMessages[error.name];
    if (prefix) return { error: `${prefix}: ${error.message}`, code: error.name };
    if (error.name === "AccessDenied" && /public access block/.test(error.message))
      return { error: error.message, code: error.name };
  }
  return describeS3Error(error);
}
