import "server-only";
import {
  DeleteBucketPolicyCommand,
  GetBucketAclCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { Connection } from "@/lib/server/connections";
import { type OpenedBucket, withBucket } from "@/lib/server/s3/bucket-access";
import { consoleKey } from "@/lib/server/s3/console-key";
import type { AclGrantView, BucketAccessView, CannedAcl } from "@/lib/s3/bucket-access";

/**
 * A bucket's policy and ACL through S3 with the console key. Both are the bucket
 * owner's (as AWS has them): the console key is made an owner of this bucket first,
 * as it is for versioning.
 */

async function asOwner<T>(
  connection: Connection,
  bucketId: string,
  work: (bucket: OpenedBucket) => Promise<T>,
): Promise<T> {
  const key = await consoleKey(connection);
  await (
    await adminCalls(connection)
  ).allowBucketKey({ bucketId, accessKeyId: key.accessKeyId, permissions: { owner: true } });
  return withBucket(connection, bucketId, work);
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof S3ServiceException && codes.includes(error.name);
}

const groupNames: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

/** The canned ACL the grants (beyond the owner's) amount to. */
function cannedOf(grants: AclGrantView[]): CannedAcl | "custom" {
  const shape = grants
    .map((grant) => `${grant.grantee}:${grant.permission}`)
    .sort()
    .join(",");
  const known: Record<string, CannedAcl> = {
    "": "private",
    "AllUsers:READ": "public-read",
    "AllUsers:READ,AllUsers:WRITE": "public-read-write",
    "AuthenticatedUsers:READ": "authenticated-read",
  };
  return known[shape] ?? "custom";
}

function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function readBucketAccess(connection: Connection, bucketId: string): Promise<BucketAccessView> {
  return asOwner(connection, bucketId, async ({ s3, s3Name }) => {
    let policy: string | null = null;
    try {
      policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: s3Name }))).Policy ?? null;
    } catch (error) {
      if (isCode(error, "NotImplemented"))
        return {
          supported: false,
          policy: null,
          policyPublic: false,
          cannedAcl: "private",
          grants: [],
          owner: "",
          aclRefused: null,
        };
      if (!isCode(error, "NoSuchBucketPolicy")) throw error;
    }
    const status = policy ? await s3.send(new GetBucketPolicyStatusCommand({ Bucket: s3Name })) : null;
    // A Deny in the policy refuses GetBucketAcl to the owner as well (AWS spares only the policy's own calls).
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: s3Name })).catch((error: unknown) => {
      if (isCode(error, "AccessDenied")) return null;
      throw error;
    });
    const owner = acl?.Owner?.ID ?? "";
    const grants: AclGrantView[] = (acl?.Grants ?? [])
      .map((grant) => ({
        grantee: grant.Grantee?.URI ? (groupNames[grant.Grantee.URI] ?? grant.Grantee.URI) : (grant.Grantee?.ID ?? ""),
        permission: grant.Permission ?? "",
      }))
      .filter((grant) => !(grant.grantee === owner && grant.permission === "FULL_CONTROL"));
    return {
      supported: true,
      policy: policy === null ? null : prettyPolicy(policy),
      policyPublic: status?.PolicyStatus?.IsPublic ?? false,
      cannedAcl: cannedOf(grants),
      grants,
      owner,
      aclRefused: acl
        ? null
        : "The bucket policy refuses reading the ACL, to the bucket's owner too; change the policy first.",
    };
  });
}

export async function setBucketPolicy(connection: Connection, bucketId: string, policy: string | null): Promise<void> {
  await asOwner(connection, bucketId, async ({ s3, s3Name }) => {
    if (policy === null) await s3.send(new DeleteBucketPolicyCommand({ Bucket: s3Name }));
    else await s3.send(new PutBucketPolicyCommand({ Bucket: s3Name, Policy: policy }));
  });
}

export async function setBucketCannedAcl(connection: Connection, bucketId: string, acl: CannedAcl): Promise<void> {
  await asOwner(connection, bucketId, async ({ s3, s3Name }) => {
    await s3.send(new PutBucketAclCommand({ Bucket: s3Name, ACL: acl }));
  });
}
