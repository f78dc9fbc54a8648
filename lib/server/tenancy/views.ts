import "server-only";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import { getConnection } from "@/lib/server/connections";
import type { TenantPage, UserView } from "@/lib/tenancy/types";
import { tenantBuckets } from "./buckets-read";
import { getTenant } from "./tenants";

/** Tenancy's records as the operators' pages show them. */
export function userView(store: ConsoleStore, user: ConsoleUser): UserView {
  const tenant = user.tenantId ? store.tenants.find(user.tenantId) : null;
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    tenant: tenant ? { id: tenant.id, name: tenant.name } : null,
    disabled: user.disabled,
    oidc: user.oidc,
    createdAt: user.createdAt,
  };
}

export function listUserViews(store: ConsoleStore): UserView[] {
  return store.listUsers().map((user) => userView(store, user));
}

/**
 * A tenant's page: its buckets are read on its own cluster, as its users see them (whichever
 * cluster the operator has chosen in the header). Null for an unknown tenant.
 */
export async function readTenantPage(store: ConsoleStore, tenantId: string): Promise<TenantPage | null> {
  const tenant = getTenant(store, tenantId);
  if (!tenant) return null;
  const buckets = await tenantBuckets(store, tenant, getConnection(tenant.connectionId));
  return { tenant, buckets, users: listUserViews(store).filter((user) => user.tenant?.id === tenantId) };
}
