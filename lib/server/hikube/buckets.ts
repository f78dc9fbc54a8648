import "server-only";
import { randomUUID } from "node:crypto";
import { AdminApiError } from "@/lib/admin-api/errors";
import { deleteAccessKey, readSecretKey } from "@/lib/server/admin-api/access-keys";
import { emptyBucket } from "@/lib/server/admin-api/buckets-empty";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, s3PublicEndpoint, type Connection } from "@/lib/server/connections";
import { InputError } from "@/lib/server/action-errors";
import { bucketConnection } from "@/lib/server/tenancy/buckets-read";
import { createScopedBucket, deleteScopedBucket } from "@/lib/server/tenancy/buckets-write";
import { UnknownTenantError } from "@/lib/server/tenancy/errors";
import { setScopedGrant } from "@/lib/server/tenancy/grants";
import { createTenantKey, deleteScopedKey } from "@/lib/server/tenancy/keys";
import { assertBucketInScope, type Scope } from "@/lib/server/tenancy/scope";
import { bucketInfo, bucketSecret, type BucketInfo, type BucketSecret } from "@/lib/format/bucket-info";
import type { Tenant } from "@/lib/tenancy/types";
import type { BucketManifest } from "./manifest";
import type { HikubeBucketRecord } from "./store";

/**
 * Hikube's Bucket: a manifest makes a tenant bucket under a generated S3 name
 * (`bucket-<uuid>`), a key with read and write on it alone, and the Secret
 * `bucket-<name>` whose BucketInfo carries them. Names are unique within a tenant.
 */
export class ManifestNameTakenError extends Error {
  override name = "ManifestNameTakenError";
  constructor(readonly manifestName: string) {
    super(`This tenant already has a bucket named “${manifestName}”.`);
  }
}

export const secretNameOf = (name: string) => `bucket-${name}`;

export interface HikubeBucket extends HikubeBucketRecord {
  secretName: string;
}

const withSecretName = (record: HikubeBucketRecord): HikubeBucket => ({
  ...record,
  secretName: secretNameOf(record.name),
});

/** The tenant a request acts for: a tenant its own; an operator must name one. */
export function tenantFor(store: ConsoleStore, scope: Scope, tenantId: string | undefined): Tenant {
  if (scope.kind === "tenant") return scope.tenant;
  if (tenantId === undefined)
    throw new InputError("Name the tenant (?tenant=<id>): Hikube buckets and secrets belong to a tenant.");
  const tenant = store.tenants.find(tenantId);
  if (!tenant) throw new UnknownTenantError(tenantId);
  return tenant;
}

export async function createHikubeBucket(
  store: ConsoleStore,
  scope: Scope,
  manifest: BucketManifest,
  tenantId?: string,
): Promise<HikubeBucket> {
  const tenant = tenantFor(store, scope, tenantId);
  const { name } = manifest;
  if (store.tenants.bucketByName(tenant.id, name)) throw new ManifestNameTakenError(name);
  const bucketName = `bucket-${randomUUID()}`;
  const bucket = await createScopedBucket(store, scope, { name, s3Name: bucketName, tenantId: tenant.id });
  const connection = getConnection(tenant.connectionId);
  let accessKeyId: string | null = null;
  try {
    const key = await createTenantKey(store, tenant, connection, { name: secretNameOf(name) });
    accessKeyId = key.id;
    await setScopedGrant(store, scope, { bucketId: bucket.id, accessKeyId, flags: { read: true, write: true } });
    return withSecretName(
      store.hikube.record({
        tenantId: tenant.id,
        name,
        bucketId: bucket.id,
        bucketName,
        accessKeyId,
        accessUid: randomUUID(),
      }),
    );
  } catch (error) {
    // What the manifest made is undone together: no bucket without its key and secret.
    if (accessKeyId !== null) await deleteScopedKey(store, scope, accessKeyId).catch(() => undefined);
    await deleteScopedBucket(store, scope, bucket.id).catch(() => undefined);
    throw error;
  }
}

