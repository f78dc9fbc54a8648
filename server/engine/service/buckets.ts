import crypto from "node:crypto";
import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { permKey, prefixEnd, utf8 } from "../metadata/keys";
import { type BucketRecord, type CounterRecord, type Tag, records, sharedDecoder } from "../metadata/records";
import { spendAllowanceInTx } from "./bucket-allowances";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import { assertBucketName } from "./names";
import type { CorsRule, LifecycleRule } from "../metadata/bucket-rules";
import { assertTagSet } from "./tags";
import type { AccessKeyService, PermissionFlags } from "./access-keys";

/** Rows read by every request, decoded once per version of the row (see sharedDecoder). */
const decodeBucket = sharedDecoder(records.bucket);

/**
 * Buckets, their global aliases (names every key sees) and local aliases (names
 * one key sees), as in Garage. A bucket's id is 32 random bytes (64 hex).
 */

export const emptyCounter: CounterRecord = {
  v: 1,
  objects: 0,
  bytes: 0,
  uploads: 0,
  uploadParts: 0,
  uploadBytes: 0,
  versions: 0,
  versionBytes: 0,
  deleteMarkers: 0,
};

export type CounterDelta = Partial<Omit<CounterRecord, "v">>;

export interface BucketCreation {
  globalAlias?: string | null;
  localAlias?: { accessKeyId: string; alias: string; allow: Partial<PermissionFlags> } | null;
}

export class BucketService {
  constructor(
    private readonly db: MetadataStore,
    private readonly keys: AccessKeyService,
  ) {}

  get(bucketId: string, tx: ReadTx = this.db): BucketRecord | null {
    if (!/^[0-9a-f]{64}$/.test(bucketId)) return null;
    const bytes = tx.get("bucket", Buffer.from(bucketId, "hex"));
    return bytes ? decodeBucket(bytes) : null;
  }

  require(bucketId: string, tx: ReadTx = this.db): BucketRecord {
    const bucket = this.get(bucketId, tx);
    if (!bucket) throw new EngineError("NoSuchBucket", `Bucket ${bucketId} not found.`, { bucketId });
    return bucket;
  }

  globalAliasTarget(alias: string, tx: ReadTx = this.db): string | null {
    return tx.get("global_alias", utf8(alias))?.toString("utf8") ?? null;
  }

  localAliasTarget(accessKeyId: string, alias: string, tx: ReadTx = this.db): string | null {
    return tx.get("local_alias", permKey(utf8(accessKeyId), utf8(alias)))?.toString("utf8") ?? null;
  }

  /** How S3 finds a bucket by name: the key's local alias first, then the global alias. */
  resolveName(name: string, accessKeyId: string | null, tx: ReadTx = this.db): BucketRecord | null {
    const id = (accessKeyId ? this.localAliasTarget(accessKeyId, name, tx) : null) ?? this.globalAliasTarget(name, tx);
    return id ? this.get(id, tx) : null;
  }

  list(): BucketRecord[] {
    return this.db
      .range("bucket", { limit: limits.maxRowsPerTableRead })
      .map(([, value]) => records.bucket.decode(value));
  }

