import "server-only";
import { z } from "zod";
import { bucketApiVersion, bucketKind, looksLikeManifest, validateManifest } from "@/lib/server/hikube/manifest";
import { newBucket } from "./schemas";

/**
 * The shapes of the seed systems' routes in /api/v1 (Hikube's Bucket manifests and
 * Secrets), beside the API's own in ./schemas.
 */
export const bucketManifest = z
  .object({
    apiVersion: z.literal(bucketApiVersion),
    kind: z.literal(bucketKind),
    metadata: z.object({ name: z.string().describe("Unique within the tenant; the Secret is bucket-<name>.") }),
  })
  .meta({
    id: "BucketManifest",
    description: "Hikube's Bucket (apps.cozystack.io/v1alpha1), as YAML or JSON; it has no spec.",
  });

/** What POST /buckets takes: the API's `{name, quotaBytes}`, or a Bucket manifest (whose errors name the field). */
export const bucketCreation = z.unknown().transform((raw, context) => {
  if (looksLikeManifest(raw)) {
    try {
      return { manifest: validateManifest(raw) };
    } catch (error) {
      context.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }
  const parsed = newBucket.safeParse(raw);
  if (parsed.success) return { plain: parsed.data };
  for (const issue of parsed.error.issues)
    context.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

export const documentedBucketCreation = z.union([newBucket, bucketManifest]);

export const bucketResource = z
  .object({
    apiVersion: z.literal(bucketApiVersion),
    kind: z.literal(bucketKind),
    metadata: z.object({ name: z.string(), creationTimestamp: z.string() }),
    status: z.object({
      bucketName: z.string().describe("The bucket's S3 name, bucket-<uuid>."),
      secretName: z.string().describe("The Secret holding its BucketInfo, bucket-<name>."),
    }),
  })
  .meta({ id: "BucketResource", description: "A Bucket a manifest made." });

export const secretSummary = z
  .object({
    name: z.string(),
    type: z.literal("Opaque"),
    data: z.number().describe("How many keys it holds: 1, BucketInfo."),
    age: z.string().describe("As kubectl get secret prints it: 10s, 5m, 3d4h."),
    createdAt: z.string(),
  })
  .meta({ id: "SecretSummary" });

export const bucketSecret = z
  .object({
    apiVersion: z.literal("v1"),
    kind: z.literal("Secret"),
    metadata: z.object({ name: z.string(), creationTimestamp: z.string() }),
    type: z.literal("Opaque"),
    data: z.object({ BucketInfo: z.string().describe("Base64 of the BucketInfo JSON.") }),
  })
  .meta({ id: "Secret", description: "A Kubernetes Secret, as kubectl get secret -o json (or -o yaml) shows it." });
