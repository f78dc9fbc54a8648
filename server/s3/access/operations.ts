import type { AclPermission } from "../../engine/access/acl";

/**
 * What each S3 operation is, for policies and ACLs: the IAM action a policy
 * names it by, whether it acts on the bucket or on an object, and the ACL
 * permission that allows it (AWS's mapping of ACL permissions to operations).
 * Garage's permission stays on the route; this is what Carport adds on top.
 */

export interface OperationAccess {
  action: string;
  resource: "bucket" | "object";
  acl: { on: "bucket" | "object"; permission: AclPermission } | null;
  /** Garage's owner flag may always do it: no policy can lock a bucket's owners out of its settings. */
  ownerManaged?: boolean;
  /** The action when the request names a version (`?versionId=`), as AWS asks for it (s3:GetObjectVersion, …). */
  versionAction?: string;
}

const bucketRead = { on: "bucket", permission: "READ" } as const;
const bucketWrite = { on: "bucket", permission: "WRITE" } as const;
const objectRead = { on: "object", permission: "READ" } as const;

function onBucket(action: string, acl: OperationAccess["acl"] = null): OperationAccess {
  return { action, resource: "bucket", acl };
}

function onObject(action: string, acl: OperationAccess["acl"], versionAction?: string): OperationAccess {
  return { action, resource: "object", acl, ...(versionAction ? { versionAction } : {}) };
}

function setting(action: string): OperationAccess {
  return { action, resource: "bucket", acl: null, ownerManaged: true };
}

export const operationAccess: Record<string, OperationAccess> = {
  ListObjects: onBucket("s3:ListBucket", bucketRead),
  ListObjectsV2: onBucket("s3:ListBucket", bucketRead),
  HeadBucket: onBucket("s3:ListBucket", bucketRead),
  ListMultipartUploads: onBucket("s3:ListBucketMultipartUploads", bucketRead),
  GetBucketLocation: onBucket("s3:GetBucketLocation"),
  GetBucketVersioning: onBucket("s3:GetBucketVersioning"),
  DeleteBucket: onBucket("s3:DeleteBucket"),
  // Each key is then asked for s3:DeleteObject by the handler.
  DeleteObjects: onBucket("s3:DeleteObject", bucketWrite),
  PutObject: onObject("s3:PutObject", bucketWrite),
  CopyObject: onObject("s3:PutObject", bucketWrite),
  CreateMultipartUpload: onObject("s3:PutObject", bucketWrite),
  UploadPart: onObject("s3:PutObject", bucketWrite),
  UploadPartCopy: onObject("s3:PutObject", bucketWrite),
  CompleteMultipartUpload: onObject("s3:PutObject", bucketWrite),
  AbortMultipartUpload: onObject("s3:AbortMultipartUpload", bucketWrite),
  ListParts: onObject("s3:ListMultipartUploadParts", bucketWrite),
  GetObject: onObject("s3:GetObject", objectRead, "s3:GetObjectVersion"),
  HeadObject: onObject("s3:GetObject", objectRead, "s3:GetObjectVersion"),
  DeleteObject: onObject("s3:DeleteObject", bucketWrite, "s3:DeleteObjectVersion"),
  PostObject: onObject("s3:PutObject", bucketWrite),
  GetBucketPolicy: setting("s3:GetBucketPolicy"),
  PutBucketPolicy: setting("s3:PutBucketPolicy"),
  DeleteBucketPolicy: setting("s3:DeleteBucketPolicy"),
  GetBucketPolicyStatus: setting("s3:GetBucketPolicyStatus"),
  GetBucketAcl: onBucket("s3:GetBucketAcl", { on: "bucket", permission: "READ_ACP" }),
  PutBucketAcl: onBucket("s3:PutBucketAcl", { on: "bucket", permission: "WRITE_ACP" }),
  GetObjectAcl: onObject("s3:GetObjectAcl", { on: "object", permission: "READ_ACP" }, "s3:GetObjectVersionAcl"),
  PutObjectAcl: onObject("s3:PutObjectAcl", { on: "object", permission: "WRITE_ACP" }, "s3:PutObjectVersionAcl"),
  GetBucketOwnershipControls: setting("s3:GetBucketOwnershipControls"),
  PutBucketOwnershipControls: setting("s3:PutBucketOwnershipControls"),
  DeleteBucketOwnershipControls: setting("s3:PutBucketOwnershipControls"),
  GetPublicAccessBlock: setting("s3:GetBucketPublicAccessBlock"),
  PutPublicAccessBlock: setting("s3:PutBucketPublicAccessBlock"),
  DeletePublicAccessBlock: setting("s3:PutBucketPublicAccessBlock"),
  GetBucketCors: onBucket("s3:GetBucketCORS"),
  PutBucketCors: onBucket("s3:PutBucketCORS"),
  DeleteBucketCors: onBucket("s3:PutBucketCORS"),
  GetBucketLifecycleConfiguration: onBucket("s3:GetLifecycleConfiguration"),
  PutBucketLifecycleConfiguration: onBucket("s3:PutLifecycleConfiguration"),
  DeleteBucketLifecycle: onBucket("s3:PutLifecycleConfiguration"),
  PutBucketVersioning: setting("s3:PutBucketVersioning"),
  ListObjectVersions: onBucket("s3:ListBucketVersions", bucketRead),
  GetObjectAttributes: onObject("s3:GetObjectAttributes", objectRead, "s3:GetObjectVersionAttributes"),
  GetObjectTagging: onObject("s3:GetObjectTagging", null, "s3:GetObjectVersionTagging"),
  PutObjectTagging: onObject("s3:PutObjectTagging", null, "s3:PutObjectVersionTagging"),
  DeleteObjectTagging: onObject("s3:DeleteObjectTagging", null, "s3:DeleteObjectVersionTagging"),
  GetBucketTagging: onBucket("s3:GetBucketTagging"),
  PutBucketTagging: onBucket("s3:PutBucketTagging"),
  DeleteBucketTagging: onBucket("s3:PutBucketTagging"),
  GetBucketWebsite: onBucket("s3:GetBucketWebsite"),
  PutBucketWebsite: onBucket("s3:PutBucketWebsite"),
  DeleteBucketWebsite: onBucket("s3:DeleteBucketWebsite"),
};

