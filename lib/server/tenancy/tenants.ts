import "server-only";
import { deleteAccessKey } from "@/lib/server/admin-api/access-keys";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection } from "@/lib/server/connections";
import { formatBytes } from "@/lib/format/bytes";
import { LimitExceededError } from "./errors";
import type { TenantLimits } from "@/lib/tenancy/limits";
import { withTenantLock } from "./lock";
import { syncCreateRights } from "@/lib/server/credentials/tenant-sync";
import type { TenantChange } from "./store";
import type { TenantUsage, TenantWithUsage } from "@/lib/tenancy/types";

/** Tenants as an administrator manages them: with usage, limits that never fall below it, safe deletion. */

export function listTenants(store: ConsoleStore): TenantWithUsage[] {
  return store.tenants.list().map((tenant) => ({ ...tenant, usage: store.tenants.usage(tenant.id) }));
}

export function getTenant(store: ConsoleStore, tenantId: string): TenantWithUsage | null {
  const tenant = store.tenants.find(tenantId);
  return tenant ? { ...tenant, usage: store.tenants.usage(tenant.id) } : null;
}

export function createTenant(
  store: ConsoleStore,
  input: { name: string; limits: TenantLimits; connectionId: string },
): TenantWithUsage {
  getConnection(input.connectionId);
  const tenant = store.tenants.create(input);
  return { ...tenant, usage: store.tenants.usage(tenant.id) };
}

/** Limits below what the tenant already uses are refused, naming the figure in the way. */
function checkLimits(limits: TenantLimits, usage: TenantUsage): void {
  if (limits.maxBuckets < usage.buckets)
    throw new LimitExceededError(
      `The tenant already has ${usage.buckets} buckets: the bucket limit cannot go below that.`,
    );
  if (limits.maxKeys < usage.keys)
    throw new LimitExceededError(`The tenant already has ${usage.keys} keys: the key limit cannot go below that.`);
  if (limits.maxBytes < usage.allocatedBytes)
    throw new LimitExceededError(
      `The tenant's bucket quotas already add up to ${formatBytes(usage.allocatedBytes)}: shrink them before lowering the byte limit.`,
    );
}

export function updateTenant(
  store: ConsoleStore,
  tenantId: string,
  change: TenantChange,
): Promise<TenantWithUsage | null> {
  return withTenantLock(tenantId, async () => {
    const current = store.tenants.find(tenantId);
    if (!current) return null;
    if (change.limits) checkLimits(change.limits, store.tenants.usage(tenantId));
    const updated = store.tenants.update(tenantId, change);
    if (updated) await syncCreateRights(store, updated);
    return getTenant(store, tenantId);
  });
}

/**
 * Deletes a tenant that owns no buckets (TenantNotEmptyError otherwise): its keys are
 * deleted from its cluster, then the tenant, its key records and its users from console.db.
 */
export function deleteTenant(store: ConsoleStore, tenantId: string): Promise<boolean> {
  return withTenantLock(tenantId, async () => {
    const tenant = store.tenants.find(tenantId);
    if (!tenant) return false;
    // Checked before touching the cluster; store.delete checks again in its transaction.
    if (store.tenants.bucketsOf(tenantId).length === 0) {
      const connection = getConnection(tenant.connectionId);
      for (const key of store.tenants.keysOf(tenantId)) {
        await deleteAccessKey(connection, key.accessKeyId).catch((error: unknown) => {
          if (!(error instanceof AdminApiError && error.status === 404)) throw error;
        });
        store.tenants.forgetKey(key.accessKeyId);
      }
    }
    return store.tenants.delete(tenantId);
  });
}
