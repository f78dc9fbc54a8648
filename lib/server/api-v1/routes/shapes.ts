import "server-only";
import type { z } from "zod";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import type { ScopedBucket, ScopedBucketDetail } from "@/lib/server/tenancy/buckets-read";
import type { ScopedKey, ScopedKeyDetail } from "@/lib/server/tenancy/keys";
import type * as schemas from "../schemas";

/** The console's records as the API's documented shapes. */
export function bucketShape(bucket: ScopedBucket): z.output<typeof schemas.bucket> {
  return {
    id: bucket.id,
    name: bucket.name,
    globalAliases: bucket.globalAliases,
    tenant: bucket.owner,
    objects: bucket.objects,
    bytes: bucket.bytes,
    quotaBytes: bucket.quotas.maxSizeBytes,
    maxObjects: bucket.quotas.maxObjects,
    createdAt: bucket.created,
  };
}

export function bucketDetailShape(bucket: ScopedBucketDetail): z.output<typeof schemas.bucketDetail> {
  return {
    ...bucketShape(bucket),
    keys: bucket.keys.map((key) => ({ accessKeyId: key.accessKeyId, name: key.name, ...key.permissions })),
  };
}

export function keyShape(key: ScopedKey): z.output<typeof schemas.key> {
  return {
    accessKeyId: key.id,
    name: key.name,
    tenant: key.owner,
    createdAt: key.created,
    expiration: key.expiration,
    expired: key.expired,
  };
}

export function keyDetailShape(key: ScopedKeyDetail, secretAccessKey?: string): z.output<typeof schemas.keyDetail> {
  return {
    ...keyShape(key),
    buckets: key.buckets.map((grant) => ({ bucketId: grant.bucketId, name: grant.name, ...grant.permissions })),
    ...(secretAccessKey === undefined ? {} : { secretAccessKey }),
  };
}

export function userShape(store: ConsoleStore, user: ConsoleUser): z.output<typeof schemas.user> {
  const tenant = user.tenantId ? store.tenants.find(user.tenantId) : null;
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    tenant: tenant ? { id: tenant.id, name: tenant.name } : null,
    disabled: user.disabled,
    oidc: user.oidc,
    createdAt: user.createdAt,
  };
}
