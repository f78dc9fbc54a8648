import "server-only";
import type { components } from "@/contracts/garage-admin-v2.gen";
import type { ApiVersion } from "@/lib/admin-api/version";
import { detectClusterVersion, type Connection } from "@/lib/server/connections";
import { oldAdminCalls } from "./calls-v1";
import { v2AdminCalls } from "./calls-v2";

/**
 * The bucket and key calls of Garage's admin API, whatever version the cluster speaks.
 * Each answers in v2's shapes (the one the console reads), minus what older versions
 * cannot say, which is null rather than invented. What an older version cannot do at
 * all is refused with UnsupportedVersion, and the pages gate it before it is offered.
 */
type Schemas = components["schemas"];

export type BucketInfo = Pick<
  Schemas["GetBucketInfoResponse"],
  | "id"
  | "globalAliases"
  | "keys"
  | "objects"
  | "bytes"
  | "quotas"
  | "websiteAccess"
  | "websiteConfig"
  | "unfinishedUploads"
  | "corsRules"
  | "lifecycleRules"
> & { created: string | null };

export type BucketListItem = Omit<Schemas["ListBucketsResponseItem"], "created"> & { created: string | null };
export type KeyInfo = Pick<
  Schemas["GetKeyInfoResponse"],
  "accessKeyId" | "name" | "created" | "expiration" | "expired" | "secretAccessKey" | "permissions" | "buckets"
>;
export type KeyListItem = Schemas["ListKeysResponseItem"];
export type AliasChange =
  { bucketId: string; globalAlias: string } | { bucketId: string; accessKeyId: string; localAlias: string };

export interface AdminCalls {
  listBuckets(): Promise<BucketListItem[]>;
  getBucketInfo(bucketId: string): Promise<BucketInfo>;
  getBucketInfoByAlias(globalAlias: string): Promise<BucketInfo>;
  createBucket(body: Schemas["CreateBucketRequest"]): Promise<BucketInfo>;
  updateBucket(bucketId: string, body: Schemas["UpdateBucketRequestBody"]): Promise<BucketInfo>;
  deleteBucket(bucketId: string): Promise<void>;
  addBucketAlias(alias: AliasChange): Promise<BucketInfo>;
  removeBucketAlias(alias: AliasChange): Promise<BucketInfo>;
  allowBucketKey(body: Schemas["BucketKeyPermChangeRequest"]): Promise<BucketInfo>;
  denyBucketKey(body: Schemas["BucketKeyPermChangeRequest"]): Promise<BucketInfo>;
  listKeys(): Promise<KeyListItem[]>;
  getKeyInfo(accessKeyId: string, showSecretKey: boolean): Promise<KeyInfo>;
  createKey(body: Schemas["CreateKeyRequest"]): Promise<KeyInfo>;
  importKey(body: Schemas["ImportKeyRequest"]): Promise<KeyInfo>;
  updateKey(accessKeyId: string, body: Schemas["UpdateKeyRequestBody"]): Promise<KeyInfo>;
  deleteKey(accessKeyId: string): Promise<void>;
}

export function adminCallsFor(connection: Connection, apiVersion: ApiVersion): AdminCalls {
  return apiVersion === "v2" ? v2AdminCalls(connection) : oldAdminCalls(connection, apiVersion);
}

/** The calls for the version the connection's cluster speaks (detected, cached 60 s). */
export async function adminCalls(connection: Connection): Promise<AdminCalls> {
  return adminCallsFor(connection, (await detectClusterVersion(connection)).apiVersion);
}
