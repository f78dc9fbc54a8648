"use server";

import { z } from "zod";
import { addBucketAlias, createBucket, removeBucketAlias, updateBucket } from "@/lib/server/admin-api/buckets";
import { defineAction } from "@/lib/server/define-action";
import { emptyBucket } from "@/lib/server/admin-api/buckets-empty";
import { createScopedBucket, deleteScopedBucket, setScopedQuotas } from "@/lib/server/tenancy/buckets-write";

/**
 * Bucket actions: session -> scope -> zod -> one lib call -> ActionResult (see defineAction).
 * A tenant acts on its own buckets only (defineAction checks every bucketId against its scope).
 */

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

export const createBucketAction = defineAction(
  { need: "cluster:write", input: createSchema },
  ({ connection }, input) =>
    createBucket(
      connection,
      input.kind === "global"
        ? { globalAlias: input.globalAlias }
        : { localAlias: input.localAlias, accessKeyId: input.accessKeyId },
    ),
);

const ownSchema = z.object({
  name: bucketName,
  quotaBytes: z.number().int("Use a whole number of bytes.").positive("A quota is more than 0 bytes.").nullable(),
});

/** A tenant's bucket: its name is its global alias, its quota comes out of the tenant's byte limit. */
export const createOwnBucketAction = defineAction(
  { need: "tenant:write", input: ownSchema },
  ({ store, scope }, input) =>
    createScopedBucket(store, scope, { name: input.name, quotaBytes: input.quotaBytes ?? undefined }),
);

const quotasSchema = z.object({ bucketId, maxSizeBytes: count, maxObjects: count });

/** A tenant's bucket keeps a size quota within its tenant's byte limit, whoever sets it. */
export const setQuotasAction = defineAction(
  { need: "tenant:write", input: quotasSchema },
  ({ store, scope }, { bucketId: id, maxSizeBytes, maxObjects }) =>
    setScopedQuotas(store, scope, id, { maxSizeBytes, maxObjects }),
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

export const setWebsiteAction = defineAction({ need: "tenant:write", input: websiteSchema }, ({ connection }, input) =>
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
  { need: "tenant:write", input: corsSchema },
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
  { need: "tenant:write", input: lifecycleSchema },
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

/** Aliases are the S3 namespace: operators manage them; a tenant's bucket keeps the name it was created with. */
export const addAliasAction = defineAction({ need: "cluster:write", input: aliasSchema }, ({ connection }, input) =>
  addBucketAlias(connection, aliasChange(input)),
);

export const removeAliasAction = defineAction({ need: "cluster:write", input: aliasSchema }, ({ connection }, input) =>
  removeBucketAlias(connection, aliasChange(input)),
);

const idSchema = z.object({ bucketId });

/** Refuses a non-empty bucket with code BucketNotEmpty and the object count. */
export const deleteBucketAction = defineAction(
  { need: "tenant:write", input: idSchema },
  async ({ store, scope }, input) => {
    await deleteScopedBucket(store, scope, input.bucketId);
    return null;
  },
);

export const emptyBucketAction = defineAction({ need: "tenant:write", input: idSchema }, ({ connection }, input) =>
  emptyBucket(connection, input.bucketId),
);
