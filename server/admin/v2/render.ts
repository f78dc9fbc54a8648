import type { Engine } from "../../engine/engine";
import type { V2Schema } from "./contract";
import type { AccessKeyRecord, BucketRecord } from "../../engine/metadata/records";
import type { PermissionFlags } from "../../engine/service/access-keys";

/** Engine records rendered in the v2 spec's shapes (dates as RFC 3339, sizes in bytes). */

export function isoDate(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function flags(permissions: PermissionFlags) {
  return { read: permissions.read, write: permissions.write, owner: permissions.owner };
}

export function keyListItem(key: AccessKeyRecord, nowMs: number = Date.now()): V2Schema<"ListKeysResponseItem"> {
  return {
    id: key.accessKeyId,
    name: key.name,
    created: isoDate(key.createdMs),
    expiration: isoDate(key.expirationMs),
    expired: key.expirationMs !== null && key.expirationMs <= nowMs,
  };
}

/** GetKeyInfoResponse: the key, its buckets (permissions or local aliases), the secret only when asked. */
export function keyInfo(engine: Engine, key: AccessKeyRecord, showSecret: boolean): V2Schema<"GetKeyInfoResponse"> {
  const permissions = new Map(engine.keys.permissionsOfKey(key.accessKeyId));
  const localAliases = new Map<string, string[]>();
  for (const [alias, bucketId] of engine.buckets.localAliasesOfKey(key.accessKeyId)) {
    localAliases.set(bucketId, [...(localAliases.get(bucketId) ?? []), alias]);
  }
  const bucketIds = [...new Set([...permissions.keys(), ...localAliases.keys()])].sort();
  const buckets = bucketIds.flatMap((bucketId) => {
    const bucket = engine.buckets.get(bucketId);
    if (!bucket) return [];
    return [
      {
        id: bucketId,
        globalAliases: bucket.globalAliases,
        localAliases: localAliases.get(bucketId) ?? [],
        permissions: flags(permissions.get(bucketId) ?? { read: false, write: false, owner: false }),
      },
    ];
  });
  const { id, ...item } = keyListItem(key);
  return {
    accessKeyId: id,
    ...item,
    secretAccessKey: showSecret ? key.secretAccessKey : null,
    permissions: { createBucket: key.allowCreateBucket },
    buckets,
  };
}

export function bucketListItem(bucket: BucketRecord): V2Schema<"ListBucketsResponseItem"> {
  return {
    id: bucket.id,
    created: isoDate(bucket.createdMs) ?? "",
    globalAliases: bucket.globalAliases,
    localAliases: bucket.localAliases,
  };
}

/** GetBucketInfoResponse with exact counts from the bucket's counter. */
export function bucketInfo(engine: Engine, bucket: BucketRecord): V2Schema<"GetBucketInfoResponse"> {
  const counter = engine.buckets.counter(bucket.id);
  const permissions = new Map(engine.keys.permissionsOfBucket(bucket.id));
  const keyIds = [...new Set([...permissions.keys(), ...bucket.localAliases.map((entry) => entry.accessKeyId)])].sort();
  const keys = keyIds.map((accessKeyId) => ({
    accessKeyId,
    name: engine.keys.get(accessKeyId)?.name ?? "",
    permissions: flags(permissions.get(accessKeyId) ?? { read: false, write: false, owner: false }),
    bucketLocalAliases: bucket.localAliases
      .filter((entry) => entry.accessKeyId === accessKeyId)
      .map((entry) => entry.alias),
  }));
  return {
    id: bucket.id,
    created: isoDate(bucket.createdMs) ?? "",
    globalAliases: bucket.globalAliases,
    websiteAccess: bucket.website !== null,
    websiteConfig: bucket.website
      ? {
          indexDocument: bucket.website.indexDocument,
          errorDocument: bucket.website.errorDocument,
          routingRules: bucket.website.routingRules,
        }
      : null,
    keys,
    objects: counter.objects,
    // Garage's "bytes used by objects": every stored version counts, as it takes space.
    bytes: counter.bytes + counter.versionBytes,
    unfinishedUploads: counter.uploads,
    unfinishedMultipartUploads: counter.uploads,
    unfinishedMultipartUploadParts: counter.uploadParts,
    unfinishedMultipartUploadBytes: counter.uploadBytes,
    quotas: { maxSize: bucket.quotas.maxSizeBytes, maxObjects: bucket.quotas.maxObjects },
    corsRules: bucket.cors,
    lifecycleRules: bucket.lifecycle,
  };
}
