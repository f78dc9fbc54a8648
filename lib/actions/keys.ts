"use server";

import { z } from "zod";
import {
  createAccessKey,
  deleteAccessKey,
  importAccessKey,
  readSecretKey,
  renameAccessKey,
} from "@/lib/server/admin-api/access-keys";
import { dateInputToRfc3339 } from "@/lib/format/dates";
import { defineAction } from "@/lib/server/define-action";

/** Access key actions: session -> role -> zod -> one lib call -> ActionResult (see defineAction). */

const keyName = z.string().trim().min(1, "Give the key a name.").max(200, "Keep the name under 200 characters.");
const accessKeyId = z.string().trim().min(1, "An access key id is needed.").max(128);

const createSchema = z.object({
  name: keyName,
  expiresOn: z
    .string()
    .refine((value) => value === "" || dateInputToRfc3339(value) !== null, "Pick a valid expiry date, or none."),
  canCreateBuckets: z.boolean(),
});

export const createKeyAction = defineAction(
  { role: "admin", input: createSchema },
  ({ connection }, { name, expiresOn, canCreateBuckets }) =>
    createAccessKey(connection, {
      name,
      expiration: expiresOn ? dateInputToRfc3339(expiresOn) : null,
      canCreateBuckets,
    }),
);

const importSchema = z.object({
  name: keyName,
  accessKeyId: accessKeyId.regex(
    /^[A-Za-z0-9._-]+$/,
    "An access key id has letters, digits, dots, hyphens and underscores only.",
  ),
  secretAccessKey: z.string().trim().min(1, "The secret key is needed.").max(256),
});

export const importKeyAction = defineAction({ role: "admin", input: importSchema }, ({ connection }, input) =>
  importAccessKey(connection, input),
);

const renameSchema = z.object({ accessKeyId, name: keyName });

export const renameKeyAction = defineAction(
  { role: "admin", input: renameSchema },
  ({ connection }, { accessKeyId: id, name }) => renameAccessKey(connection, id, name),
);

const idSchema = z.object({ accessKeyId });

export const deleteKeyAction = defineAction({ role: "admin", input: idSchema }, async ({ connection }, input) => {
  await deleteAccessKey(connection, input.accessKeyId);
  return null;
});

/** The only path a secret takes to the browser: an explicit reveal by an admin. */
export const revealSecretAction = defineAction({ role: "admin", input: idSchema }, ({ connection }, input) =>
  readSecretKey(connection, input.accessKeyId),
);
