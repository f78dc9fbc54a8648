"use server";

import { z } from "zod";
import { describeS3Error } from "@/lib/server/s3/errors";
import { bucketIdSchema, objectKeySchema } from "@/lib/s3/input-schemas";
import { maxObjectTags, maxTagKeyChars, maxTagValueChars } from "@/lib/s3/limits";
import { deleteVersion, restoreVersion, setBucketVersioning, setObjectTags } from "@/lib/server/s3/versions";
import { defineAction } from "@/lib/server/define-action";

/**
 * Versioning and tags from the console: session -> scope -> zod -> one lib/s3 call ->
 * ActionResult. Turning versioning on or off is the bucket's setting; the rest acts on objects.
 */
const objectWrite = { need: "tenant:write", describeError: describeS3Error } as const;

const versionIdSchema = z.string().trim().min(1, "A version id is needed.").max(128);
const versionSchema = z.object({ bucketId: bucketIdSchema, key: objectKeySchema, versionId: versionIdSchema });

export const setVersioningAction = defineAction(
  { ...objectWrite, input: z.object({ bucketId: bucketIdSchema, enabled: z.boolean() }) },
  async ({ connection }, { bucketId, enabled }) => ({
    versioning: await setBucketVersioning(connection, bucketId, enabled),
  }),
);

export const deleteVersionAction = defineAction(
  { ...objectWrite, input: versionSchema },
  async ({ connection }, { bucketId, key, versionId }) => {
    await deleteVersion(connection, bucketId, key, versionId);
    return { key, versionId };
  },
);

export const restoreVersionAction = defineAction({ ...objectWrite, input: versionSchema }, ({ connection }, input) =>
  restoreVersion(connection, input.bucketId, input.key, input.versionId),
);

const tagSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, "A tag needs a key.")
    .refine((value) => [...value].length <= maxTagKeyChars, `A tag key is at most ${maxTagKeyChars} characters.`),
  value: z
    .string()
    .trim()
    .refine((value) => [...value].length <= maxTagValueChars, `A tag value is at most ${maxTagValueChars} characters.`),
});

const tagsSchema = z.object({
  bucketId: bucketIdSchema,
  key: objectKeySchema,
  tags: z
    .array(tagSchema)
    .max(maxObjectTags, `An object has at most ${maxObjectTags} tags.`)
    .refine((tags) => new Set(tags.map((tag) => tag.key)).size === tags.length, "Each tag key can be used once."),
});

export const setTagsAction = defineAction({ ...objectWrite, input: tagsSchema }, ({ connection }, input) =>
  setObjectTags(connection, input.bucketId, input.key, input.tags),
);
