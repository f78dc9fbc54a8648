/**
 * The console's shapes for buckets, keys and permissions: plain, serialisable, and
 * never carrying a secret. Both sides: views take these as props.
 */
export interface Permissions {
  read: boolean;
  write: boolean;
  owner: boolean;
}

export type PermissionFlag = keyof Permissions;
export const permissionFlags: readonly PermissionFlag[] = ["read", "write", "owner"];

export interface LocalAlias {
  accessKeyId: string;
  alias: string;
}

export interface Quotas {
  maxSizeBytes: number | null;
  maxObjects: number | null;
}

export interface BucketSummary {
  id: string;
  /** What people call it: the first global alias, else a local alias, else a short id. */
  name: string;
  created: string | null;
  globalAliases: string[];
  localAliases: LocalAlias[];
  objects: number;
  bytes: number;
  quotas: Quotas;
  websiteAccess: boolean;
}

export interface BucketKeyGrant {
  accessKeyId: string;
  name: string;
  permissions: Permissions;
  localAliases: string[];
}

export interface CorsRuleInput {
  id: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number | null;
}

export interface LifecycleRuleInput {
  id: string;
  enabled: boolean;
  prefix: string;
  expirationDays: number | null;
  abortIncompleteUploadDays: number | null;
}

export interface BucketDetail extends BucketSummary {
  website: { indexDocument: string; errorDocument: string | null } | null;
  keys: BucketKeyGrant[];
  unfinishedUploads: number;
  corsRules: CorsRuleInput[];
  lifecycleRules: LifecycleRuleInput[];
}

export interface AccessKeySummary {
  id: string;
  name: string;
  created: string | null;
  expiration: string | null;
  expired: boolean;
}

/** Keys × buckets: cells keyed by `cellKey(bucketId, accessKeyId)`; a missing cell has no rights. */
export interface PermissionMatrix {
  keys: AccessKeySummary[];
  buckets: Pick<BucketSummary, "id" | "name">[];
  cells: Record<string, Permissions>;
}

export const noPermissions: Permissions = { read: false, write: false, owner: false };

export function cellKey(bucketId: string, accessKeyId: string): string {
  return `${bucketId}/${accessKeyId}`;
}

/** Where the bucket's website is served, as far as the console knows the engine. */
export interface WebEndpoint {
  /** e.g. http://127.0.0.1:3902 */
  baseUrl: string | null;
  /** With its leading dot, e.g. ".web.example.com", or null. */
  rootDomain: string | null;
}
