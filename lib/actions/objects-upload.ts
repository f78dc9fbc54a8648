"use server";

import { z } from "zod";
import { describeS3Error } from "@/lib/server/s3/errors";
import { bucketIdSchema, objectKeySchema } from "@/lib/s3/input-schemas";
import { maxPartCount, maxPresignedPartsPerRequest } from "@/lib/s3/limits";
import { abortMultipart, completeMultipart, presignParts, presignPut, startMultipart } from "@/lib/server/s3/presign";
import { defineAction } from "@/lib/server/define-action";

/**
 * Uploads: the server presigns, the browser sends the bytes to S3 itself. The console
 * never sees a file's content.
 */
const objectAction = { need: "tenant:write", describeError: describeS3Error } as const;

const objectSchema = z.object({ bucketId: bucketIdSchema, key: objectKeySchema });

export const presignPutAction = defineAction(
  { ...objectAction, input: objectSchema },
  async ({ connection }, { bucketId, key }) => ({ url: await presignPut(connection, bucketId, key) }),
);

const startSchema = objectSchema.extend({
  contentType: z
    .string()
    .trim()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$|^$/, "That is not a content type.")
    .transform((value) => value || "application/octet-stream"),
  sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const startMultipartAction = defineAction(
  { ...objectAction, input: startSchema },
  ({ connection }, { bucketId, key, contentType, sizeBytes }) =>
    startMultipart(connection, bucketId, key, contentType, sizeBytes),
);

const uploadSchema = objectSchema.extend({ uploadId: z.string().min(1).max(1024) });
const partNumber = z.number().int().min(1).max(maxPartCount);
const partsSchema = uploadSchema.extend({ partNumbers: z.array(partNumber).min(1).max(maxPresignedPartsPerRequest) });

export const presignPartsAction = defineAction(
  { ...objectAction, input: partsSchema },
  ({ connection }, { bucketId, key, uploadId, partNumbers }) =>
    presignParts(connection, bucketId, key, uploadId, partNumbers),
);

const completeSchema = uploadSchema.extend({
  parts: z
    .array(z.object({ partNumber, etag: z.string().min(1).max(200) }))
    .min(1)
    .max(maxPartCount),
});

export const completeMultipartAction = defineAction(
  { ...objectAction, input: completeSchema },
  ({ connection }, { bucketId, key, uploadId, parts }) => completeMultipart(connection, bucketId, key, uploadId, parts),
);

export const abortMultipartAction = defineAction(
  { ...objectAction, input: uploadSchema },
  async ({ connection }, { bucketId, key, uploadId }) => {
    await abortMultipart(connection, bucketId, key, uploadId);
    return null;
  },
);
