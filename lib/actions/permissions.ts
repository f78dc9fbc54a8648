"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import type { Permissions } from "@/lib/admin-api/buckets-types";
import { createKeyForBucket, setPermission } from "@/lib/admin-api/permissions";
import { requireRole } from "@/lib/auth/guard";
import { actionConnection, parseInput, runAction } from "./run";

const changeSchema = z.object({
  bucketId: z.string().min(1),
  accessKeyId: z.string().min(1),
  flag: z.enum(["read", "write", "owner"]),
  granted: z.boolean(),
});

/** One matrix cell: one Allow (grant) or Deny (revoke) call; returns the key's rights after it. */
export async function setPermissionAction(input: z.input<typeof changeSchema>): Promise<ActionResult<Permissions>> {
  return runAction(async () => {
    await requireRole("admin");
    return setPermission(await actionConnection(), parseInput(changeSchema, input));
  });
}

const connectKeySchema = z.object({
  bucketId: z.string().min(1),
  name: z.string().trim().min(1, "Give the key a name.").max(200),
});

/** The Connect panel: a new key with read and write on this bucket. */
export async function createBucketKeyAction(
  input: z.input<typeof connectKeySchema>,
): Promise<ActionResult<{ accessKeyId: string; name: string }>> {
  return runAction(async () => {
    await requireRole("admin");
    const { bucketId, name } = parseInput(connectKeySchema, input);
    return createKeyForBucket(await actionConnection(), bucketId, name);
  });
}
