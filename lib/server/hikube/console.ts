import "server-only";
import { stringify as stringifyYaml } from "yaml";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, s3PublicEndpoint } from "@/lib/server/connections";
import type { Scope } from "@/lib/server/tenancy/scope";
import type { HikubeBucketSummary, HikubeSecretReveal } from "@/lib/hikube/types";
import {
  createHikubeBucket,
  hikubeBucketBySecret,
  listHikubeBuckets,
  readBucketInfo,
  readBucketSecret,
  secretNameOf,
  type HikubeBucket,
} from "./buckets";
import { parseManifestText, validateManifest } from "./manifest";

/**
 * The console's Hikube pages: a tenant pastes or uploads the seed's Bucket manifest, sees
 * its buckets, and asks for a bucket's BucketInfo and Secret. Through the caller's scope
 * (operators see every tenant's), as /api/v1 does.
 */
function summaryOf(store: ConsoleStore, bucket: HikubeBucket): HikubeBucketSummary | null {
  const tenant = store.tenants.find(bucket.tenantId);
  if (!tenant) return null;
  const connection = getConnection(tenant.connectionId);
  return {
    name: bucket.name,
    tenant: { id: tenant.id, name: tenant.name },
    bucketId: bucket.bucketId,
    bucketName: bucket.bucketName,
    secretName: bucket.secretName,
    infoName: `bc-${bucket.accessUid}`,
    accessKeyId: bucket.accessKeyId,
    endpoint: s3PublicEndpoint(connection),
    region: connection.region,
    createdAt: bucket.createdAt,
  };
}

export async function listHikubeSummaries(store: ConsoleStore, scope: Scope): Promise<HikubeBucketSummary[]> {
  return listHikubeBuckets(store, scope).flatMap((bucket) => summaryOf(store, bucket) ?? []);
}

/** A tenant's bucket by its manifest name (operators name the tenant); a missing one is NoSuchSecretError. */
export function hikubeSummary(
  store: ConsoleStore,
  scope: Scope,
  name: string,
  tenantId?: string,
): HikubeBucketSummary | null {
  return summaryOf(store, hikubeBucketBySecret(store, scope, secretNameOf(name), tenantId));
}

/** The manifest as pasted or uploaded (YAML or JSON): every refusal names the field at fault. */
export async function createHikubeFromText(
  store: ConsoleStore,
  scope: Scope,
  manifestText: string,
  tenantId?: string,
): Promise<{ name: string; tenantId: string }> {
  const manifest = validateManifest(parseManifestText(manifestText));
  const bucket = await createHikubeBucket(store, scope, manifest, tenantId);
  return { name: bucket.name, tenantId: bucket.tenantId };
}

export async function revealHikubeSecret(
  store: ConsoleStore,
  scope: Scope,
  name: string,
  tenantId?: string,
): Promise<HikubeSecretReveal> {
  const bucket = hikubeBucketBySecret(store, scope, secretNameOf(name), tenantId);
  const [info, secret] = await Promise.all([readBucketInfo(store, bucket), readBucketSecret(store, bucket)]);
  return { bucketInfoJson: JSON.stringify(info, null, 2), secretYaml: stringifyYaml(secret) };
}
