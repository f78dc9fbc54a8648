import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { EngineError } from "../errors";
import type { AccessKeyService } from "../service/access-keys";
import type { BucketService } from "../service/buckets";
import type { ObjectService } from "../service/objects";
import type { VersionRef } from "../service/version-ids";
import { type Acl, isPublicAcl } from "./acl";
import {
  type BucketAccess,
  bucketAccessCodec,
  noBucketAccess,
  type ObjectOwnership,
  type PublicAccessBlock,
} from "./bucket-access";
import { type AccessQuestion, type AccessVerdict, decideAccess } from "./decide";
import type { StoredPolicy } from "./policy";
import { isPublicPolicy } from "./public";

/**
 * Bucket policies, ACLs, object ownership and the public access block: stored
 * per bucket, checked against each other when changed (a public policy under
 * BlockPublicPolicy, an ACL under BucketOwnerEnforced), and asked on every request.
 */

export class BucketAccessService {
  constructor(
    private readonly db: MetadataStore,
    private readonly keys: AccessKeyService,
    private readonly buckets: BucketService,
    private readonly objects: ObjectService,
  ) {}

  /** Decoded records by the row the store keeps in memory, so a request does not re-validate its bucket's policy. */
  private readonly decoded = new WeakMap<Buffer, BucketAccess>();

  get(bucketId: string, tx: ReadTx = this.db): BucketAccess {
    const bytes = tx.get("bucket_access", Buffer.from(bucketId, "hex"));
    if (!bytes) return noBucketAccess;
    let access = this.decoded.get(bytes);
    if (!access) {
      access = bucketAccessCodec.decode(bytes);
      this.decoded.set(bytes, access);
    }
    return access;
  }

  private async change(bucketId: string, change: (current: BucketAccess) => BucketAccess): Promise<BucketAccess> {
    return this.db.write((tx) => {
      this.buckets.require(bucketId, tx);
      const next = change(this.get(bucketId, tx));
      this.save(tx, bucketId, next);
      return next;
    });
  }

  private save(tx: WriteTx, bucketId: string, access: BucketAccess): void {
    const key = Buffer.from(bucketId, "hex");
    const empty = !access.policy && !access.acl && !access.ownership && !access.publicAccessBlock;
    if (empty) tx.delete("bucket_access", key);
    else tx.put("bucket_access", key, bucketAccessCodec.encode(access));
  }

  async putPolicy(bucketId: string, policy: StoredPolicy): Promise<BucketAccess> {
    for (const statement of policy.statements)
      for (const accessKeyId of statement.principal.accessKeyIds)
        if (!this.keys.get(accessKeyId))
          throw new EngineError("MalformedPolicy", `Invalid principal in policy: no access key ${accessKeyId}.`);
    return this.change(bucketId, (current) => {
      if (current.publicAccessBlock?.blockPublicPolicy && isPublicPolicy(policy))
        throw new EngineError("AccessDenied", "The public access block of this bucket refuses public policies.");
      return { ...current, policy };
    });
  }

  async deletePolicy(bucketId: string): Promise<BucketAccess> {
    return this.change(bucketId, (current) => ({ ...current, policy: null }));
  }

  /** Refuses an ACL the bucket's settings do not allow on a bucket or on one of its objects. */
  checkAcl(access: BucketAccess, acl: Acl | null, target: "bucket" | "object"): void {
    for (const grant of acl?.grants ?? [])
      if (grant.grantee.kind === "key" && !this.keys.get(grant.grantee.accessKeyId))
        throw new EngineError("InvalidArgument", `Invalid id: no access key ${grant.grantee.accessKeyId}.`, {
          argumentName: "CanonicalUser/ID",
        });
    if (access.ownership === "BucketOwnerEnforced" && acl) {
      const onlyOwnerFullControl = acl.grants.every(
        (grant) => grant.grantee.kind === "bucketOwner" && grant.permission === "FULL_CONTROL",
      );
      if (!onlyOwnerFullControl || (target === "bucket" && acl.grants.length > 0))
        throw new EngineError("AclNotSupported", "The bucket does not allow ACLs: its object ownership is enforced.");
    }
    if (access.publicAccessBlock?.blockPublicAcls && isPublicAcl(acl))
      throw new EngineError("AccessDenied", "The public access block of this bucket refuses public ACLs.");
  }

