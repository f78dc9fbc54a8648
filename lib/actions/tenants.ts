"use server";

import { z } from "zod";
import { localConnectionId } from "@/lib/server/connections";
import { defineAction } from "@/lib/server/define-action";
import { createTenant, deleteTenant, updateTenant } from "@/lib/server/tenancy/tenants";
import { notFoundTenant } from "@/lib/server/tenancy/errors";
import { maxTenantNameLength, tenantLimitBounds } from "@/lib/tenancy/limits";

/** Tenant actions, an admin's: session -> scope -> zod -> one lib call -> ActionResult (see defineAction). */

const whole = (what: string, maximum: number) =>
  z.number().int(`${what}: use a whole number.`).nonnegative(`${what}: 0 or more.`).max(maximum, `${what}: too large.`);
const limits = z.object({
  maxBuckets: whole("Buckets", tenantLimitBounds.maxBuckets),
  maxBytes: whole("Bytes", tenantLimitBounds.maxBytes),
  maxKeys: whole("Keys", tenantLimitBounds.maxKeys),
  defaultBucketQuotaBytes: whole("Default quota", tenantLimitBounds.maxBytes).positive("Default quota: more than 0."),
});
const name = z.string().trim().min(1, "Give the tenant a name.").max(maxTenantNameLength);
const tenantId = z.string().min(1).max(64);

export const createTenantAction = defineAction(
  { need: "cluster:write", input: z.object({ name, limits }) },
  async ({ store }, input) => createTenant(store, { ...input, connectionId: localConnectionId }),
);

export const updateTenantAction = defineAction(
  {
    need: "cluster:write",
    input: z.object({ tenantId, name: name.optional(), limits: limits.optional(), disabled: z.boolean().optional() }),
  },
  async ({ store }, { tenantId: id, ...change }) => {
    const updated = await updateTenant(store, id, change);
    if (!updated) throw notFoundTenant();
    return updated;
  },
);

/** Refused while the tenant owns buckets; its keys and users go with it. */
export const deleteTenantAction = defineAction(
  { need: "cluster:write", input: z.object({ tenantId }) },
  async ({ store }, input) => {
    if (!(await deleteTenant(store, input.tenantId))) throw notFoundTenant();
    return null;
  },
);
