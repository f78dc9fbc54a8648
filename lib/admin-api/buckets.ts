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
  /** A bucket policy or an ACL opens it to anyone (Carport; never on a Garage cluster). */
  public: boolean;
}

export interface BucketKeyGrant {
  accessKeyId: string;
  name: string;
  permissions: Permissions;
  localAliases: string[];
  /** The console's own key: the object browser's grant, never offered to clients. */
  consoleKey?: boolean;
}

/**
 * A bucket's CORS and lifecycle rules in S3's names, the spelling of Garage's admin
 * API and of the engine's records; absent optional fields are null (or []).
 */
export interface CorsRule {
  ID: string | null;
  AllowedOrigin: string[];
  AllowedMethod: string[];
  AllowedHeader: string[];
  ExposeHeader: string[];
  MaxAgeSeconds: number | null;
}

export interface LifecycleFilterTerms {
  Prefix: string | null;
  ObjectSizeGreaterThan: number | null;
  ObjectSizeLessThan: number | null;
}

export interface LifecycleTag {
  Key: string;
  Value: string;
}

/**
 * S3's own terms beyond Garage's schema (tags, delete markers, older versions) are
 * optional: Carport's engine keeps them, a Garage cluster never sends them, and a
 * save sends back whatever was read.
 */
export interface LifecycleRule {
  ID: string | null;
  Status: "Enabled" | "Disabled";
  /** With `And`, the terms sit inside it (S3's form for several conditions). */
  Filter:
    | (LifecycleFilterTerms & {
        Tag?: LifecycleTag | null;
        And: (LifecycleFilterTerms & { Tags?: LifecycleTag[] }) | null;
      })
    | null;
  Expiration: { Days: number | null; Date: string | null; ExpiredObjectDeleteMarker?: boolean | null } | null;
  NoncurrentVersionExpiration?: { NoncurrentDays: number; NewerNoncurrentVersions: number | null } | null;
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: number } | null;
}

export interface BucketDetail extends BucketSummary {
  website: { indexDocument: string; errorDocument: string | null } | null;
  keys: BucketKeyGrant[];
  unfinishedUploads: number;
  corsRules: CorsRule[];
  lifecycleRules: LifecycleRule[];
}

/** Where the bucket's website is served, as far as the console knows the engine. */
export interface WebEndpoint {
  /** e.g. http://127.0.0.1:3902 */
  baseUrl: string | null;
  /** With its leading dot, e.g. ".web.example.com", or null. */
  rootDomain: string | null;
}

/** The console's sentence for a bucket name the form's pattern refuses. */
export const bucketNameMessage =
  "A bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.";
