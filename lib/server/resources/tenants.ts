import "server-only";
import { tenantListQuery, tenantQuery, userListQuery } from "@/lib/resources/tenants";
import { notFoundTenant } from "@/lib/server/tenancy/errors";
import { listTenants } from "@/lib/server/tenancy/tenants";
import { listUserViews, readTenantPage } from "@/lib/server/tenancy/views";
import { defineRead } from "./define-read";

/** Tenants and users, read on the server for operators: the pages' prefetch and /api/tenants, /api/users. */
export const tenantList = defineRead({ need: "cluster:read", query: tenantListQuery }, async (ctx) =>
  listTenants(ctx.store),
);

export const tenantPage = defineRead(
  { need: "cluster:read", query: (_connectionId, tenantId: string) => tenantQuery(tenantId) },
  async (ctx, tenantId: string) => {
    const page = await readTenantPage(ctx.store, tenantId);
    if (!page) throw notFoundTenant();
    return page;
  },
);

export const userList = defineRead({ need: "cluster:read", query: userListQuery }, async (ctx) =>
  listUserViews(ctx.store),
);
