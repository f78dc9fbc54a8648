"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/define-action";
import { createCredential, deleteCredential, revealCredentialSecret } from "@/lib/server/credentials/console";

/**
 * Project credential actions (the S3 credentials page): session -> scope -> zod -> one
 * lib call -> ActionResult (see defineAction). A tenant acts on its own project's only.
 */
const byKey = z.object({ accessKeyId: z.string().trim().min(1, "An access key id is needed.").max(128) });

/** The new credential with its secret: the user asked for it by making it. */
export const createCredentialAction = defineAction({ need: "tenant:write" }, ({ store, scope, user }) =>
  createCredential(store, scope, user),
);

/** The secret, asked for: as a key's (revealSecretAction), not a viewer's to read. */
export const revealCredentialSecretAction = defineAction(
  { need: "tenant:write", input: byKey },
  ({ store, scope }, { accessKeyId }) => revealCredentialSecret(store, scope, accessKeyId),
);

export const deleteCredentialAction = defineAction(
  { need: "tenant:write", input: byKey },
  async ({ store, scope }, { accessKeyId }) => {
    await deleteCredential(store, scope, accessKeyId);
    return { accessKeyId };
  },
);
