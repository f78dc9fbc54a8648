import { z } from "zod";
import type { CorsRule, LifecycleRule } from "./buckets";

/**
 * CORS and lifecycle rules read from the API (typed loosely by the spec) into S3's names.
 * Apart from ./buckets-rules so the editors' bundle carries no zod.
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const count = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((value) => value ?? null);
const texts = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);
const orNull = <T>(schema: z.ZodType<T>) => schema.nullish().transform((value) => value ?? null);

const apiCors = z.object({
  ID: text,
  AllowedOrigin: z.array(z.string()),
  AllowedMethod: z.array(z.string()),
  AllowedHeader: texts,
  ExposeHeader: texts,
  MaxAgeSeconds: count,
});
const filterTerms = { Prefix: text, ObjectSizeGreaterThan: count, ObjectSizeLessThan: count };
const tag = z.object({ Key: z.string(), Value: z.string() });
/** S3's terms beyond Garage's schema: kept when present, never added when absent. */
const apiLifecycle = z.object({
  ID: text,
  Status: z.enum(["Enabled", "Disabled"]),
  Filter: orNull(
    z.object({
      ...filterTerms,
      Tag: tag.nullable().optional(),
      And: orNull(z.object({ ...filterTerms, Tags: z.array(tag).optional() })),
    }),
  ),
  Expiration: orNull(
    z.object({ Days: count, Date: text, ExpiredObjectDeleteMarker: z.boolean().nullable().optional() }),
  ),
  NoncurrentVersionExpiration: z
    .object({ NoncurrentDays: z.number().int().positive(), NewerNoncurrentVersions: count })
    .nullable()
    .optional(),
  AbortIncompleteMultipartUpload: orNull(z.object({ DaysAfterInitiation: z.number().int().nonnegative() })),
});

function readAll<T>(rules: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule) => {
    const parsed = schema.safeParse(rule);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Rules the console cannot read are left out of the editor rather than guessed at. */
export function corsFromApi(rules: unknown): CorsRule[] {
  return readAll(rules, apiCors);
}

export function lifecycleFromApi(rules: unknown): LifecycleRule[] {
  return readAll(rules, apiLifecycle);
}
