"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { addBucketAlias, createBucket, deleteBucket, removeBucketAlias, updateBucket } from "@/lib/admin-api/buckets";
import type { BucketDetail, BucketSummary, CorsRuleInput } from "@/lib/admin-api/buckets-types";
import { requireRole } from "@/lib/auth/guard";
import { emptyBucket } from "./buckets-empty";
import { actionConnection, parseInput, runAction } from "./run";

/** Bucket actions: session -> role -> zod -> one lib call -> ActionResult. */

const bucketName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    "Use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
  );
const bucketId = z.string().min(1);
const count = z.number().int("Use a whole number.").nonnegative("Use a positive number.").nullable();

const createSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global"), globalAlias: bucketName }),
  z.object({
    kind: z.literal("local"),
    localAlias: bucketName,
    accessKeyId: z.string().min(1, "Choose the key that owns the local alias."),
  }),
]);

export async function createBucketAction(input: z.input<typeof createSchema>): Promise<ActionResult<BucketSummary>> {
  return runAction(async () => {
    await requireRole("admin");
    const parsed = parseInput(createSchema, input);
    const bucket =
      parsed.kind === "global"
        ? { globalAlias: parsed.globalAlias }
        : { localAlias: parsed.localAlias, accessKeyId: parsed.accessKeyId };
    return createBucket(await actionConnection(), bucket);
  });
}

const quotasSchema = z.object({ bucketId, maxSizeBytes: count, maxObjects: count });

export async function setQuotasAction(input: z.input<typeof quotasSchema>): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    const { bucketId: id, maxSizeBytes, maxObjects } = parseInput(quotasSchema, input);
    return updateBucket(await actionConnection(), id, { quotas: { maxSizeBytes, maxObjects } });
  });
}

const documentName = z.string().trim().min(1).max(1024);
const websiteSchema = z.discriminatedUnion("enabled", [
  z.object({ bucketId, enabled: z.literal(false) }),
  z.object({
    bucketId,
    enabled: z.literal(true),
    indexDocument: documentName,
    errorDocument: z.string().trim().max(1024),
  }),
]);

export async function setWebsiteAction(input: z.input<typeof websiteSchema>): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    const parsed = parseInput(websiteSchema, input);
    const website = parsed.enabled
      ? { indexDocument: parsed.indexDocument, errorDocument: parsed.errorDocument || null }
      : null;
    return updateBucket(await actionConnection(), parsed.bucketId, { website });
  });
}

const nonEmptyList = (what: string) => z.array(z.string().trim().min(1)).min(1, `List at least one ${what}.`);
const corsSchema = z.object({
  bucketId,
  rules: z
    .array(
      z.object({
        id: z.string().trim().max(255),
        allowedOrigins: nonEmptyList("origin"),
        allowedMethods: z
          .array(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"], "Methods are GET, PUT, POST, DELETE or HEAD."))
          .min(1, "List at least one method."),
        allowedHeaders: z.array(z.string().trim().min(1)),
        exposeHeaders: z.array(z.string().trim().min(1)),
        maxAgeSeconds: count,
      }),
    )
    .max(100),
});

export async function setCorsRulesAction(input: {
  bucketId: string;
  rules: CorsRuleInput[];
}): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    const { bucketId: id, rules } = parseInput(corsSchema, input);
    return updateBucket(await actionConnection(), id, { corsRules: rules });
  });
}

const lifecycleSchema = z.object({
  bucketId,
  rules: z
    .array(
      z
        .object({
          id: z.string().trim().max(255),
          enabled: z.boolean(),
          prefix: z.string().max(1024),
          expirationDays: z.number().int().positive("Expiry is a number of days, at least 1.").nullable(),
          abortIncompleteUploadDays: z.number().int().positive("Abort after at least 1 day.").nullable(),
        })
        .refine(
          (rule) => rule.expirationDays !== null || rule.abortIncompleteUploadDays !== null,
          "A rule needs an expiry or an abort of incomplete uploads.",
        ),
    )
    .max(1000),
});

export async function setLifecycleRulesAction(
  input: z.input<typeof lifecycleSchema>,
): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    const { bucketId: id, rules } = parseInput(lifecycleSchema, input);
    return updateBucket(await actionConnection(), id, { lifecycleRules: rules });
  });
}

const aliasSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global"), bucketId, alias: bucketName }),
  z.object({
    kind: z.literal("local"),
    bucketId,
    alias: bucketName,
    accessKeyId: z.string().min(1, "Choose the key for the local alias."),
  }),
]);

function aliasChange(parsed: z.infer<typeof aliasSchema>) {
  return parsed.kind === "global"
    ? { bucketId: parsed.bucketId, globalAlias: parsed.alias }
    : { bucketId: parsed.bucketId, accessKeyId: parsed.accessKeyId, localAlias: parsed.alias };
}

export async function addAliasAction(input: z.input<typeof aliasSchema>): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    return addBucketAlias(await actionConnection(), aliasChange(parseInput(aliasSchema, input)));
  });
}

export async function removeAliasAction(input: z.input<typeof aliasSchema>): Promise<ActionResult<BucketDetail>> {
  return runAction(async () => {
    await requireRole("admin");
    return removeBucketAlias(await actionConnection(), aliasChange(parseInput(aliasSchema, input)));
  });
}

const idSchema = z.object({ bucketId });

/** Refuses a non-empty bucket with code BucketNotEmpty and the object count. */
export async function deleteBucketAction(input: z.input<typeof idSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await deleteBucket(await actionConnection(), parseInput(idSchema, input).bucketId);
    return null;
  });
}

export async function emptyBucketAction(
  input: z.input<typeof idSchema>,
): Promise<ActionResult<{ deletedObjects: number; abortedUploads: number }>> {
  return runAction(async () => {
    await requireRole("admin");
    return emptyBucket(await actionConnection(), parseInput(idSchema, input).bucketId);
  });
}
