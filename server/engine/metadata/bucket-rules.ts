import { z } from "zod";

/**
 * A bucket's rules in S3's own vocabulary (the element names of S3's XML, which
 * Garage's admin API also uses as JSON keys): one spelling for the engine's
 * records, the admin API and the console. The protocol layers validate input
 * with these schemas and render the stored rules as they are; an absent optional
 * field is stored as null (or []), which Garage's schema reads the same. Records
 * written before, in the engine's older camelCase spelling, are converted here
 * on read: the one conversion of rules in the engine.
 */

const optionalText = z.string().nullable().optional();
const optionalCount = z.number().int().nonnegative().nullable().optional();
const text = z.string().nullable().default(null);
const count = z.number().int().nonnegative().nullable().default(null);
const texts = z.array(z.string()).default([]);

export const corsRuleSchema = z.object({
  ID: text,
  AllowedOrigin: z.array(z.string()),
  AllowedMethod: z.array(z.string()),
  AllowedHeader: texts,
  ExposeHeader: texts,
  MaxAgeSeconds: count,
});
export type CorsRule = z.infer<typeof corsRuleSchema>;

/** The terms a lifecycle filter combines; under `And` they may not nest another `And`. */
const filterTerms = { Prefix: text, ObjectSizeGreaterThan: count, ObjectSizeLessThan: count };

/**
 * S3's own lifecycle terms beyond Garage's schema (tags, delete markers, older
 * versions): optional, so rules without them keep Garage's exact shape.
 */
const lifecycleTagSchema = z.object({ Key: z.string(), Value: z.string() });
export type LifecycleTag = z.infer<typeof lifecycleTagSchema>;

const lifecycleFilterSchema = z
  .object({
    ...filterTerms,
    Tag: lifecycleTagSchema.nullable().optional(),
    And: z
      .strictObject({ ...filterTerms, Tags: z.array(lifecycleTagSchema).optional() })
      .nullable()
      .default(null),
  })
  .refine(
    (filter) =>
      filter.And === null ||
      (filter.Prefix === null &&
        filter.ObjectSizeGreaterThan === null &&
        filter.ObjectSizeLessThan === null &&
        !filter.Tag),
    "A lifecycle filter with And keeps its Prefix, tags and sizes inside And.",
  );

export const lifecycleRuleSchema = z.object({
  ID: text,
  Status: z.enum(["Enabled", "Disabled"]),
  Filter: lifecycleFilterSchema.nullable().default(null),
  Expiration: z
    .object({ Days: count, Date: text, ExpiredObjectDeleteMarker: z.boolean().nullable().optional() })
    .nullable()
    .default(null),
  NoncurrentVersionExpiration: z
    .object({ NoncurrentDays: z.number().int().positive(), NewerNoncurrentVersions: count })
    .nullable()
    .optional(),
  AbortIncompleteMultipartUpload: z
    .object({ DaysAfterInitiation: z.number().int().nonnegative() })
    .nullable()
    .default(null),
});
export type LifecycleRule = z.infer<typeof lifecycleRuleSchema>;

/** CORS rules as older engines stored them. */
const legacyCorsRule = z
  .object({
    id: z.string().nullable(),
    maxAgeSeconds: z.number().nullable(),
    allowOrigins: z.array(z.string()),
    allowMethods: z.array(z.string()),
    allowHeaders: z.array(z.string()),
    exposeHeaders: z.array(z.string()),
  })
  .transform((rule): CorsRule => ({
    ID: rule.id,
    AllowedOrigin: rule.allowOrigins,
    AllowedMethod: rule.allowMethods,
    AllowedHeader: rule.allowHeaders,
    ExposeHeader: rule.exposeHeaders,
    MaxAgeSeconds: rule.maxAgeSeconds,
  }));

/** Lifecycle rules as older engines stored them; empty parts read as absent, as they were shown. */
const legacyLifecycleRule = z
  .object({
    id: z.string().nullable(),
    enabled: z.boolean(),
    filter: z.object({
      prefix: z.string().nullable(),
      sizeGreaterThan: z.number().nullable(),
      sizeLessThan: z.number().nullable(),
    }),
    abortIncompleteMpuDays: z.number().nullable(),
    expirationDays: z.number().nullable(),
    expirationDate: z.string().nullable(),
  })
  .transform((rule): LifecycleRule => {
    const { prefix, sizeGreaterThan, sizeLessThan } = rule.filter;
    const hasFilter = prefix !== null || sizeGreaterThan !== null || sizeLessThan !== null;
    const hasExpiration = rule.expirationDays !== null || rule.expirationDate !== null;
    return {
      ID: rule.id,
      Status: rule.enabled ? "Enabled" : "Disabled",
      Filter: hasFilter
        ? { Prefix: prefix, ObjectSizeGreaterThan: sizeGreaterThan, ObjectSizeLessThan: sizeLessThan, And: null }
        : null,
      Expiration: hasExpiration ? { Days: rule.expirationDays, Date: rule.expirationDate } : null,
      AbortIncompleteMultipartUpload:
        rule.abortIncompleteMpuDays === null ? null : { DaysAfterInitiation: rule.abortIncompleteMpuDays },
    };
  });

export const storedCorsRules = z.array(z.union([corsRuleSchema, legacyCorsRule])).nullable();
export const storedLifecycleRules = z.array(z.union([lifecycleRuleSchema, legacyLifecycleRule])).nullable();

/** Website routing rules: stored and served back; the website endpoint does not apply them yet. */
export const routingRuleSchema = z.object({
  Condition: z
    .object({ HttpErrorCodeReturnedEquals: z.number().int().nullable().optional(), KeyPrefixEquals: optionalText })
    .nullable()
    .optional(),
  Redirect: z.object({
    HostName: optionalText,
    HttpRedirectCode: optionalCount,
    Protocol: optionalText,
    ReplaceKeyPrefixWith: optionalText,
    ReplaceKeyWith: optionalText,
  }),
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/**
 * Stored routing rules. Before the admin API validated them, any JSON object was
 * stored; one that is not a routing rule (Garage would have refused it) is left
 * out on read rather than making its bucket unreadable.
 */
export const storedRoutingRules = z
  .array(z.unknown())
  .default([])
  .transform((rules) =>
    rules.flatMap((rule) => {
      const parsed = routingRuleSchema.safeParse(rule);
      return parsed.success ? [parsed.data] : [];
    }),
  );
