import type { Permissions } from "./permissions";

/**
 * The console's shapes for buckets: plain, serialisable, and never carrying a secret.
 * Both sides: views take these as props.
 */
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

/** Where the bucket's website is served, as far as the console knows the engine. */
export interface WebEndpoint {
  /** e.g. http://127.0.0.1:3902 */
  baseUrl: string | null;
  /** With its leading dot, e.g. ".web.example.com", or null. */
  rootDomain: string | null;
}
