"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/guard";
import { deleteBatchSize, maxKeysPerCopy, shareExpiries, type ShareExpiry } from "@/lib/s3/limits";
import { copyObjects, countPrefix, deleteKeys, deletePrefix, headObject } from "@/lib/s3/objects";
import { presignGet, presignPlainGet } from "@/lib/s3/presign";
import type { ObjectMetadata, PrefixCount, SharedLink } from "@/lib/s3/types";
import { transferUrlExpirySeconds } from "@/lib/s3/limits";
import { bucketIdSchema, objectKeySchema, prefixSchema, runObjectAction } from "./objects-run";
import { actionConnection, parseInput } from "./run";

/** Object browser actions: session -> role -> zod -> one lib/s3 call -> ActionResult. No credential leaves. */

const objectSchema = z.object({ bucketId: bucketIdSchema, key: objectKeySchema });

export async function headObjectAction(input: z.input<typeof objectSchema>): Promise<ActionResult<ObjectMetadata>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key } = parseInput(objectSchema, input);
    return headObject(await actionConnection(), bucketId, key);
  });
}

/** A one-hour URL that downloads the object as a file (Content-Disposition: attachment). */
export async function downloadUrlAction(input: z.input<typeof objectSchema>): Promise<ActionResult<{ url: string }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key } = parseInput(objectSchema, input);
    return { url: await presignGet(await actionConnection(), bucketId, key, "attachment") };
  });
}

/** A one-hour URL for an inline preview; the browser reads text with a Range header. */
export async function previewUrlAction(input: z.input<typeof objectSchema>): Promise<ActionResult<{ url: string }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key } = parseInput(objectSchema, input);
    return { url: await presignPlainGet(await actionConnection(), bucketId, key, transferUrlExpirySeconds) };
  });
}

const shareSchema = objectSchema.extend({
  expiry: z.enum(Object.keys(shareExpiries) as [ShareExpiry, ...ShareExpiry[]]),
});

export async function shareLinkAction(input: z.input<typeof shareSchema>): Promise<ActionResult<SharedLink>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key, expiry } = parseInput(shareSchema, input);
    const seconds = shareExpiries[expiry];
    const url = await presignPlainGet(await actionConnection(), bucketId, key, seconds);
    return { url, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
  });
}

const keysSchema = z.object({
  bucketId: bucketIdSchema,
  keys: z
    .array(objectKeySchema)
    .min(1, "Select at least one object.")
    .max(deleteBatchSize * 10),
});

export async function deleteObjectsAction(
  input: z.input<typeof keysSchema>,
): Promise<ActionResult<{ deleted: number }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, keys } = parseInput(keysSchema, input);
    return { deleted: await deleteKeys(await actionConnection(), bucketId, keys) };
  });
}

const folderSchema = z.object({
  bucketId: bucketIdSchema,
  prefix: prefixSchema.refine((value) => value !== "", "Choose a folder; empty a whole bucket from its page."),
});

export async function countPrefixAction(input: z.input<typeof folderSchema>): Promise<ActionResult<PrefixCount>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, prefix } = parseInput(folderSchema, input);
    return countPrefix(await actionConnection(), bucketId, prefix);
  });
}

export async function deletePrefixAction(
  input: z.input<typeof folderSchema>,
): Promise<ActionResult<{ deleted: number }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, prefix } = parseInput(folderSchema, input);
    return { deleted: await deletePrefix(await actionConnection(), bucketId, prefix) };
  });
}

const copySchema = z.object({
  sourceBucketId: bucketIdSchema,
  keys: z.array(objectKeySchema).min(1, "Select at least one object.").max(maxKeysPerCopy),
  targetBucketId: bucketIdSchema,
  targetPrefix: z
    .string()
    .max(1000)
    .transform((value) => value.trim().replace(/^\/+/, "")),
  move: z.boolean(),
});

export async function copyObjectsAction(
  input: z.input<typeof copySchema>,
): Promise<ActionResult<{ copied: number; targets: string[] }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    return copyObjects(await actionConnection(), parseInput(copySchema, input));
  });
}
