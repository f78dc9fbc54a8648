import "server-only";
import type Database from "better-sqlite3";
import crypto from "node:crypto";
import type { TenantLimits } from "@/lib/tenancy/limits";
import type { OwnedBucket, OwnedKey, OwnerRef, Tenant, TenantUsage } from "@/lib/tenancy/types";

/**
 * Tenants and what each owns, in console.db (tables in ./schema). The resources
 * themselves live on the cluster; this records which bucket ids and access key ids
 * belong to which tenant, the name a tenant gave each bucket and its quota allowance.
 */
interface TenantRow {
  id: string;
  name: string;
  max_buckets: number;
  max_bytes: number;
  max_keys: number;
  default_bucket_quota_bytes: number;
  connection_id: string;
  disabled: number;
  created_at_ms: number;
}

interface BucketRow {
  bucket_id: string;
  tenant_id: string;
  name: string;
  quota_bytes: number;
  created_at_ms: number;
}

interface KeyRow {
  access_key_id: string;
  tenant_id: string;
  created_at_ms: number;
}

export class DuplicateTenantNameError extends Error {
  override name = "DuplicateTenantNameError";
  constructor(readonly tenantName: string) {
    super(`a tenant named ${tenantName} already exists`);
  }
}

export class TenantNotEmptyError extends Error {
  override name = "TenantNotEmptyError";
  constructor(readonly buckets: number) {
    super(`the tenant still owns ${buckets} buckets`);
  }
}

export interface TenantChange {
  name?: string;
  limits?: TenantLimits;
  disabled?: boolean;
}

export class TenantStore {
  constructor(private readonly db: Database.Database) {}

  list(): Tenant[] {
    return this.db.prepare<[], TenantRow>("SELECT * FROM tenants ORDER BY name").all().map(toTenant);
  }

  find(id: string): Tenant | null {
    const row = this.db.prepare<[string], TenantRow>("SELECT * FROM tenants WHERE id = ?").get(id);
    return row ? toTenant(row) : null;
  }

  findByName(name: string): Tenant | null {
    const row = this.db.prepare<[string], TenantRow>("SELECT * FROM tenants WHERE name = ?").get(name);
    return row ? toTenant(row) : null;
  }

