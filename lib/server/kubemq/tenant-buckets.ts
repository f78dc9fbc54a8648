import "server-only";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { adminCalls } from "@/lib/server/admin-api/calls";
import { deleteBucket } from "@/lib/server/admin-api/buckets";
import { forgetDeletedTenantBucket } from "@/lib/server/hikube/buckets";
import { createTenantBucket } from "@/lib/server/tenancy/buckets-write";
import type { KubemqCaller } from "./caller";

/**
 * create_bucket and delete_bucket for a tenant's key: the bucket is the tenant's (its
 * name, its default quota, its limits) and the key gets what S3's CreateBucket gives its
 * creator (read, write, owner); a bucket the key deletes leaves the tenant's records.
 */
export async function createBucketAsTenant(store: ConsoleStore, caller: KubemqCaller, name: string): Promise<void> {
  const { tenant, connection, accessKeyId } = caller;
  if (!tenant) throw new Error("createBucketAsTenant: the key has no tenant");
  const created = await createTenantBucket(store, tenant, connection, { name });
  try {
    await (
      await adminCalls(connection)
    ).allowBucketKey({ bucketId: created.id, accessKeyId, permissions: { read: true, write: true, owner: true } });
  } catch (error) {
    await deleteBucket(connection, created.id).catch(() => undefined);
    store.tenants.forgetBucket(created.id);
    throw error;
  }
}

/** After S3 said the bucket is deleted: the tenant's record of it goes (with a Hikube bucket's key). */
export async function forgetDeletedBucket(store: ConsoleStore, caller: KubemqCaller, s3Name: string): Promise<void> {
  if (!caller.tenant) return;
  const manifest = store.hikube.list(caller.tenant.id).find((item) => item.bucketName === s3Name);
  const owned = manifest
    ? store.tenants.bucketOwner(manifest.bucketId)
    : store.tenants.bucketByName(caller.tenant.id, s3Name);
  if (!owned) return;
  try {
    await (await adminCalls(caller.connection)).getBucketInfo(owned.bucketId);
    return;
  } catch (error) {
    if (!(error instanceof AdminApiError && error.status === 404)) throw error;
  }
  await forgetDeletedTenantBucket(store, caller.connection, owned.bucketId);
}
