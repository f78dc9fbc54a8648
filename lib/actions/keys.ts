"use server";

import { z } from "zod";
import { importAccessKey, renameAccessKey } from "@/lib/server/admin-api/access-keys";
import { dateInputToRfc3339 } from "@/lib/format/dates";
import { defineAction } from "@/lib/server/define-action";
import { assertConsoleKeyChangeConfirmed } from "@/lib/server/s3/console-key";
import { createScopedKey, deleteScopedKey, readScopedSecret } from "@/lib/server/tenancy/keys";

/**
 * Access key actions: session -> scope -> zod -> one lib call -> ActionResult (see defineAction).
 * A tenant acts on its own keys only; its new keys count toward its limit.
 */

const keyName = z.string().trim().min(1, "Give the key a name.").max(200, "Keep the name under 200 characters.");
const accessKeyId = z.string().trim().min(1, "An access key id is needed.").max(128);

const createSchema = z.object({
  name: keyName,
  expiresOn: z
    .string()
    .refine((value) => value === "" || dateInputToRfc3339(value) !== null, "Pick a valid expiry date, or none."),
  canCreateBuckets: z.boolean(),
});

/** Answers the key without its secret: the browser asks for that explicitly (revealSecretAction). */
export const createKeyAction = defineAction(
  { need: "tenant:write", input: createSchema },
  async ({ store, scope }, { name, expiresOn, canCreateBuckets }) => {
    const { secretAccessKey: _secret, ...summary } = await createScopedKey(store, scope, {
      name,
      expiration: expiresOn ? dateInputToRfc3339(expiresOn) : null,
      canCreateBuckets,
    });
    return summary;
  },
);

const importSchema = z.object({
  name: keyName,
  accessKeyId: accessKeyId.regex(
    /^[A-Za-z0-9._-]+$/,
    "An access key id has letters, digits, dots, hyphens and underscores only.",
  ),
  secretAccessKey: z.string().trim().min(1, "The secret key is needed.").max(256),
});

export const importKeyAction = defineAction({ need: "cluster:write", input: importSchema }, ({ connection }, input) =>
  importAccessKey(connection, input),
);

/** `consoleKeyConfirmed`: the person saw the warning that this is the console's own key. */
const consoleKeyConfirmed = z.boolean().default(false);
const renameSchema = z.object({ accessKeyId, name: keyName, consoleKeyConfirmed });

export const renameKeyAction = defineAction(
  { need: "tenant:write", input: renameSchema },
  ({ connection }, { accessKeyId: id, name, consoleKeyConfirmed: confirmed }) => {
    assertConsoleKeyChangeConfirmed(connection.id, id, confirmed);
    return renameAccessKey(connection, id, name);
  },
);

const idSchema = z.object({ accessKeyId });

export const deleteKeyAction = defineAction(
  { need: "tenant:write", input: idSchema.extend({ consoleKeyConfirmed }) },
  async ({ store, scope, connection }, input) => {
    assertConsoleKeyChangeConfirmed(connection.id, input.accessKeyId, input.consoleKeyConfirmed);
    await deleteScopedKey(store, scope, input.accessKeyId);
    return null;
  },
);

/** The only path a secret takes to the browser: an explicit reveal by an admin or the key's tenant (never a viewer). */
export const revealSecretAction = defineAction({ need: "tenant:write", input: idSchema }, ({ store, scope }, input) =>
  readScopedSecret(store, scope, input.accessKeyId),
);
