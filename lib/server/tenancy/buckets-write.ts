import "server-only";
import { createBucket, deleteBucket, updateBucket } from "@/lib/server/admin-api/buckets";
import type { BucketDetail, BucketSummary } from "@/lib/admin-api/buckets";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, type Connection } from "@/lib/server/connections";
import { formatBytes } from "@/lib/format/bytes";
import { BucketNameTakenError, LimitExceededError, UnknownTenantError } from "./errors";
import { withTenantLock } from "./lock";
import {
  adoptCredentialBuckets,
  grantCredentialsOn,
  holdAllowanceForBucket,
  syncCreateRights,
  syncCreateRightsLocked,
} from "@/lib/server/credentials/tenant-sync";
import { bucketConnection } from "./buckets-read";
import { assertBucketInScope, type Scope } from "./scope";
import type { Tenant } from "@/lib/tenancy/types";

/**
 * Bucket writes through the scope. A tenant's bucket always carries a Garage quota
 * (maxSize), and the sum of a tenant's quotas never exceeds its byte limit, so the
 * storage engine itself refuses a write past it, on a remote Garage cluster as well.
 */
export interface NewScopedBucket {
  name: string;
  /** A tenant's bucket whose S3 name (global alias) is not its name: a Hikube bucket's `bucket-<uuid>`. */
  s3Name?: string;
  /** Absent: the tenant's default bucket quota, capped at what is left of its byte limit. */
  quotaBytes?: number;
  /** An operator creating a bucket for a tenant. */
  tenantId?: string;
}

export async function createScopedBucket(
  store: ConsoleStore,
  scope: Scope,
  input: NewScopedBucket,
): Promise<BucketSummary> {
  if (scope.kind === "tenant") return createTenantBucket(store, scope.tenant, scope.connection, input);
  if (input.tenantId !== undefined) {
    const tenant = store.tenants.find(input.tenantId);
    if (!tenant) throw new UnknownTenantError(input.tenantId);
    return createTenantBucket(store, tenant, getConnection(tenant.connectionId), input);
  }
  const created = await createNamedBucket(scope.connection, input.name);
  if (input.quotaBytes === undefined) return created;
  return updateBucket(scope.connection, created.id, { quotas: { maxSizeBytes: input.quotaBytes, maxObjects: null } });
}

async function createNamedBucket(connection: Connection, name: string): Promise<BucketSummary> {
  try {
    return await createBucket(connection, { globalAlias: name });
  } catch (error) {
    if (error instanceof AdminApiError && error.code === "BucketAlreadyExists") throw new BucketNameTakenError(name);
    throw error;
  }
}

function bytesLeft(store: ConsoleStore, tenant: Tenant): number {
  return tenant.limits.maxBytes - store.tenants.usage(tenant.id).allocatedBytes;
}

/** A bucket for a tenant, within its limits: also how a tenant's S3 credentials create one (the seeds' issue). */
export function createTenantBucket(
  store: ConsoleStore,
  tenant: Tenant,
  connection: Connection,
  input: NewScopedBucket,
): Promise<BucketSummary> {
  return withTenantLock(tenant.id, async () => {
    // Buckets its S3 credentials created count before the check (project credentials, the seeds' issue).
    await adoptCredentialBuckets(store, tenant);
    const usage = store.tenants.usage(tenant.id);
    if (usage.buckets >= tenant.limits.maxBuckets)
      throw new LimitExceededError(`This tenant already has its limit of ${tenant.limits.maxBuckets} buckets.`);
    if (store.tenants.bucketByName(tenant.id, input.name)) throw new BucketNameTakenError(input.name);
    const left = bytesLeft(store, tenant);
    if (left <= 0)
      throw new LimitExceededError(
        `Nothing is left of this tenant's ${formatBytes(tenant.limits.maxBytes)}: shrink or delete a bucket first.`,
      );
    const quotaBytes = input.quotaBytes ?? Math.min(tenant.limits.defaultBucketQuotaBytes, left);
    if (quotaBytes > left)
      throw new LimitExceededError(
        `A quota of ${formatBytes(quotaBytes)} is more than the ${formatBytes(left)} left of this tenant's limit.`,
      );
    // Its share comes off the S3 credentials' bucket allowance first, so they cannot take it meanwhile.
    await holdAllowanceForBucket(store, tenant, quotaBytes);
    const created = await createNamedBucket(connection, input.s3Name ?? input.name).catch(async (error: unknown) => {
      await syncCreateRights(store, tenant);
      throw error;
    });
    let limited: BucketDetail;
    try {
      limited = await updateBucket(connection, created.id, {
        quotas: { maxSizeBytes: quotaBytes, maxObjects: null },
      });
      store.tenants.recordBucket({ bucketId: created.id, tenantId: tenant.id, name: input.name, quotaBytes });
    } catch (error) {
      // A tenant bucket without its quota must not survive: it would escape the byte limit.
      await deleteBucket(connection, created.id).catch(() => undefined);
      await syncCreateRights(store, tenant);
      throw error;
    }
    // The tenant's project credentials reach every bucket of it, and stop creating at a limit.
    await grantCredentialsOn(store, tenant, connection, created.id);
    await syncCreateRights(store, tenant);
    return limited;
  });
}

/**
 * Sets a bucket's quotas. A tenant-owned bucket (whoever asks) keeps a size quota, and the
 * tenant's quotas together stay within its byte limit.
 */
export async function setScopedQuotas(
  store: ConsoleStore,
  scope: Scope,
  bucketId: string,
  quotas: { maxSizeBytes: number | null; maxObjects: number | null },
): Promise<BucketDetail> {
  assertBucketInScope(store, scope, bucketId);
  const owned = store.tenants.bucketOwner(bucketId);
  const tenant = owned ? store.tenants.find(owned.tenantId) : null;
  if (!owned || !tenant) return updateBucket(scope.connection, bucketId, { quotas });
  return withTenantLock(tenant.id, async () => {
    const { maxSizeBytes } = quotas;
    if (maxSizeBytes === null || maxSizeBytes <= 0)
      throw new LimitExceededError("A tenant's bucket always has a size quota, within the tenant's byte limit.");
    const left = bytesLeft(store, tenant) + owned.quotaBytes;
    if (maxSizeBytes > left)
      throw new LimitExceededError(
        `A quota of ${formatBytes(maxSizeBytes)} is more than the ${formatBytes(left)} this tenant's limit allows for this bucket.`,
      );
    const updated = await updateBucket(getConnection(tenant.connectionId), bucketId, { quotas });
    store.tenants.setBucketQuota(bucketId, maxSizeBytes);
    await syncCreateRights(store, tenant);
    return updated;
  });
}

/** Deletes an empty bucket (BucketNotEmptyError otherwise) and its ownership record. */
export async function deleteScopedBucket(store: ConsoleStore, scope: Scope, bucketId: string): Promise<void> {
  assertBucketInScope(store, scope, bucketId);
  await deleteBucket(bucketConnection(store, scope, bucketId), bucketId);
  const owner = store.tenants.bucketOwner(bucketId);
  store.tenants.forgetBucket(bucketId);
  const tenant = owner ? store.tenants.find(owner.tenantId) : null;
  if (tenant) await syncCreateRightsLocked(store, tenant);
}