  async putAcl(bucketId: string, acl: Acl): Promise<BucketAccess> {
    return this.change(bucketId, (current) => {
      this.checkAcl(current, acl, "bucket");
      return { ...current, acl };
    });
  }

  /** PutObjectAcl: checked against the bucket's settings and written in one transaction. */
  async putObjectAcl(bucketId: string, key: string, version: VersionRef | null, acl: Acl): Promise<void> {
    await this.db.write((tx) => {
      this.buckets.require(bucketId, tx);
      const access = this.get(bucketId, tx);
      this.checkAcl(access, acl, "object");
      this.objects.setAclInTx(tx, bucketId, key, version, access.ownership === "BucketOwnerEnforced" ? null : acl);
    });
  }

  async putOwnership(bucketId: string, ownership: ObjectOwnership | null): Promise<BucketAccess> {
    return this.change(bucketId, (current) => {
      if (ownership === "BucketOwnerEnforced" && (current.acl?.grants.length ?? 0) > 0)
        throw new EngineError(
          "AclConflictsWithOwnership",
          "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting: reset its ACL to private first.",
        );
      return { ...current, ownership };
    });
  }

  async putPublicAccessBlock(bucketId: string, block: PublicAccessBlock | null): Promise<BucketAccess> {
    return this.change(bucketId, (current) => ({ ...current, publicAccessBlock: block }));
  }

  /** Refuses the ACL and ownership a bucket is about to be created with, before it is. */
  checkInitial(acl: Acl | null, ownership: ObjectOwnership | null): void {
    if (ownership === "BucketOwnerEnforced" && (acl?.grants.length ?? 0) > 0)
      throw new EngineError(
        "AclConflictsWithOwnership",
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting.",
      );
    this.checkAcl({ ...noBucketAccess, ownership }, acl, "bucket");
  }

  /** S3 CreateBucket: the bucket, its creator's grant, its ACL and ownership in one transaction. */
  async createOwnedBucket(
    name: string,
    accessKeyId: string,
    acl: Acl | null,
    ownership: ObjectOwnership | null,
  ): Promise<void> {
    this.checkInitial(acl, ownership);
    await this.buckets.createOwned(name, accessKeyId, (tx, bucketId) => {
      if (acl !== null || ownership !== null) this.save(tx, bucketId, { ...noBucketAccess, acl, ownership });
    });
  }

  deleteInTx(tx: WriteTx, bucketId: string): void {
    tx.delete("bucket_access", Buffer.from(bucketId, "hex"));
  }

  /** The one access decision of a request on a bucket or one of its objects. */
  decide(bucketId: string, question: AccessQuestion, objectAcl: () => Acl | null): AccessVerdict {
    const flags =
      question.accessKeyId === null
        ? { read: false, write: false, owner: false }
        : this.keys.permission(bucketId, question.accessKeyId);
    return decideAccess(question, { flags, access: this.get(bucketId), objectAcl });
  }

  /** Whether the bucket is public, and why (GetBucketPolicyStatus, the console's badge). */
  publicStatus(bucketId: string): { policy: boolean; acl: boolean } {
    const access = this.get(bucketId);
    const block = access.publicAccessBlock;
    return {
      policy: isPublicPolicy(access.policy) && !block?.restrictPublicBuckets,
      acl: isPublicAcl(access.acl) && access.ownership !== "BucketOwnerEnforced" && !block?.ignorePublicAcls,
    };
  }
}