export function listHikubeBuckets(store: ConsoleStore, scope: Scope, tenantId?: string): HikubeBucket[] {
  const tenant = scope.kind === "tenant" ? scope.tenant.id : tenantId;
  return store.hikube.list(tenant).map(withSecretName);
}

/** The Hikube bucket behind a bucket id, if a manifest made it (scope-checked). */
export function hikubeBucketOf(store: ConsoleStore, scope: Scope, bucketId: string): HikubeBucket | null {
  assertBucketInScope(store, scope, bucketId);
  const record = store.hikube.byBucket(bucketId);
  return record ? withSecretName(record) : null;
}

/** A secret by its name (`bucket-<name>`) within the tenant; a missing one answers as a missing bucket. */
export function hikubeBucketBySecret(
  store: ConsoleStore,
  scope: Scope,
  secretName: string,
  tenantId?: string,
): HikubeBucket {
  const tenant = tenantFor(store, scope, tenantId);
  const name = secretName.startsWith("bucket-") ? secretName.slice("bucket-".length) : null;
  const record = name ? store.hikube.byName(tenant.id, name) : null;
  if (!record) throw new NoSuchSecretError();
  return withSecretName(record);
}

export class NoSuchSecretError extends Error {
  override name = "NoSuchSecretError";
  constructor() {
    super("No such secret.");
  }
}

/** The BucketInfo of a Hikube bucket, with its key's secret read from the cluster. */
export async function readBucketInfo(store: ConsoleStore, bucket: HikubeBucket): Promise<BucketInfo> {
  const tenant = store.tenants.find(bucket.tenantId);
  if (!tenant) throw new UnknownTenantError(bucket.tenantId);
  const connection = getConnection(tenant.connectionId);
  return bucketInfo({
    name: `bc-${bucket.accessUid}`,
    bucketName: bucket.bucketName,
    endpoint: s3PublicEndpoint(connection),
    region: connection.region,
    accessKeyId: bucket.accessKeyId,
    secretAccessKey: await readSecretKey(connection, bucket.accessKeyId),
  });
}

export async function readBucketSecret(store: ConsoleStore, bucket: HikubeBucket): Promise<BucketSecret> {
  return bucketSecret(bucket.secretName, await readBucketInfo(store, bucket), bucket.createdAt);
}

/** A tenant bucket deleted on the cluster (by S3, behind the console): its records, and a Hikube bucket's key, go. */
export async function forgetDeletedTenantBucket(
  store: ConsoleStore,
  connection: Connection,
  bucketId: string,
): Promise<void> {
  store.tenants.forgetBucket(bucketId);
  const record = store.hikube.byBucket(bucketId);
  if (!record) return;
  await deleteAccessKey(connection, record.accessKeyId).catch((error: unknown) => {
    if (!(error instanceof AdminApiError && error.status === 404)) throw error;
  });
  store.tenants.forgetKey(record.accessKeyId);
  store.hikube.forget(bucketId);
}

/**
 * Deletes a bucket, first emptying it when `force`; for a Hikube bucket, its key and
 * secret too. A non-empty bucket without `force` is BucketNotEmptyError with its count.
 */
export async function deleteBucketWithManifest(
  store: ConsoleStore,
  scope: Scope,
  bucketId: string,
  options: { force: boolean },
): Promise<void> {
  assertBucketInScope(store, scope, bucketId);
  if (options.force) await emptyBucket(bucketConnection(store, scope, bucketId), bucketId);
  await deleteScopedBucket(store, scope, bucketId);
  const record = store.hikube.byBucket(bucketId);
  if (!record) return;
  await deleteScopedKey(store, scope, record.accessKeyId).catch((error: unknown) => {
    if (!(error instanceof AdminApiError && error.status === 404)) throw error;
  });
  store.hikube.forget(bucketId);
}
