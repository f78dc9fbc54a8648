import { z } from "zod";
import type { components } from "./schema.gen";
import type { CorsRuleInput, LifecycleRuleInput } from "@/lib/admin-api/buckets";

/**
 * CORS and lifecycle rules between Garage's S3-style JSON (`AllowedOrigin`, `Status`…,
 * typed loosely by the spec) and the console's editor shapes. Both sides, pure.
 */
type ApiCorsRule = components["schemas"]["cors.Rule"];
type ApiLifecycleRule = components["schemas"]["lifecycle.Rule"];

const strings = z
  .array(z.string())
  .nullish()
  .transform((list) => list ?? []);
const count = z
  .number()
  .int()
  .nonnegative()
  .nullish()
  .transform((value) => value ?? null);

const apiCors = z.object({
  ID: z.string().nullish(),
  AllowedOrigin: z.array(z.string()),
  AllowedMethod: z.array(z.string()),
  AllowedHeader: strings,
  ExposeHeader: strings,
  MaxAgeSeconds: count,
});
const apiLifecycle = z.object({
  ID: z.string().nullish(),
  Status: z.string(),
  Filter: z.object({ Prefix: z.string().nullish() }).nullish(),
  Expiration: z.object({ Days: count }).nullish(),
  AbortIncompleteMultipartUpload: z.object({ DaysAfterInitiation: count }).nullish(),
});

/** Rules the console cannot read are dropped from the editor rather than guessed at. */
export function corsFromApi(rules: unknown): CorsRuleInput[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) => {
    const parsed = apiCors.safeParse(rule);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [
      {
        id: r.ID ?? `rule-${index + 1}`,
        allowedOrigins: r.AllowedOrigin,
        allowedMethods: r.AllowedMethod,
        allowedHeaders: r.AllowedHeader,
        exposeHeaders: r.ExposeHeader,
        maxAgeSeconds: r.MaxAgeSeconds,
      },
    ];
  });
}

export function lifecycleFromApi(rules: unknown): LifecycleRuleInput[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) => {
    const parsed = apiLifecycle.safeParse(rule);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [
      {
        id: r.ID ?? `rule-${index + 1}`,
        enabled: r.Status === "Enabled",
        prefix: r.Filter?.Prefix ?? "",
        expirationDays: r.Expiration?.Days ?? null,
        abortIncompleteUploadDays: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? null,
      },
    ];
  });
}

export function corsToApi(rules: CorsRuleInput[]): ApiCorsRule[] {
  return rules.map((rule) => ({
    ID: rule.id || null,
    AllowedOrigin: rule.allowedOrigins,
    AllowedMethod: rule.allowedMethods,
    AllowedHeader: rule.allowedHeaders,
    ExposeHeader: rule.exposeHeaders,
    MaxAgeSeconds: rule.maxAgeSeconds,
  }));
}

export function lifecycleToApi(rules: LifecycleRuleInput[]): ApiLifecycleRule[] {
  return rules.map((rule) => ({
    ID: rule.id || null,
    Status: rule.enabled ? "Enabled" : "Disabled",
    Filter: rule.prefix ? { Prefix: rule.prefix } : null,
    Expiration: rule.expirationDays === null ? null : { Days: rule.expirationDays },
    AbortIncompleteMultipartUpload:
      rule.abortIncompleteUploadDays === null ? null : { DaysAfterInitiation: rule.abortIncompleteUploadDays },
  }));
}

/** Comma- or line-separated lists as typed in the editor. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
