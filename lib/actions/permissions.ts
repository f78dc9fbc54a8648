"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/define-action";
import { createScopedBucketKey, setScopedGrant } from "@/lib/server/tenancy/grants";

const changeSchema = z.object({
  bucketId: z.string().min(1),
  accessKeyId: z.string().min(1),
  flag: z.enum(["read", "write", "owner"]),
  granted: z.boolean(),
});

/** One matrix cell: one Allow (grant) or Deny (revoke) call; returns the key's rights after it. */
export const setPermissionAction = defineAction(
  { need: "tenant:write", input: changeSchema },
  ({ store, scope }, { bucketId, accessKeyId, flag, granted }) =>
    setScopedGrant(store, scope, { bucketId, accessKeyId, flags: { [flag]: granted } }),
);

const connectKeySchema = z.object({
  bucketId: z.string().min(1),
  name: z.string().trim().min(1, "Give the key a name.").max(200),
  access: z.enum(["read", "read-write"]).default("read-write"),
});

/** The Connect panel: a new key that reads (or reads and writes) this bucket; a tenant's counts toward its limit. */
export const createBucketKeyAction = defineAction(
  { need: "tenant:write", input: connectKeySchema },
  async ({ store, scope }, { bucketId, name, access }) => {
    const created = await createScopedBucketKey(store, scope, bucketId, name, access);
    return { accessKeyId: created.id, name: created.name };
  },
);
