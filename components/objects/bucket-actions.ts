import type { Action } from "@/lib/action-result";
import type { ShareExpiry } from "@/lib/s3/limits";
import type { ObjectMetadata, ObjectTag, PrefixCount, SharedLink } from "@/lib/s3/types";
import type { CopyTarget } from "./copy-move-dialog";

/** The object browser's server actions, bound to one bucket by the page so views pass plain callbacks. */
export interface BucketActions {
  head: Action<{ key: string }, ObjectMetadata>;
  downloadUrl: Action<{ key: string }, { url: string }>;
  previewUrl: Action<{ key: string }, { url: string }>;
  share: Action<{ key: string; expiry: ShareExpiry }, SharedLink>;
  deleteKeys: Action<{ keys: string[] }, { deleted: number }>;
  countPrefix: Action<{ prefix: string }, PrefixCount>;
  deletePrefix: Action<{ prefix: string }, { deleted: number }>;
  copy: (keys: string[]) => Action<CopyTarget, { copied: number }>;
  deleteVersion: Action<{ key: string; versionId: string }, { key: string; versionId: string }>;
  restoreVersion: Action<{ key: string; versionId: string }, { versionId: string | null }>;
  setTags: Action<{ key: string; tags: ObjectTag[] }, ObjectTag[]>;
}
