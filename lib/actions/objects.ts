"use server";

import { z } from "zod";
import { describeS3Error } from "@/lib/server/s3/errors";
import { bucketIdSchema, objectKeySchema, prefixSchema } from "@/lib/s3/input-schemas";
import {
  deleteBatchSize,
  maxKeysPerCopy,
  shareExpiries,
  transferUrlExpirySeconds,
  type ShareExpiry,
} from "@/lib/s3/limits";
import { copyObjects, countPrefix, deleteKeys, deletePrefix, headObject } from "@/lib/server/s3/objects";
import { presignGet, presignPlainGet } from "@/lib/server/s3/presign";
import { defineAction } from "@/lib/server/define-action";

/**
 * Object browser actions: session -> scope -> zod -> one lib/s3 call -> ActionResult. S3
 * refusals get their own sentences. No credential leaves.
 */
/** Reading objects is a viewer's right too; anything that changes or shares them is not. */
const objectRead = { need: "tenant:read", describeError: describeS3Error } as const;
const objectWrite = { need: "tenant:write", describeError: describeS3Error } as const;

const objectSchema = z.object({ bucketId: bucketIdSchema, key: objectKeySchema });

export const headObjectAction = defineAction(
  { ...objectRead, input: objectSchema },
  ({ connection }, { bucketId, key }) => headObject(connection, bucketId, key),
);

/** A one-hour URL that downloads the object as a file (Content-Disposition: attachment). */
export const downloadUrlAction = defineAction(
  { ...objectRead, input: objectSchema },
  async ({ connection }, { bucketId, key }) => ({ url: await presignGet(connection, bucketId, key, "attachment") }),
);

/** A one-hour URL for an inline preview; the browser reads text with a Range header. */
export const previewUrlAction = defineAction(
  { ...objectRead, input: objectSchema },
  async ({ connection }, { bucketId, key }) => ({
    url: await presignPlainGet(connection, bucketId, key, transferUrlExpirySeconds),
  }),
);

const shareSchema = objectSchema.extend({
  expiry: z.enum(Object.keys(shareExpiries) as [ShareExpiry, ...ShareExpiry[]]),
});

export const shareLinkAction = defineAction(
  { ...objectWrite, input: shareSchema },
  async ({ connection }, { bucketId, key, expiry }) => {
    const seconds = shareExpiries[expiry];
    const url = await presignPlainGet(connection, bucketId, key, seconds);
    return { url, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
  },
);

const keysSchema = z.object({
  bucketId: bucketIdSchema,
  keys: z
    .array(objectKeySchema)
    .min(1, "Select at least one object.")
    .max(deleteBatchSize * 10),
});

export const deleteObjectsAction = defineAction(
  { ...objectWrite, input: keysSchema },
  async ({ connection }, { bucketId, keys }) => ({ deleted: await deleteKeys(connection, bucketId, keys) }),
);

const folderSchema = z.object({
  bucketId: bucketIdSchema,
  prefix: prefixSchema.refine((value) => value !== "", "Choose a folder; empty a whole bucket from its page."),
});

export const countPrefixAction = defineAction(
  { ...objectRead, input: folderSchema },
  ({ connection }, { bucketId, prefix }) => countPrefix(connection, bucketId, prefix),
);

export const deletePrefixAction = defineAction(
  { ...objectWrite, input: folderSchema },
  async ({ connection }, { bucketId, prefix }) => ({ deleted: await deletePrefix(connection, bucketId, prefix) }),
);

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

export const copyObjectsAction = defineAction({ ...objectWrite, input: copySchema }, ({ connection }, input) =>
  copyObjects(connection, input),
);
