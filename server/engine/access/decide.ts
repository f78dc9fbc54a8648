import type { PermissionFlags, Permission } from "../service/access-keys";
import { type Acl, type AclPermission, aclAllows } from "./acl";
import { aclsEnabled, type BucketAccess } from "./bucket-access";
import type { ConditionLookup } from "./conditions";
import { evaluatePolicy } from "./evaluate-policy";
import { isPublicPolicy } from "./public";

/**
 * The access decision, as AWS documents its evaluation, with Garage's grants as
 * the base: an explicit Deny in the bucket policy refuses; otherwise the key's
 * Garage permission, an Allow of the policy or a grant of an ACL allows; nothing
 * else does. With no policy and no ACL this is exactly Garage's check.
 */

export interface AccessQuestion {
  accessKeyId: string | null;
  /** The Garage permission that allows the operation by itself; null: no grant does (anonymous-only paths). */
  grant: Permission | null;
  /** IAM's action name, e.g. s3:GetObject. */
  action: string;
  /** The resource's ARNs, one per name of the bucket. */
  resourceArns: readonly string[];
  /** The ACL permission that allows the operation, and whose ACL is asked. */
  acl: { on: "bucket" | "object"; permission: AclPermission } | null;
  conditions: ConditionLookup;
  /** Managing the policy itself: Garage's owner flag always may, so no policy can lock its owners out. */
  ownerAlwaysAllowed?: boolean;
}

export interface AccessFacts {
  flags: PermissionFlags;
  access: BucketAccess;
  /** The object's ACL, read only when an object ACL is asked. */
  objectAcl: () => Acl | null;
}

export type AccessVerdict =
  { allowed: true; via: "grant" | "policy" | "acl" } | { allowed: false; reason: "explicit-deny" | "no-allow" };

export function decideAccess(question: AccessQuestion, facts: AccessFacts): AccessVerdict {
  const { access, flags } = facts;
  if (question.ownerAlwaysAllowed && flags.owner) return { allowed: true, via: "grant" };
  const block = access.publicAccessBlock;
  // RestrictPublicBuckets: a public policy no longer speaks for callers outside the cluster's keys.
  const allowsIgnored =
    question.accessKeyId === null && block?.restrictPublicBuckets === true && isPublicPolicy(access.policy);
  const policy = evaluatePolicy(
    access.policy,
    {
      accessKeyId: question.accessKeyId,
      action: question.action,
      resourceArns: question.resourceArns,
      conditions: question.conditions,
    },
    { allowsIgnored },
  );
  if (policy === "deny") return { allowed: false, reason: "explicit-deny" };
  if (question.grant !== null && flags[question.grant]) return { allowed: true, via: "grant" };
  if (policy === "allow") return { allowed: true, via: "policy" };
  if (question.acl && aclsEnabled(access)) {
    const acl = question.acl.on === "bucket" ? access.acl : facts.objectAcl();
    const requester = { accessKeyId: question.accessKeyId, isBucketOwner: flags.owner };
    if (aclAllows(acl, requester, question.acl.permission, { ignorePublicGrants: block?.ignorePublicAcls === true }))
      return { allowed: true, via: "acl" };
  }
  return { allowed: false, reason: "no-allow" };
}
