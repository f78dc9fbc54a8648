"use server";

import { z } from "zod";
import { createKeyForBucket, setPermission } from "@/lib/server/admin-api/permissions";
import { defineAction } from "@/lib/server/define-action";

const changeSchema = z.object({
  bucketId: z.string().min(1),
  accessKeyId: z.string().min(1),
  flag: z.enum(["read", "write", "owner"]),
  granted: z.boolean(),
});

/** One matrix cell: one Allow (grant) or Deny (revoke) call; returns the key's rights after it. */
export const setPermissionAction = defineAction({ role: "admin", input: changeSchema }, ({ connection }, input) =>
  setPermission(connection, input),
);

const connectKeySchema = z.object({
  bucketId: z.string().min(1),
  name: z.string().trim().min(1, "Give the key a name.").max(200),
});

/** The Connect panel: a new key with read and write on this bucket. */
export const createBucketKeyAction = defineAction(
  { role: "admin", input: connectKeySchema },
  ({ connection }, { bucketId, name }) => createKeyForBucket(connection, bucketId, name),
);
