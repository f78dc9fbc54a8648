"use server";

import { z } from "zod";
import type { DescribedError } from "@/lib/server/action-errors";
import { defineAction } from "@/lib/server/define-action";
import { ManifestNameTakenError, NoSuchSecretError } from "@/lib/server/hikube/buckets";
import { createHikubeFromText, revealHikubeSecret } from "@/lib/server/hikube/console";

/**
 * Hikube bucket actions (the Hikube pages): session -> scope -> zod -> one lib call ->
 * ActionResult. A tenant acts within its own tenant; an operator names the tenant.
 */
const maxManifestChars = 64 * 1024;

function describeHikubeError(error: unknown): DescribedError | null {
  if (error instanceof ManifestNameTakenError) return { error: error.message, code: "BucketAlreadyExists" };
  // A Secret stands for its bucket: a missing one (or another tenant's) answers as a missing bucket.
  if (error instanceof NoSuchSecretError) return { error: "No such Hikube bucket.", code: "NoSuchBucket" };
  return null;
}

const manifestInput = z.object({
  manifest: z.string().trim().min(1, "Paste or upload a Bucket manifest.").max(maxManifestChars),
  tenant: z.string().optional(),
});

export const createHikubeBucketAction = defineAction(
  { need: "tenant:write", input: manifestInput, describeError: describeHikubeError },
  ({ store, scope }, { manifest, tenant }) => createHikubeFromText(store, scope, manifest, tenant),
);

/** The BucketInfo and the Secret, with the key's secret in them: asked for, and as a key's secret not a viewer's. */
export const revealHikubeSecretAction = defineAction(
  {
    need: "tenant:write",
    input: z.object({ name: z.string().min(1).max(253), tenant: z.string().optional() }),
    describeError: describeHikubeError,
  },
  ({ store, scope }, { name, tenant }) => revealHikubeSecret(store, scope, name, tenant),
);