  /** Garage's search: an id, a unique id prefix, or a global alias. */
  find(pattern: string): BucketRecord {
    const byAlias = this.globalAliasTarget(pattern);
    if (byAlias) return this.require(byAlias);
    const exact = this.get(pattern);
    if (exact) return exact;
    const candidates =
      /^[0-9a-f]+$/.test(pattern) && pattern.length >= 4
        ? this.list().filter((bucket) => bucket.id.startsWith(pattern))
        : [];
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0)
      throw new EngineError("NoSuchBucket", `No bucket matches ${pattern}.`, { bucketName: pattern });
    throw new EngineError("InvalidRequest", `Several buckets match ${pattern}; give the whole id.`);
  }

  counter(bucketId: string, tx: ReadTx = this.db): CounterRecord {
    const bytes = tx.get("bucket_counter", Buffer.from(bucketId, "hex"));
    return bytes ? records.counter.decode(bytes) : emptyCounter;
  }

  changeCounter(tx: WriteTx, bucketId: string, delta: CounterDelta): void {
    const next: CounterRecord = { ...this.counter(bucketId, tx) };
    for (const [field, change] of Object.entries(delta) as Array<[keyof CounterDelta, number | undefined]>)
      next[field] += change ?? 0;
    tx.put("bucket_counter", Buffer.from(bucketId, "hex"), records.counter.encode(next));
  }

  async create(input: BucketCreation): Promise<BucketRecord> {
    if (input.globalAlias) assertBucketName(input.globalAlias);
    if (input.localAlias) assertBucketName(input.localAlias.alias);
    return this.db.write((tx) => {
      const bucket = this.newBucket();
      this.save(tx, bucket);
      if (input.globalAlias) this.addGlobalAliasInTx(tx, bucket.id, input.globalAlias);
      if (input.localAlias) {
        const { accessKeyId, alias, allow } = input.localAlias;
        this.addLocalAliasInTx(tx, bucket.id, accessKeyId, alias);
        this.keys.changePermissionInTx(tx, bucket.id, accessKeyId, allow, true);
      }
      return this.require(bucket.id, tx);
    });
  }

  /**
   * S3 CreateBucket: a bucket under the global alias `name`, owned (read, write,
   * owner) by the key that asked, in one transaction. The name must be free for
   * that key and the key allowed to create buckets.
   */
  /** `initialise`: more state of the new bucket (its ACL, ...), written in the same transaction. */
  async createOwned(
    name: string,
    accessKeyId: string,
    initialise?: (tx: WriteTx, bucketId: string) => void,
  ): Promise<BucketRecord> {
    assertBucketName(name);
    return this.db.write((tx) => {
      const key = this.keys.require(accessKeyId, tx);
      const existing = this.resolveName(name, accessKeyId, tx);
      if (existing) {
        if (this.keys.permission(existing.id, accessKeyId, tx).owner)
          throw new EngineError("BucketAlreadyOwnedByYou", `You already own the bucket ${name}.`, { bucketName: name });
        throw new EngineError("BucketAlreadyExists", `The bucket name ${name} is taken.`, { bucketName: name });
      }
      if (!key.allowCreateBucket)
        throw new EngineError("AccessDenied", "This access key is not allowed to create buckets.");
      // A key drawing on a bucket allowance spends one bucket of it here, and the bucket gets its quota.
      const allowance = key.bucketAllowance ? spendAllowanceInTx(tx, key.bucketAllowance) : null;
      const bucket = this.newBucket();
      if (allowance) bucket.quotas = { maxSizeBytes: allowance.quotaBytes, maxObjects: null };
      this.save(tx, bucket);
      this.addGlobalAliasInTx(tx, bucket.id, name);
      this.keys.changePermissionInTx(tx, bucket.id, accessKeyId, { read: true, write: true, owner: true }, true);
      initialise?.(tx, bucket.id);
      return this.require(bucket.id, tx);
    });
  }

  /** AllowBucketKey (allow) or DenyBucketKey: only the flags given as true change. Returns the bucket. */
  async changeKeyPermission(
    bucketId: string,
    accessKeyId: string,
    flags: Partial<PermissionFlags>,
    allow: boolean,
  ): Promise<BucketRecord> {
    return this.db.write((tx) => {
      const bucket = this.require(bucketId, tx);
      this.keys.require(accessKeyId, tx);
      this.keys.changePermissionInTx(tx, bucketId, accessKeyId, flags, allow);
      return bucket;
    });
  }

  addGlobalAlias(bucketId: string, alias: string): Promise<BucketRecord> {
    return this.db.write((tx) => this.addGlobalAliasInTx(tx, bucketId, alias));
  }

  removeGlobalAlias(bucketId: string, alias: string): Promise<BucketRecord> {
    return this.db.write((tx) => this.removeGlobalAliasInTx(tx, bucketId, alias));
  }

  addLocalAlias(bucketId: string, accessKeyId: string, alias: string): Promise<BucketRecord> {
    return this.db.write((tx) => this.addLocalAliasInTx(tx, bucketId, accessKeyId, alias));
  }

  removeLocalAlias(bucketId: string, accessKeyId: string, alias: string): Promise<BucketRecord> {
    return this.db.write((tx) => this.removeLocalAliasInTx(tx, bucketId, accessKeyId, alias));
  }

  private newBucket(): BucketRecord {
    return {
      v: 1,
      id: crypto.randomBytes(32).toString("hex"),
      createdMs: Date.now(),
      globalAliases: [],
      localAliases: [],
      website: null,
      quotas: { maxSizeBytes: null, maxObjects: null },
      cors: null,
      lifecycle: null,
      versioning: "unversioned",
      tags: [],
    };
  }

  save(tx: WriteTx, bucket: BucketRecord): void {
    tx.put("bucket", Buffer.from(bucket.id, "hex"), records.bucket.encode(bucket));
  }

  async update(bucketId: string, change: (bucket: BucketRecord) => BucketRecord): Promise<BucketRecord> {
    return this.db.write((tx) => {
      const updated = change(this.require(bucketId, tx));
      this.save(tx, updated);
      return updated;
    });
  }

  /** PutBucketVersioning: a bucket's versioning can be enabled or suspended, never removed (S3). */
  async setVersioning(bucketId: string, state: "enabled" | "suspended"): Promise<BucketRecord> {
    return this.update(bucketId, (bucket) => ({ ...bucket, versioning: state }));
  }

  /** Put/DeleteBucketCors over S3 (the admin API sets them with UpdateBucket). */
  async setCors(bucketId: string, rules: CorsRule[] | null): Promise<BucketRecord> {
    return this.update(bucketId, (bucket) => ({ ...bucket, cors: rules?.length ? rules : null }));
  }

  async setLifecycle(bucketId: string, rules: LifecycleRule[] | null): Promise<BucketRecord> {
    return this.update(bucketId, (bucket) => ({ ...bucket, lifecycle: rules?.length ? rules : null }));
  }

  async setWebsite(bucketId: string, website: BucketRecord["website"]): Promise<BucketRecord> {
    return this.update(bucketId, (bucket) => ({ ...bucket, website }));
  }

  async setTags(bucketId: string, tags: Tag[]): Promise<BucketRecord> {
    assertTagSet(tags, "bucket");
    return this.update(bucketId, (bucket) => ({ ...bucket, tags }));
  }

  addGlobalAliasInTx(tx: WriteTx, bucketId: string, alias: string): BucketRecord {
    assertBucketName(alias);
    const bucket = this.require(bucketId, tx);
    const existing = this.globalAliasTarget(alias, tx);
    if (existing === bucketId) return bucket;
    if (existing)
      throw new EngineError("BucketAlreadyExists", `The global alias ${alias} already points to another bucket.`, {
        bucketName: alias,
      });
    tx.put("global_alias", utf8(alias), utf8(bucketId));
    const updated = { ...bucket, globalAliases: [...bucket.globalAliases, alias].sort() };
    this.save(tx, updated);
    return updated;
  }

  removeGlobalAliasInTx(tx: WriteTx, bucketId: string, alias: string, allowLast = false): BucketRecord {
    const bucket = this.require(bucketId, tx);
    if (this.globalAliasTarget(alias, tx) !== bucketId)
      throw new EngineError("InvalidRequest", `Bucket ${bucketId} has no global alias ${alias}.`);
    if (!allowLast && bucket.globalAliases.length + bucket.localAliases.length <= 1) {
      throw new EngineError(
        "InvalidRequest",
        `${alias} is the last alias of the bucket; a bucket must keep at least one alias.`,
      );
    }
    tx.delete("global_alias", utf8(alias));
    const updated = { ...bucket, globalAliases: bucket.globalAliases.filter((name) => name !== alias) };
    this.save(tx, updated);
    return updated;
  }

  addLocalAliasInTx(tx: WriteTx, bucketId: string, accessKeyId: string, alias: string): BucketRecord {
    assertBucketName(alias);
    this.keys.require(accessKeyId, tx);
    const bucket = this.require(bucketId, tx);
    const existing = this.localAliasTarget(accessKeyId, alias, tx);
    if (existing === bucketId) return bucket;
    if (existing)
      throw new EngineError(
        "BucketAlreadyExists",
        `Key ${accessKeyId} already has a local alias ${alias} for another bucket.`,
        { bucketName: alias },
      );
    tx.put("local_alias", permKey(utf8(accessKeyId), utf8(alias)), utf8(bucketId));
    const updated = { ...bucket, localAliases: [...bucket.localAliases, { accessKeyId, alias }] };
    this.save(tx, updated);
    return updated;
  }

  removeLocalAliasInTx(
    tx: WriteTx,
    bucketId: string,
    accessKeyId: string,
    alias: string,
    allowLast = false,
  ): BucketRecord {
    const bucket = this.require(bucketId, tx);
    if (this.localAliasTarget(accessKeyId, alias, tx) !== bucketId) {
      throw new EngineError("InvalidRequest", `Key ${accessKeyId} has no local alias ${alias} for bucket ${bucketId}.`);
    }
    if (!allowLast && bucket.globalAliases.length + bucket.localAliases.length <= 1) {
      throw new EngineError(
        "InvalidRequest",
        `${alias} is the last alias of the bucket; a bucket must keep at least one alias.`,
      );
    }
    tx.delete("local_alias", permKey(utf8(accessKeyId), utf8(alias)));
    const updated = {
      ...bucket,
      localAliases: bucket.localAliases.filter(
        (entry) => !(entry.accessKeyId === accessKeyId && entry.alias === alias),
      ),
    };
    this.save(tx, updated);
    return updated;
  }

  /** Local aliases a key holds, as [alias, bucketId]. */
  localAliasesOfKey(accessKeyId: string, tx: ReadTx = this.db): Array<[string, string]> {
    const prefix = permKey(utf8(accessKeyId), Buffer.alloc(0));
    return tx
      .range("local_alias", { start: prefix, end: prefixEnd(prefix) ?? undefined, limit: limits.maxRowsPerTableRead })
      .map(([key, value]) => [key.subarray(prefix.length).toString("utf8"), value.toString("utf8")]);
  }

  /** A bucket is empty when it holds no object, no noncurrent version and no delete marker (S3). */
  assertEmpty(bucketId: string, tx: ReadTx = this.db): void {
    const counter = this.counter(bucketId, tx);
    const stored = counter.objects + counter.versions + counter.deleteMarkers;
    if (stored > 0) {
      const versions = counter.versions + counter.deleteMarkers;
      throw new EngineError(
        "BucketNotEmpty",
        `The bucket is not empty: ${counter.objects} objects${versions > 0 ? `, ${versions} older versions and delete markers` : ""}.`,
        { objects: counter.objects, bytes: counter.bytes + counter.versionBytes },
      );
    }
  }

  /** Deletes an empty bucket with its aliases and permissions. Uploads in progress are the caller's to abort first. */
  deleteInTx(tx: WriteTx, bucketId: string): void {
    const bucket = this.require(bucketId, tx);
    this.assertEmpty(bucketId, tx);
    for (const alias of bucket.globalAliases) tx.delete("global_alias", utf8(alias));
    for (const { accessKeyId, alias } of bucket.localAliases)
      tx.delete("local_alias", permKey(utf8(accessKeyId), utf8(alias)));
    for (const [accessKeyId] of this.keys.permissionsOfBucket(bucketId, tx)) {
      this.keys.putPermission(tx, bucketId, accessKeyId, { read: false, write: false, owner: false });
    }
    tx.delete("bucket_counter", Buffer.from(bucketId, "hex"));
    // Carport's policy, ACL and public access block go with the bucket.
    tx.delete("bucket_access", Buffer.from(bucketId, "hex"));
    tx.delete("bucket", Buffer.from(bucketId, "hex"));
  }
}
