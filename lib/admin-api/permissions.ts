import type { AccessKeySummary } from "./access-keys";
import type { BucketSummary } from "./buckets";

/** A key's rights on a bucket, and the keys × buckets matrix. Both sides. */
export interface Permissions {
  read: boolean;
  write: boolean;
  owner: boolean;
}

export type PermissionFlag = keyof Permissions;
export const permissionFlags: readonly PermissionFlag[] = ["read", "write", "owner"];

/** Keys × buckets: cells keyed by `cellKey(bucketId, accessKeyId)`; a missing cell has no rights. */
export interface PermissionMatrix {
  keys: AccessKeySummary[];
  buckets: Pick<BucketSummary, "id" | "name" | "public">[];
  cells: Record<string, Permissions>;
}

export const noPermissions: Permissions = { read: false, write: false, owner: false };

export function cellKey(bucketId: string, accessKeyId: string): string {
  return `${bucketId}/${accessKeyId}`;
}
