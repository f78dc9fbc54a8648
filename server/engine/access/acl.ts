import { z } from "zod";

/**
 * Access control lists, S3's older model beside policies. A list holds grants to
 * access keys and to the two groups S3 defines; the owner's own FULL_CONTROL is
 * implied and never stored, so a list of no grants ("private") gives nothing
 * beyond Garage's key × bucket permissions.
 */

export const aclPermissions = ["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"] as const;
export type AclPermission = (typeof aclPermissions)[number];

export const aclGroups = ["AllUsers", "AuthenticatedUsers"] as const;
export type AclGroup = (typeof aclGroups)[number];

const granteeSchema = z.union([
  z.object({ kind: z.literal("key"), accessKeyId: z.string() }),
  z.object({ kind: z.literal("group"), group: z.enum(aclGroups) }),
  /** The bucket's owners (keys holding Garage's owner flag), as bucket-owner-read names them. */
  z.object({ kind: z.literal("bucketOwner") }),
]);
export type AclGrantee = z.infer<typeof granteeSchema>;

const grantSchema = z.object({ grantee: granteeSchema, permission: z.enum(aclPermissions) });
export type AclGrant = z.infer<typeof grantSchema>;

export const aclSchema = z.object({
  /** The key that owns the resource (its creator or writer); null when Garage's admin created it. */
  ownerAccessKeyId: z.string().nullable(),
  grants: z.array(grantSchema),
});
export type Acl = z.infer<typeof aclSchema>;

export const cannedAcls = [
  "private",
  "public-read",
  "public-read-write",
  "authenticated-read",
  "bucket-owner-read",
  "bucket-owner-full-control",
] as const;
export type CannedAcl = (typeof cannedAcls)[number];

const allUsers: AclGrantee = { kind: "group", group: "AllUsers" };

/** The grants a canned ACL stands for, on a bucket or on an object (AWS's table). */
export function cannedGrants(canned: CannedAcl, target: "bucket" | "object"): AclGrant[] {
  switch (canned) {
    case "private":
      return [];
    case "public-read":
      return [{ grantee: allUsers, permission: "READ" }];
    case "public-read-write":
      return [
        { grantee: allUsers, permission: "READ" },
        { grantee: allUsers, permission: "WRITE" },
      ];
    case "authenticated-read":
      return [{ grantee: { kind: "group", group: "AuthenticatedUsers" }, permission: "READ" }];
    // On a bucket these two mean nothing beyond private (AWS ignores them there).
    case "bucket-owner-read":
      return target === "object" ? [{ grantee: { kind: "bucketOwner" }, permission: "READ" }] : [];
    case "bucket-owner-full-control":
      return target === "object" ? [{ grantee: { kind: "bucketOwner" }, permission: "FULL_CONTROL" }] : [];
  }
}

export function isPublicGrant(grant: AclGrant): boolean {
  return grant.grantee.kind === "group";
}

export function isPublicAcl(acl: Acl | null | undefined): boolean {
  return (acl?.grants ?? []).some(isPublicGrant);
}

/** Who is asking, as an ACL sees them. */
export interface AclRequester {
  accessKeyId: string | null;
  /** The requester holds Garage's owner flag on the bucket. */
  isBucketOwner: boolean;
}

function granteeMatches(grantee: AclGrantee, requester: AclRequester): boolean {
  switch (grantee.kind) {
    case "key":
      return requester.accessKeyId !== null && grantee.accessKeyId === requester.accessKeyId;
    case "group":
      return grantee.group === "AllUsers" || requester.accessKeyId !== null;
    case "bucketOwner":
      return requester.isBucketOwner;
  }
}

/** Whether the list grants `needed` (FULL_CONTROL grants everything). */
export function aclAllows(
  acl: Acl | null | undefined,
  requester: AclRequester,
  needed: AclPermission,
  options: { ignorePublicGrants: boolean },
): boolean {
  return (acl?.grants ?? []).some(
    (grant) =>
      (grant.permission === needed || grant.permission === "FULL_CONTROL") &&
      !(options.ignorePublicGrants && isPublicGrant(grant)) &&
      granteeMatches(grant.grantee, requester),
  );
}
