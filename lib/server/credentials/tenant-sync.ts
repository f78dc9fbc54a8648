import "server-only";
import { AdminApiError } from "@/lib/admin-api/errors";
import { adminCalls } from "@/lib/server/admin-api/calls";
import { deleteBucket, updateBucket } from "@/lib/server/admin-api/buckets";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, type Connection } from "@/lib/server/connections";
import { withTenantLock } from "@/lib/server/tenancy/lock";
import { syncAllowance } from "./allowance";
import type { Tenant } from "@/lib/tenancy/types";

/**
 * Keeps a tenant's project credentials in step with its buckets. Each credential reads and
 * writes every bucket of its tenant, present and future; may create buckets through S3
 * while the tenant is below its bucket and byte limits (the right is withdrawn at a
 * limit); a bucket it created joins the tenant (its quota, its limits) when the console
 * next looks ("adoption"). Functions named `…Locked` take the tenant's lock; the others
 * expect the caller to hold it (tenancy's own writes call them from inside theirs).
 */

/** Read and write on one bucket for every credential of the tenant (a bucket just made or adopted). */
export async function grantCredentialsOn(
  store: ConsoleStore,
  tenant: Tenant,
  connection: Connection,
  bucketId: string,
  except?: string,
): Promise<void> {
  const calls = await adminCalls(connection);
  for (const credential of store.credentials.ofTenant(tenant.id)) {
    if (credential.accessKeyId === except) continue;
    await calls.allowBucketKey({
      bucketId,
      accessKeyId: credential.accessKeyId,
      permissions: { read: true, write: true },
    });
  }
}

/** Is the tenant at its bucket or byte limit (so S3 may create no bucket for it)? */
export function tenantAtLimit(store: ConsoleStore, tenant: Tenant): boolean {
  const usage = store.tenants.usage(tenant.id);
  return usage.buckets >= tenant.limits.maxBuckets || usage.allocatedBytes >= tenant.limits.maxBytes;
}

/**
 * Brings the credentials' right to create buckets in line with the tenant's usage: the
 * flag withdrawn at a limit (all a Garage cluster offers), and where the cluster keeps
 * them, the tenant's bucket allowance, which makes the limit exact.
 */
export async function syncCreateRights(store: ConsoleStore, tenant: Tenant): Promise<void> {
  const credentials = store.credentials.ofTenant(tenant.id);
  if (credentials.length === 0) return;
  const current = store.tenants.find(tenant.id) ?? tenant;
  const allowed = !current.disabled && !tenantAtLimit(store, current);
  const calls = await adminCalls(getConnection(current.connectionId));
  for (const credential of credentials) {
    if (credential.canCreateBuckets === allowed) continue;
    await calls.updateKey(
      credential.accessKeyId,
      allowed ? { allow: { createBucket: true } } : { deny: { createBucket: true } },
    );
    store.credentials.setCanCreateBuckets(credential.accessKeyId, allowed);
  }
  await syncAllowance(store, current, () => adoptCredentialBuckets(store, current));
}

/**
 * Before the console makes a bucket for a tenant with credentials: the bucket's share is
 * taken from the allowance first, so no credential can take the same room meanwhile.
 */
export async function holdAllowanceForBucket(store: ConsoleStore, tenant: Tenant, quotaBytes: number): Promise<void> {
  await syncAllowance(store, tenant, () => adoptCredentialBuckets(store, tenant), { buckets: 1, bytes: quotaBytes });
}

/**
 * Buckets the tenant's credentials created through S3 that the console does not know yet
 * become the tenant's: the default quota (capped at what is left), read and write for the
 * other credentials. One that came in past a limit (possible only while the right was
 * being withdrawn) is deleted when empty, else kept with a quota of what it holds: data
 * is never thrown away.
 */
export async function adoptCredentialBuckets(store: ConsoleStore, tenant: Tenant): Promise<number> {
  const credentials = store.credentials.ofTenant(tenant.id);
  if (credentials.length === 0) return 0;
  const connection = getConnection(tenant.connectionId);
  const calls = await adminCalls(connection);
  let adopted = 0;
  for (const credential of credentials) {
    let info;
    try {
      info = await calls.getKeyInfo(credential.accessKeyId, false);
    } catch (error) {
      if (error instanceof AdminApiError && error.status === 404) continue;
      throw error;
    }
    for (const bucket of info.buckets) {
      if (!bucket.permissions.owner || store.tenants.bucketOwner(bucket.id)) continue;
      const name = bucket.globalAliases[0] ?? bucket.localAliases[0] ?? bucket.id;
      if (await adoptBucket(store, tenant, connection, { id: bucket.id, name }, credential.accessKeyId)) adopted += 1;
    }
  }
  if (adopted > 0) await syncCreateRights(store, tenant);
  return adopted;
}

async function adoptBucket(
  store: ConsoleStore,
  tenant: Tenant,
  connection: Connection,
  bucket: { id: string; name: string },
  creator: string,
): Promise<boolean> {
  const usage = store.tenants.usage(tenant.id);
  const left = tenant.limits.maxBytes - usage.allocatedBytes;
  const info = await (await adminCalls(connection)).getBucketInfo(bucket.id);
  // A bucket made under the tenant's allowance already has its quota, given in the same transaction.
  const given = info.quotas.maxSize ?? null;
  let quotaBytes =
    given !== null && given > 0 && given <= left ? given : Math.min(tenant.limits.defaultBucketQuotaBytes, left);
  if (usage.buckets >= tenant.limits.maxBuckets || left <= 0) {
    if (info.objects === 0 && info.unfinishedUploads === 0) {
      console.warn(
        `credentials: bucket ${bucket.name} was created past tenant ${tenant.name}'s limit; deleted (empty)`,
      );
      await deleteBucket(connection, bucket.id);
      return false;
    }
    console.warn(`credentials: bucket ${bucket.name} was created past tenant ${tenant.name}'s limit; kept (not empty)`);
    quotaBytes = Math.max(info.bytes, 1);
  }
  if (quotaBytes !== given)
    await updateBucket(connection, bucket.id, { quotas: { maxSizeBytes: quotaBytes, maxObjects: null } });
  const taken = store.tenants.bucketByName(tenant.id, bucket.name);
  store.tenants.recordBucket({
    bucketId: bucket.id,
    tenantId: tenant.id,
    name: taken ? bucket.id : bucket.name,
    quotaBytes,
  });
  await grantCredentialsOn(store, tenant, connection, bucket.id, creator);
  return true;
}

/** Adoption for a read (a tenant's bucket list, its credentials): takes the tenant's lock. */
export function adoptCredentialBucketsLocked(store: ConsoleStore, tenant: Tenant): Promise<number> {
  if (store.credentials.ofTenant(tenant.id).length === 0) return Promise.resolve(0);
  return withTenantLock(tenant.id, () => adoptCredentialBuckets(store, tenant));
}

export function syncCreateRightsLocked(store: ConsoleStore, tenant: Tenant): Promise<void> {
  if (store.credentials.ofTenant(tenant.id).length === 0) return Promise.resolve();
  return withTenantLock(tenant.id, () => syncCreateRights(store, tenant));
}
