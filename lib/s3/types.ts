/**
 * The object browser's shapes: plain and serialisable, never carrying a credential.
 * Both sides: route handlers and actions return them, views take them as props.
 */
export interface ObjectEntry {
  key: string;
  sizeBytes: number;
  /** ISO 8601, or null when the listing did not say. */
  lastModified: string | null;
  etag: string | null;
}

/** One page of a folder listing (ListObjectsV2 with a delimiter). */
export interface ObjectPage {
  prefix: string;
  /** Sub-folders as full prefixes ending in the delimiter. */
  folders: string[];
  objects: ObjectEntry[];
  /** The continuation token for the next page; null on the last page. */
  nextToken: string | null;
}

export interface ObjectMetadata {
  key: string;
  sizeBytes: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  cacheControl: string | null;
  contentEncoding: string | null;
  /** x-amz-meta-* headers, without the prefix. */
  userMetadata: Record<string, string>;
  /** The version read (versioned buckets), else null. */
  versionId: string | null;
  /** The object's tags; null when the cluster does not offer tagging. */
  tags: ObjectTag[] | null;
}

/** A bucket as the browser knows it: its id, the name people read, and every name S3 uses. */
export interface BrowsedBucket {
  id: string;
  name: string;
  /** The console's own key was just granted read and write to browse it (said on the page). */
  consoleKeyGrantedNow?: boolean;
}

export interface PrefixCount {
  prefix: string;
  objects: number;
  sizeBytes: number;
  /** True when counting stopped at the limit: there are at least `objects`. */
  truncated: boolean;
}

export interface SharedLink {
  url: string;
  expiresAt: string;
}

export interface PresignedPart {
  partNumber: number;
  url: string;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

export interface StartedUpload {
  key: string;
  uploadId: string;
  partSizeBytes: number;
  partCount: number;
}

/** S3 versioning of a bucket: never enabled, enabled, or suspended (kept versions stay). */
export type VersioningState = "off" | "enabled" | "suspended";

/** One entry of a version listing: an object version or a delete marker. */
export interface ObjectVersionEntry {
  key: string;
  /** S3's version id ("null" for the version written while versioning was off or suspended). */
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  sizeBytes: number;
  lastModified: string | null;
  etag: string | null;
}

/** One page of a folder's versions (ListObjectVersions with a delimiter). */
export interface VersionPage {
  prefix: string;
  folders: string[];
  versions: ObjectVersionEntry[];
  /** Where the next page starts; null on the last page. */
  next: { keyMarker: string; versionIdMarker: string | null } | null;
}

export interface ObjectTag {
  key: string;
  value: string;
}
