"use server";

import { z } from "zod";
import {
  addBucketAlias,
  createBucket,
  deleteBucket,
  removeBucketAlias,
  updateBucket,
} from "@/lib/server/admin-api/buckets";
import { defineAction } from "@/lib/server/define-action";
import { emptyBucket } from "@/lib/server/admin-api/buckets-empty";

/** Bucket actions: session -> role -> zod -> one lib call -> ActionResult (see defineAction). */

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

export const createBucketAction = defineAction({ role: "admin", input: createSchema }, ({ connection }, input) =>
  createBucket(
    connection,
    input.kind === "global"
      ? { globalAlias: input.globalAlias }
      : { localAlias: input.localAlias, accessKeyId: input.accessKeyId },
  ),
);

const quotasSchema = z.object({ bucketId, maxSizeBytes: count, maxObjects: count });

export const setQuotasAction = defineAction(
  { role: "admin", input: quotasSchema },
  ({ connection }, { bucketId: id, maxSizeBytes, maxObjects }) =>
    updateBucket(connection, id, { quotas: { maxSizeBytes, maxObjects } }),
);

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

export const setWebsiteAction = defineAction({ role: "admin", input: websiteSchema }, ({ connection }, input) =>
  updateBucket(connection, input.bucketId, {
    website: input.enabled ? { indexDocument: input.indexDocument, errorDocument: input.errorDocument || null } : null,
  }),
);

// Rules are checked, never rewritten: what the editor did not touch is saved exactly as it was read.
const filled = z.string().refine((value) => value.trim() !== "", "Leave no entry empty.");
const nonEmptyList = (what: string) => z.array(filled).min(1, `List at least one ${what}.`);
const ruleId = z.string().max(255).nullable();
const corsSchema = z.object({
  bucketId,
  rules: z
    .array(
      z.object({
        ID: ruleId,
        AllowedOrigin: nonEmptyList("origin"),
        // Any string in (the editor's rows are free text), one of five methods out.
        AllowedMethod: z
          .array(
            z
              .string()
              .pipe(z.enum(["GET", "PUT", "POST", "DELETE", "HEAD"], "Methods are GET, PUT, POST, DELETE or HEAD.")),
          )
          .min(1, "List at least one method."),
        AllowedHeader: z.array(filled),
        ExposeHeader: z.array(filled),
        MaxAgeSeconds: count,
      }),
    )
    .max(100),
});

export const setCorsRulesAction = defineAction(
  { role: "admin", input: corsSchema },
  ({ connection }, { bucketId: id, rules }) => updateBucket(connection, id, { corsRules: rules }),
);

const filterTerms = {
  Prefix: z.string().max(1024).nullable(),
  ObjectSizeGreaterThan: count,
  ObjectSizeLessThan: count,
};
const lifecycleSchema = z.object({
  bucketId,
  rules: z
    .array(
      z
        .object({
          ID: ruleId,
          Status: z.enum(["Enabled", "Disabled"]),
          Filter: z.object({ ...filterTerms, And: z.object(filterTerms).nullable() }).nullable(),
          Expiration: z
            .object({
              Days: z.number().int().positive("Expiry is a number of days, at least 1.").nullable(),
              Date: z.string().nullable(),
            })
            .nullable(),
          AbortIncompleteMultipartUpload: z
            .object({ DaysAfterInitiation: z.number().int().positive("Abort after at least 1 day.") })
            .nullable(),
        })
        .refine(
          (rule) => rule.Expiration !== null || rule.AbortIncompleteMultipartUpload !== null,
          "A rule needs an expiry or an abort of incomplete uploads.",
        ),
    )
    .max(1000),
});

export const setLifecycleRulesAction = defineAction(
  { role: "admin", input: lifecycleSchema },
  ({ connection }, { bucketId: id, rules }) => updateBucket(connection, id, { lifecycleRules: rules }),
);

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

export const addAliasAction = defineAction({ role: "admin", input: aliasSchema }, ({ connection }, input) =>
  addBucketAlias(connection, aliasChange(input)),
);

export const removeAliasAction = defineAction({ role: "admin", input: aliasSchema }, ({ connection }, input) =>
  removeBucketAlias(connection, aliasChange(input)),
);

const idSchema = z.object({ bucketId });

/** Refuses a non-empty bucket with code BucketNotEmpty and the object count. */
export const deleteBucketAction = defineAction({ role: "admin", input: idSchema }, async ({ connection }, input) => {
  await deleteBucket(connection, input.bucketId);
  return null;
});

export const emptyBucketAction = defineAction({ role: "admin", input: idSchema }, ({ connection }, input) =>
  emptyBucket(connection, input.bucketId),
);
