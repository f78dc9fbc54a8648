import { queryOptions } from "@tanstack/react-query";
import type { TenantPage, TenantWithUsage, UserView } from "@/lib/tenancy/types";
import { readJson } from "./read-json";

/**
 * Tenants and console users, as the browser reads them. Not per connection: they are the
 * console's own. The server half is lib/server/resources/tenants.
 */
export const tenantKeys = {
  all: ["tenants"] as const,
  list: () => [...tenantKeys.all, "list"] as const,
  detail: (tenantId: string) => [...tenantKeys.all, "detail", tenantId] as const,
  users: () => [...tenantKeys.all, "users"] as const,
};

export const tenantListQuery = () =>
  queryOptions({ queryKey: tenantKeys.list(), queryFn: () => readJson<TenantWithUsage[]>("/api/tenants") });

export const tenantQuery = (tenantId: string) =>
  queryOptions({
    queryKey: tenantKeys.detail(tenantId),
    queryFn: () => readJson<TenantPage>(`/api/tenants/${encodeURIComponent(tenantId)}`),
  });

export const userListQuery = () =>
  queryOptions({ queryKey: tenantKeys.users(), queryFn: () => readJson<UserView[]>("/api/users") });
