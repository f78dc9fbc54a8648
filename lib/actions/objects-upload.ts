"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/guard";
import { maxPartCount, maxPresignedPartsPerRequest } from "@/lib/s3/limits";
import { abortMultipart, completeMultipart, presignParts, presignPut, startMultipart } from "@/lib/s3/presign";
import type { PresignedPart, StartedUpload } from "@/lib/s3/types";
import { bucketIdSchema, objectKeySchema, runObjectAction } from "./objects-run";
import { actionConnection, parseInput } from "./run";

/**
 * Uploads: the server presigns, the browser sends the bytes to S3 itself. The console
 * never sees a file's content.
 */

const objectSchema = z.object({ bucketId: bucketIdSchema, key: objectKeySchema });

export async function presignPutAction(input: z.input<typeof objectSchema>): Promise<ActionResult<{ url: string }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key } = parseInput(objectSchema, input);
    return { url: await presignPut(await actionConnection(), bucketId, key) };
  });
}

const startSchema = objectSchema.extend({
  contentType: z
    .string()
    .trim()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$|^$/, "That is not a content type.")
    .transform((value) => value || "application/octet-stream"),
  sizeBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export async function startMultipartAction(input: z.input<typeof startSchema>): Promise<ActionResult<StartedUpload>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key, contentType, sizeBytes } = parseInput(startSchema, input);
    return startMultipart(await actionConnection(), bucketId, key, contentType, sizeBytes);
  });
}

const uploadSchema = objectSchema.extend({ uploadId: z.string().min(1).max(1024) });
const partNumber = z.number().int().min(1).max(maxPartCount);
const partsSchema = uploadSchema.extend({ partNumbers: z.array(partNumber).min(1).max(maxPresignedPartsPerRequest) });

export async function presignPartsAction(input: z.input<typeof partsSchema>): Promise<ActionResult<PresignedPart[]>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key, uploadId, partNumbers } = parseInput(partsSchema, input);
    return presignParts(await actionConnection(), bucketId, key, uploadId, partNumbers);
  });
}

const completeSchema = uploadSchema.extend({
  parts: z
    .array(z.object({ partNumber, etag: z.string().min(1).max(200) }))
    .min(1)
    .max(maxPartCount),
});

export async function completeMultipartAction(
  input: z.input<typeof completeSchema>,
): Promise<ActionResult<{ etag: string | null }>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key, uploadId, parts } = parseInput(completeSchema, input);
    return completeMultipart(await actionConnection(), bucketId, key, uploadId, parts);
  });
}

export async function abortMultipartAction(input: z.input<typeof uploadSchema>): Promise<ActionResult<null>> {
  return runObjectAction(async () => {
    await requireRole("admin");
    const { bucketId, key, uploadId } = parseInput(uploadSchema, input);
    await abortMultipart(await actionConnection(), bucketId, key, uploadId);
    return null;
  });
}