  /** Throws DuplicateTenantNameError when the name is taken (names compare without case). */
  create(input: { name: string; limits: TenantLimits; connectionId: string }): Tenant {
    const id = `t-${crypto.randomBytes(6).toString("hex")}`;
    const { maxBuckets, maxBytes, maxKeys, defaultBucketQuotaBytes } = input.limits;
    uniqueName(input.name, () =>
      this.db
        .prepare(
          "INSERT INTO tenants (id, name, max_buckets, max_bytes, max_keys, default_bucket_quota_bytes, connection_id, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(id, input.name, maxBuckets, maxBytes, maxKeys, defaultBucketQuotaBytes, input.connectionId, Date.now()),
    );
    const created = this.find(id);
    if (!created) throw new Error(`tenant ${id} vanished after its insert`);
    return created;
  }

  /** Returns null for an unknown id. Throws DuplicateTenantNameError on a taken name. */
  update(id: string, change: TenantChange): Tenant | null {
    const current = this.find(id);
    if (!current) return null;
    const limits = change.limits ?? current.limits;
    uniqueName(change.name ?? current.name, () =>
      this.db
        .prepare(
          "UPDATE tenants SET name = ?, max_buckets = ?, max_bytes = ?, max_keys = ?, default_bucket_quota_bytes = ?, disabled = ? WHERE id = ?",
        )
        .run(
          change.name ?? current.name,
          limits.maxBuckets,
          limits.maxBytes,
          limits.maxKeys,
          limits.defaultBucketQuotaBytes,
          (change.disabled ?? current.disabled) ? 1 : 0,
          id,
        ),
    );
    return this.find(id);
  }

  /**
   * Removes the tenant, its key records and its users in one transaction; refused while
   * it owns buckets. The caller deletes the keys from the cluster first. False: unknown id.
   */
  delete(id: string): boolean {
    return this.db
      .transaction(() => {
        const buckets = this.bucketsOf(id).length;
        if (buckets > 0) throw new TenantNotEmptyError(buckets);
        this.db.prepare("DELETE FROM tenant_keys WHERE tenant_id = ?").run(id);
        this.db.prepare("DELETE FROM users WHERE tenant_id = ?").run(id);
        return this.db.prepare("DELETE FROM tenants WHERE id = ?").run(id).changes > 0;
      })
      .immediate();
  }

  usage(tenantId: string): TenantUsage {
    const buckets = this.db
      .prepare<[string], { count: number; bytes: number | null }>(
        "SELECT COUNT(*) AS count, SUM(quota_bytes) AS bytes FROM tenant_buckets WHERE tenant_id = ?",
      )
      .get(tenantId);
    const keys = this.db
      .prepare<[string], { count: number }>("SELECT COUNT(*) AS count FROM tenant_keys WHERE tenant_id = ?")
      .get(tenantId);
    return { buckets: buckets?.count ?? 0, keys: keys?.count ?? 0, allocatedBytes: buckets?.bytes ?? 0 };
  }

  bucketsOf(tenantId: string): OwnedBucket[] {
    return this.db
      .prepare<[string], BucketRow>("SELECT * FROM tenant_buckets WHERE tenant_id = ? ORDER BY name")
      .all(tenantId)
      .map(toBucket);
  }

  bucketOwner(bucketId: string): OwnedBucket | null {
    const row = this.db.prepare<[string], BucketRow>("SELECT * FROM tenant_buckets WHERE bucket_id = ?").get(bucketId);
    return row ? toBucket(row) : null;
  }

  bucketByName(tenantId: string, name: string): OwnedBucket | null {
    const row = this.db
      .prepare<[string, string], BucketRow>("SELECT * FROM tenant_buckets WHERE tenant_id = ? AND name = ?")
      .get(tenantId, name);
    return row ? toBucket(row) : null;
  }

  recordBucket(bucket: Omit<OwnedBucket, "createdAt">): OwnedBucket {
    this.db
      .prepare(
        "INSERT INTO tenant_buckets (bucket_id, tenant_id, name, quota_bytes, created_at_ms) VALUES (?, ?, ?, ?, ?)",
      )
      .run(bucket.bucketId, bucket.tenantId, bucket.name, bucket.quotaBytes, Date.now());
    const recorded = this.bucketOwner(bucket.bucketId);
    if (!recorded) throw new Error(`bucket record ${bucket.bucketId} vanished after its insert`);
    return recorded;
  }

  setBucketQuota(bucketId: string, quotaBytes: number): void {
    this.db.prepare("UPDATE tenant_buckets SET quota_bytes = ? WHERE bucket_id = ?").run(quotaBytes, bucketId);
  }

  forgetBucket(bucketId: string): void {
    this.db.prepare("DELETE FROM tenant_buckets WHERE bucket_id = ?").run(bucketId);
  }

  keysOf(tenantId: string): OwnedKey[] {
    return this.db
      .prepare<[string], KeyRow>("SELECT * FROM tenant_keys WHERE tenant_id = ? ORDER BY created_at_ms")
      .all(tenantId)
      .map(toKey);
  }

  keyOwner(accessKeyId: string): OwnedKey | null {
    const row = this.db.prepare<[string], KeyRow>("SELECT * FROM tenant_keys WHERE access_key_id = ?").get(accessKeyId);
    return row ? toKey(row) : null;
  }

  recordKey(tenantId: string, accessKeyId: string): void {
    this.db
      .prepare("INSERT INTO tenant_keys (access_key_id, tenant_id, created_at_ms) VALUES (?, ?, ?)")
      .run(accessKeyId, tenantId, Date.now());
  }

  forgetKey(accessKeyId: string): void {
    this.db.prepare("DELETE FROM tenant_keys WHERE access_key_id = ?").run(accessKeyId);
  }

  /** Owners of the buckets and keys on one cluster, for the admin's lists. */
  ownersOn(connectionId: string): { buckets: Map<string, OwnerRef>; keys: Map<string, OwnerRef> } {
    const rows = (table: "tenant_buckets" | "tenant_keys", column: "bucket_id" | "access_key_id") =>
      this.db
        .prepare<[string], { resource_id: string; id: string; name: string }>(
          `SELECT r.${column} AS resource_id, t.id, t.name FROM ${table} r JOIN tenants t ON t.id = r.tenant_id WHERE t.connection_id = ?`,
        )
        .all(connectionId);
    const toMap = (list: { resource_id: string; id: string; name: string }[]) =>
      new Map(list.map((row) => [row.resource_id, { id: row.id, name: row.name }]));
    return { buckets: toMap(rows("tenant_buckets", "bucket_id")), keys: toMap(rows("tenant_keys", "access_key_id")) };
  }
}

function uniqueName(name: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE")
      throw new DuplicateTenantNameError(name);
    throw error;
  }
}

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    limits: {
      maxBuckets: row.max_buckets,
      maxBytes: row.max_bytes,
      maxKeys: row.max_keys,
      defaultBucketQuotaBytes: row.default_bucket_quota_bytes,
    },
    connectionId: row.connection_id,
    disabled: row.disabled === 1,
    createdAt: new Date(row.created_at_ms).toISOString(),
  };
}

function toBucket(row: BucketRow): OwnedBucket {
  return {
    bucketId: row.bucket_id,
    tenantId: row.tenant_id,
    name: row.name,
    quotaBytes: row.quota_bytes,
    createdAt: new Date(row.created_at_ms).toISOString(),
  };
}

function toKey(row: KeyRow): OwnedKey {
  return {
    accessKeyId: row.access_key_id,
    tenantId: row.tenant_id,
    createdAt: new Date(row.created_at_ms).toISOString(),
  };
}
