"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import {
  createAccessKey,
  deleteAccessKey,
  importAccessKey,
  readSecretKey,
  renameAccessKey,
} from "@/lib/admin-api/access-keys";
import type { AccessKeySummary } from "@/lib/admin-api/buckets-types";
import { requireRole } from "@/lib/auth/guard";
import { dateInputToRfc3339 } from "@/lib/format/dates";
import { actionConnection, parseInput, runAction } from "./run";

/** Access key actions: session -> role -> zod -> one lib call -> ActionResult. */

const keyName = z.string().trim().min(1, "Give the key a name.").max(200, "Keep the name under 200 characters.");
const accessKeyId = z.string().trim().min(1, "An access key id is needed.").max(128);

const createSchema = z.object({
  name: keyName,
  expiresOn: z
    .string()
    .refine((value) => value === "" || dateInputToRfc3339(value) !== null, "Pick a valid expiry date, or none."),
  canCreateBuckets: z.boolean(),
});

export async function createKeyAction(input: z.input<typeof createSchema>): Promise<ActionResult<AccessKeySummary>> {
  return runAction(async () => {
    await requireRole("admin");
    const { name, expiresOn, canCreateBuckets } = parseInput(createSchema, input);
    return createAccessKey(await actionConnection(), {
      name,
      expiration: expiresOn ? dateInputToRfc3339(expiresOn) : null,
      canCreateBuckets,
    });
  });
}

const importSchema = z.object({
  name: keyName,
  accessKeyId: accessKeyId.regex(
    /^[A-Za-z0-9._-]+$/,
    "An access key id has letters, digits, dots, hyphens and underscores only.",
  ),
  secretAccessKey: z.string().trim().min(1, "The secret key is needed.").max(256),
});

export async function importKeyAction(input: z.input<typeof importSchema>): Promise<ActionResult<AccessKeySummary>> {
  return runAction(async () => {
    await requireRole("admin");
    return importAccessKey(await actionConnection(), parseInput(importSchema, input));
  });
}

const renameSchema = z.object({ accessKeyId, name: keyName });

export async function renameKeyAction(input: z.input<typeof renameSchema>): Promise<ActionResult<AccessKeySummary>> {
  return runAction(async () => {
    await requireRole("admin");
    const { accessKeyId: id, name } = parseInput(renameSchema, input);
    return renameAccessKey(await actionConnection(), id, name);
  });
}

const idSchema = z.object({ accessKeyId });

export async function deleteKeyAction(input: z.input<typeof idSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await deleteAccessKey(await actionConnection(), parseInput(idSchema, input).accessKeyId);
    return null;
  });
}

/** The only path a secret takes to the browser: an explicit reveal by an admin. */
export async function revealSecretAction(input: z.input<typeof idSchema>): Promise<ActionResult<string>> {
  return runAction(async () => {
    await requireRole("admin");
    return readSecretKey(await actionConnection(), parseInput(idSchema, input).accessKeyId);
  });
}
