import type { V2Schema } from "../v2/contract";
import { v1BucketPermissions, type V1KeyBucket } from "./translate-keys";

type V2BucketInfo = V2Schema<"GetBucketInfoResponse">;
type V2BucketList = V2Schema<"ListBucketsResponse">;

/**
 * v2 → v1 shapes for buckets. v1 knows no `created`, CORS, lifecycle or
 * routing rules. Garage 0.9 added the three `unfinishedMultipart*` counters to
 * v1, so they stay; v0 drops them (see `v0/translate.ts`).
 */

export interface V1BucketListItem {
  id: string;
  globalAliases: string[];
  localAliases: { accessKeyId: string; alias: string }[];
}

export interface V1WebsiteConfig {
  indexDocument: string;
  errorDocument?: string;
}

export interface V1BucketKey {
  accessKeyId: string;
  name: string;
  permissions: V1KeyBucket["permissions"];
  bucketLocalAliases: string[];
}

export interface V1BucketInfo {
  id: string;
  globalAliases: string[];
  websiteAccess: boolean;
  websiteConfig: V1WebsiteConfig | null;
  keys: V1BucketKey[];
  objects: number;
  bytes: number;
  unfinishedUploads: number;
  unfinishedMultipartUploads: number;
  unfinishedMultipartUploadParts: number;
  unfinishedMultipartUploadBytes: number;
  quotas: { maxSize: number | null; maxObjects: number | null };
}

export function v1BucketList(buckets: V2BucketList): V1BucketListItem[] {
  return buckets.map((bucket) => ({
    id: bucket.id,
    globalAliases: bucket.globalAliases,
    localAliases: bucket.localAliases,
  }));
}

/** The specs type `errorDocument` as a plain string: an unset one is left out rather than null. */
function v1WebsiteConfig(config: V2BucketInfo["websiteConfig"]): V1WebsiteConfig | null {
  if (!config) return null;
  return config.errorDocument == null
    ? { indexDocument: config.indexDocument }
    : { indexDocument: config.indexDocument, errorDocument: config.errorDocument };
}

export function v1BucketInfo(bucket: V2BucketInfo): V1BucketInfo {
  return {
    id: bucket.id,
    globalAliases: bucket.globalAliases,
    websiteAccess: bucket.websiteAccess,
    websiteConfig: v1WebsiteConfig(bucket.websiteConfig),
    keys: bucket.keys.map((key) => ({
      accessKeyId: key.accessKeyId,
      name: key.name,
      permissions: v1BucketPermissions(key.permissions),
      bucketLocalAliases: key.bucketLocalAliases,
    })),
    objects: bucket.objects,
    bytes: bucket.bytes,
    unfinishedUploads: bucket.unfinishedUploads,
    unfinishedMultipartUploads: bucket.unfinishedMultipartUploads,
    unfinishedMultipartUploadParts: bucket.unfinishedMultipartUploadParts,
    unfinishedMultipartUploadBytes: bucket.unfinishedMultipartUploadBytes,
    quotas: { maxSize: bucket.quotas.maxSize ?? null, maxObjects: bucket.quotas.maxObjects ?? null },
  };
}