/** The operation as a request naming a version asks for it. */
export function accessFor(operation: OperationAccess, namesVersion: boolean): OperationAccess {
  return namesVersion && operation.versionAction ? { ...operation, action: operation.versionAction } : operation;
}

/**
 * Every S3 action a bucket policy may name (AWS's list for S3, less what only
 * AWS's other services use). A name outside it is a MalformedPolicy.
 */
export const knownS3Actions: readonly string[] = [
  ...new Set([
    ...Object.values(operationAccess).map((entry) => entry.action),
    "s3:ListAllMyBuckets",
    "s3:CreateBucket",
    "s3:ListBucketVersions",
    "s3:GetObjectVersion",
    "s3:DeleteObjectVersion",
    "s3:PutBucketVersioning",
    "s3:GetObjectTagging",
    "s3:PutObjectTagging",
    "s3:DeleteObjectTagging",
    "s3:GetObjectVersionTagging",
    "s3:PutObjectVersionTagging",
    "s3:DeleteObjectVersionTagging",
    "s3:GetBucketTagging",
    "s3:PutBucketTagging",
    "s3:GetObjectAttributes",
    "s3:GetObjectVersionAttributes",
    "s3:GetObjectVersionAcl",
    "s3:PutObjectVersionAcl",
    "s3:GetEncryptionConfiguration",
    "s3:PutEncryptionConfiguration",
    "s3:GetBucketObjectLockConfiguration",
    "s3:PutBucketObjectLockConfiguration",
    "s3:GetObjectRetention",
    "s3:PutObjectRetention",
    "s3:GetObjectLegalHold",
    "s3:PutObjectLegalHold",
    "s3:BypassGovernanceRetention",
    "s3:GetBucketNotification",
    "s3:PutBucketNotification",
    "s3:GetBucketLogging",
    "s3:PutBucketLogging",
    "s3:GetReplicationConfiguration",
    "s3:PutReplicationConfiguration",
    "s3:GetBucketRequestPayment",
    "s3:PutBucketRequestPayment",
    "s3:GetAccelerateConfiguration",
    "s3:PutAccelerateConfiguration",
    "s3:RestoreObject",
  ]),
];
