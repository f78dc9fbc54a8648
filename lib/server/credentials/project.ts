import "server-only";
import { AdminApiError } from "@/lib/admin-api/errors";
import { createAccessKey, deleteAccessKey, readSecretKey } from "@/lib/server/admin-api/access-keys";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import { getConnection } from "@/lib/server/connections";
import { LimitExceededError } from "@/lib/server/tenancy/errors";
import { withTenantLock } from "@/lib/server/tenancy/lock";
import type { Tenant } from "@/lib/tenancy/types";
import type { ProjectCredentialRecord } from "./store";
import { attachToAllowance } from "./allowance";
import { adoptCredentialBuckets, syncCreateRights, tenantAtLimit } from "./tenant-sync";

/**
 * Project credentials, as `openstack ec2 credentials` makes them: an S3 key for one user
 * in one project (tenant), reading and writing every bucket of the tenant and able to
 * create buckets for it. One of the tenant's keys, counted toward its key limit. Both the
 * Keystone API and the console's "S3 credentials" page go through here.
 */
export interface ProjectCredential extends ProjectCredentialRecord {
  secretAccessKey: string;
}

export class NoSuchCredentialError extends Error {
  override name = "NoSuchCredentialError";
  constructor(readonly accessKeyId: string) {
    super(`Could not find credential: ${accessKeyId}.`);
  }
}

function tenantOf(store: ConsoleStore, tenantId: string): Tenant {
  const tenant = store.tenants.find(tenantId);
  if (!tenant) throw new Error(`credential of a tenant that no longer exists: ${tenantId}`);
  return tenant;
}

export function createProjectCredential(
  store: ConsoleStore,
  tenant: Tenant,
  user: Pick<ConsoleUser, "id" | "name">,
): Promise<ProjectCredential> {
  return withTenantLock(tenant.id, async () => {
    if (store.tenants.usage(tenant.id).keys >= tenant.limits.maxKeys)
      throw new LimitExceededError(`This tenant already has its limit of ${tenant.limits.maxKeys} keys.`);
    // Buckets made by the other credentials join first, so the new one is granted on them too.
    await adoptCredentialBuckets(store, tenant);
    const connection = getConnection(tenant.connectionId);
    const canCreateBuckets = !tenantAtLimit(store, tenant);
    const key = await createAccessKey(connection, { name: `ec2-${user.name}`, expiration: null, canCreateBuckets });
    try {
      store.tenants.recordKey(tenant.id, key.id);
      store.credentials.record({ accessKeyId: key.id, tenantId: tenant.id, userId: user.id, canCreateBuckets });
      const calls = await adminCalls(connection);
      for (const bucket of store.tenants.bucketsOf(tenant.id))
        await calls.allowBucketKey({
          bucketId: bucket.bucketId,
          accessKeyId: key.id,
          permissions: { read: true, write: true },
        });
      // It draws on the tenant's bucket allowance (where the cluster keeps one), set up to date here.
      await attachToAllowance(connection, tenant, key.id);
      await syncCreateRights(store, tenant);
      const record = store.credentials.find(key.id);
      if (!record) throw new Error(`credential ${key.id} vanished after its insert`);
      return { ...record, secretAccessKey: await readSecretKey(connection, key.id) };
    } catch (error) {
      await deleteAccessKey(connection, key.id).catch(() => undefined);
      store.credentials.forget(key.id);
      store.tenants.forgetKey(key.id);
      throw error;
    }
  });
}

/** With their secrets, which (as Keystone's) can be read again. */
export async function withSecrets(
  store: ConsoleStore,
  records: ProjectCredentialRecord[],
): Promise<ProjectCredential[]> {
  return Promise.all(
    records.map(async (record) => {
      const connection = getConnection(tenantOf(store, record.tenantId).connectionId);
      return { ...record, secretAccessKey: await readSecretKey(connection, record.accessKeyId) };
    }),
  );
}

export function findProjectCredential(store: ConsoleStore, accessKeyId: string): ProjectCredentialRecord {
  const record = store.credentials.find(accessKeyId);
  if (!record) throw new NoSuchCredentialError(accessKeyId);
  return record;
}

/** Deletes the key on its cluster: the next request signed with it is refused (InvalidAccessKeyId). */
export async function deleteProjectCredential(store: ConsoleStore, record: ProjectCredentialRecord): Promise<void> {
  const tenant = tenantOf(store, record.tenantId);
  await withTenantLock(tenant.id, async () => {
    // What it created joins the tenant before it goes, so no bucket is left without an owner.
    await adoptCredentialBuckets(store, tenant);
    await deleteAccessKey(getConnection(tenant.connectionId), record.accessKeyId).catch((error: unknown) => {
      if (!(error instanceof AdminApiError && error.status === 404)) throw error;
    });
    store.credentials.forget(record.accessKeyId);
    store.tenants.forgetKey(record.accessKeyId);
  });
}
