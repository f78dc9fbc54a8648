import "server-only";
import { getBucket, listBuckets, readBucketInfo } from "@/lib/server/admin-api/buckets";
import type { BucketSummary } from "@/lib/admin-api/buckets";
import { AdminApiError } from "@/lib/admin-api/errors";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, type Connection } from "@/lib/server/connections";
import { noSuchBucket } from "./errors";
import { adoptCredentialBucketsLocked } from "@/lib/server/credentials/tenant-sync";
import { assertBucketInScope, type Scope } from "./scope";
import type { OwnedBucket, OwnerRef, ScopedBucket, ScopedBucketDetail, Tenant } from "@/lib/tenancy/types";

/** Bucket reads through the scope: a tenant sees its own buckets by the names it gave them; operators see all. */
export type { ScopedBucket, ScopedBucketDetail };

function isMissing(error: unknown): boolean {
  return error instanceof AdminApiError && (error.code === "NoSuchBucket" || error.status === 404);
}

/** A tenant's bucket as the tenant knows it: its own name first. */
function asOwned<T extends BucketSummary>(bucket: T, owned: OwnedBucket, owner: OwnerRef): T & { owner: OwnerRef } {
  return { ...bucket, name: owned.name, owner };
}

export async function listScopedBuckets(
  store: ConsoleStore,
  scope: Scope,
  filter: { tenantId?: string } = {},
): Promise<ScopedBucket[]> {
  if (scope.kind === "tenant") return tenantBuckets(store, scope.tenant, scope.connection);
  const owners = store.tenants.ownersOn(scope.connection.id).buckets;
  const all = (await listBuckets(scope.connection)).map((bucket) => ({
    ...bucket,
    owner: owners.get(bucket.id) ?? null,
  }));
  return filter.tenantId === undefined ? all : all.filter((bucket) => bucket.owner?.id === filter.tenantId);
}

/** A tenant's buckets on its cluster, by the names it gave them. */
export async function tenantBuckets(
  store: ConsoleStore,
  tenant: Tenant,
  connection: Connection,
): Promise<ScopedBucket[]> {
  // Buckets its S3 credentials created join the tenant on this read (project credentials).
  await adoptCredentialBucketsLocked(store, tenant);
  const owner = { id: tenant.id, name: tenant.name };
  const buckets = await Promise.all(
    store.tenants.bucketsOf(tenant.id).map(async (owned) => {
      try {
        return asOwned(await getBucket(connection, owned.bucketId), owned, owner);
      } catch (error) {
        if (!isMissing(error)) throw error;
        // Deleted on the cluster behind the console's back: the record goes too.
        store.tenants.forgetBucket(owned.bucketId);
        return null;
      }
    }),
  );
  return buckets.filter((bucket) => bucket !== null).map(({ keys: _keys, ...summary }) => summary);
}

/** One bucket; a tenant sees only its own keys' grants on it (never the console's or another's). */
export async function getScopedBucket(
  store: ConsoleStore,
  scope: Scope,
  bucketId: string,
): Promise<ScopedBucketDetail> {
  assertBucketInScope(store, scope, bucketId);
  const detail = await getBucket(bucketConnection(store, scope, bucketId), bucketId);
  const owned = store.tenants.bucketOwner(bucketId);
  const tenant = owned ? store.tenants.find(owned.tenantId) : null;
  const owner = tenant ? { id: tenant.id, name: tenant.name } : null;
  if (scope.kind === "cluster" || !owned || !owner) return { ...detail, owner };
  const ownKeys = new Set(store.tenants.keysOf(scope.tenant.id).map((key) => key.accessKeyId));
  return { ...asOwned(detail, owned, owner), keys: detail.keys.filter((key) => ownKeys.has(key.accessKeyId)) };
}

/**
 * The bucket a name addresses. A tenant: the name it gave one of its buckets (or one of
 * their ids). An operator: a global alias, or a bucket id. Anything else: NoSuchBucket.
 */
export async function bucketIdByName(store: ConsoleStore, scope: Scope, name: string): Promise<string> {
  if (scope.kind === "tenant") {
    const find = () => store.tenants.bucketByName(scope.tenant.id, name) ?? store.tenants.bucketOwner(name);
    // One its S3 credentials just created is adopted on this read.
    const owned = find() ?? ((await adoptCredentialBucketsLocked(store, scope.tenant)) > 0 ? find() : null);
    if (!owned || owned.tenantId !== scope.tenant.id) throw noSuchBucket();
    return owned.bucketId;
  }
  try {
    return (await (await adminCalls(scope.connection)).getBucketInfoByAlias(name)).id;
  } catch (error) {
    if (!isMissing(error) && !(error instanceof AdminApiError && error.status === 400)) throw error;
  }
  if (!/^[0-9a-f]{64}$/.test(name)) throw noSuchBucket();
  try {
    return (await readBucketInfo(scope.connection, name)).id;
  } catch (error) {
    if (isMissing(error)) throw noSuchBucket();
    throw error;
  }
}

/** A tenant's bucket lives on its tenant's cluster, whichever cluster an operator has chosen. */
export function bucketConnection(store: ConsoleStore, scope: Scope, bucketId: string): Connection {
  const owned = store.tenants.bucketOwner(bucketId);
  const tenant = owned ? store.tenants.find(owned.tenantId) : null;
  return tenant ? getConnection(tenant.connectionId) : scope.connection;
}
