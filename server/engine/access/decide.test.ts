import { describe, expect, it } from "vitest";
import { decideAccess, type AccessQuestion } from "./decide";
import { noBucketAccess, type BucketAccess } from "./bucket-access";
import type { PolicyStatement, StoredPolicy } from "./policy";
import { isPublicPolicy } from "./public";
import { cannedGrants } from "./acl";

/** The access decision: Garage's grant as the base, a policy's Deny above all, policy and ACL allows on top. */

const none = { read: false, write: false, owner: false };
const reader = { read: true, write: false, owner: false };

function statement(overrides: Partial<PolicyStatement>): PolicyStatement {
  return {
    sid: null,
    effect: "Allow",
    principal: { negated: false, anyone: true, accessKeyIds: [] },
    actions: { negated: false, patterns: ["s3:GetObject"] },
    resources: { negated: false, patterns: ["arn:aws:s3:::b/*"] },
    conditions: [],
    ...overrides,
  };
}

function policyOf(...statements: PolicyStatement[]): StoredPolicy {
  return { text: "{}", version: "2012-10-17", id: null, statements };
}

const getObject: AccessQuestion = {
  accessKeyId: null,
  grant: "read",
  action: "s3:GetObject",
  resourceArns: ["arn:aws:s3:::b/k"],
  acl: { on: "object", permission: "READ" },
  conditions: () => undefined,
};

function decide(access: BucketAccess, question: Partial<AccessQuestion> = {}, flags = none, objectAcl = null) {
  return decideAccess({ ...getObject, ...question }, { flags, access, objectAcl: () => objectAcl });
}

describe("decideAccess", () => {
  it("is Garage's check when there is no policy and no ACL", () => {
    expect(decide(noBucketAccess, { accessKeyId: "GK1" }, reader)).toEqual({ allowed: true, via: "grant" });
    expect(decide(noBucketAccess, { accessKeyId: "GK1" }, none)).toEqual({ allowed: false, reason: "no-allow" });
    expect(decide(noBucketAccess)).toEqual({ allowed: false, reason: "no-allow" });
  });

  it("a public policy lets anonymous requests read, and only what it names", () => {
    const access = { ...noBucketAccess, policy: policyOf(statement({})) };
    expect(decide(access)).toEqual({ allowed: true, via: "policy" });
    expect(decide(access, { action: "s3:PutObject" }).allowed).toBe(false);
    expect(decide(access, { resourceArns: ["arn:aws:s3:::other/k"] }).allowed).toBe(false);
  });

  it("an explicit Deny beats the key's own grant", () => {
    const deny = statement({ effect: "Deny", principal: { negated: false, anyone: false, accessKeyIds: ["GK1"] } });
    const access = { ...noBucketAccess, policy: policyOf(deny) };
    expect(decide(access, { accessKeyId: "GK1" }, reader)).toEqual({ allowed: false, reason: "explicit-deny" });
    expect(decide(access, { accessKeyId: "GK2" }, reader)).toEqual({ allowed: true, via: "grant" });
  });

  it("no Deny locks a bucket's owners out of its settings", () => {
    const deny = statement({ effect: "Deny", actions: { negated: false, patterns: ["s3:*"] } });
    const access = { ...noBucketAccess, policy: policyOf(deny) };
    const owner = { read: false, write: false, owner: true };
    const question = { accessKeyId: "GK1", grant: "owner" as const, ownerAlwaysAllowed: true };
    expect(decide(access, question, owner).allowed).toBe(true);
    expect(decide(access, { ...question, ownerAlwaysAllowed: false }, owner).allowed).toBe(false);
  });

  it("NotPrincipal and NotAction apply to everyone and everything they do not name", () => {
    const denyOthers = statement({
      effect: "Deny",
      principal: { negated: true, anyone: false, accessKeyIds: ["GK1"] },
      actions: { negated: true, patterns: ["s3:ListBucket"] },
    });
    const access = { ...noBucketAccess, policy: policyOf(denyOthers) };
    expect(decide(access, { accessKeyId: "GK2" }, reader).allowed).toBe(false);
    expect(decide(access, { accessKeyId: "GK1" }, reader).allowed).toBe(true);
    expect(decide(access, { accessKeyId: "GK2", action: "s3:ListBucket" }, reader).allowed).toBe(true);
  });

  it("public ACL grants allow, unless ignored by the public access block or disabled by ownership", () => {
    const acl = { ownerAccessKeyId: "GK1", grants: cannedGrants("public-read", "bucket") };
    const list = { action: "s3:ListBucket", acl: { on: "bucket" as const, permission: "READ" as const } };
    expect(decide({ ...noBucketAccess, acl }, list)).toEqual({ allowed: true, via: "acl" });
    const ignoring = {
      blockPublicAcls: false,
      ignorePublicAcls: true,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    };
    expect(decide({ ...noBucketAccess, acl, publicAccessBlock: ignoring }, list).allowed).toBe(false);
    expect(decide({ ...noBucketAccess, acl, ownership: "BucketOwnerEnforced" }, list).allowed).toBe(false);
  });

  it("RestrictPublicBuckets silences a public policy for anonymous callers only", () => {
    const block = {
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    };
    const access = { ...noBucketAccess, policy: policyOf(statement({})), publicAccessBlock: block };
    expect(decide(access).allowed).toBe(false);
    expect(decide(access, { accessKeyId: "GK9" }).allowed).toBe(true);
  });
});

describe("isPublicPolicy", () => {
  it("an Allow to everyone is public; one pinned to source addresses or denied is not", () => {
    expect(isPublicPolicy(policyOf(statement({})))).toBe(true);
    expect(isPublicPolicy(policyOf(statement({ effect: "Deny" })))).toBe(false);
    const pinned = (cidr: string) =>
      policyOf(
        statement({
          conditions: [
            { operator: "IpAddress", key: "aws:SourceIp", values: [cidr], ifExists: false, qualifier: null },
          ],
        }),
      );
    expect(isPublicPolicy(pinned("10.0.0.0/24"))).toBe(false);
    expect(isPublicPolicy(pinned("0.0.0.0/0"))).toBe(true);
    expect(
      isPublicPolicy(policyOf(statement({ principal: { negated: false, anyone: false, accessKeyIds: ["GK1"] } }))),
    ).toBe(false);
  });
});
