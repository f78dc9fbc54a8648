import "server-only";
import { z } from "zod";
import { localConnectionId } from "@/lib/server/connections";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import { createTenant, deleteTenant, getTenant, listTenants, updateTenant } from "@/lib/server/tenancy/tenants";
import { notFound } from "../errors";
import { defineRoute } from "../route";
import { listOf, newTenant, tenant, tenantChange } from "../schemas";

const byId = z.object({ id: z.string().min(1).max(64) });
const read = "cluster:read" as const;
const write = "cluster:write" as const;

export const tenantRoutes = [
  defineRoute({
    method: "GET",
    path: "/tenants",
    summary: "Every tenant with its limits and usage (operators).",
    need: read,
    status: 200,
    response: listOf(tenant),
    async handle({ store }) {
      return { items: listTenants(store) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/tenants",
    summary: "Creates a tenant (admin).",
    need: write,
    body: newTenant,
    status: 201,
    response: tenant,
    async handle({ store }, { body }) {
      return createTenant(store, {
        name: body.name,
        limits: { ...defaultTenantLimits, ...body.limits },
        connectionId: body.connectionId ?? localConnectionId,
      });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/tenants/{id}",
    summary: "One tenant (operators).",
    need: read,
    params: byId,
    status: 200,
    response: tenant,
    async handle({ store }, { params }) {
      const found = getTenant(store, params.id);
      if (!found) throw notFound("NoSuchTenant");
      return found;
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/tenants/{id}",
    summary: "Renames a tenant, changes its limits (never below its usage) or disables it (admin).",
    need: write,
    params: byId,
    body: tenantChange,
    status: 200,
    response: tenant,
    async handle({ store }, { params, body }) {
      const current = store.tenants.find(params.id);
      if (!current) throw notFound("NoSuchTenant");
      const limits = body.limits ? { ...current.limits, ...body.limits } : undefined;
      const updated = await updateTenant(store, params.id, { name: body.name, limits, disabled: body.disabled });
      if (!updated) throw notFound("NoSuchTenant");
      return updated;
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/tenants/{id}",
    summary: "Deletes a tenant that owns no buckets, with its keys and users (admin).",
    need: write,
    params: byId,
    status: 204,
    async handle({ store }, { params }) {
      if (!(await deleteTenant(store, params.id))) throw notFound("NoSuchTenant");
    },
  }),
];
