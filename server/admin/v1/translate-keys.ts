import type { V2Schema } from "../v2/contract";

type V2KeyInfo = V2Schema<"GetKeyInfoResponse">;
type V2KeyList = V2Schema<"ListKeysResponse">;

/**
 * v2 → v1 shapes for access keys. v1 knows no `created`, `expiration` or
 * `expired`. Its secret is `null` unless asked for (`showSecretKey=true`, or
 * the answers of CreateKey and ImportKey, which v2 fills in).
 */

export interface V1KeyBucket {
  id: string;
  globalAliases: string[];
  localAliases: string[];
  permissions: { read: boolean; write: boolean; owner: boolean };
}

export interface V1KeyInfo {
  name: string;
  accessKeyId: string;
  secretAccessKey: string | null;
  permissions: { createBucket: boolean };
  buckets: V1KeyBucket[];
}

export function v1KeyList(keys: V2KeyList): { id: string; name: string }[] {
  return keys.map((key) => ({ id: key.id, name: key.name }));
}

export function v1BucketPermissions(permissions: {
  read?: boolean;
  write?: boolean;
  owner?: boolean;
}): V1KeyBucket["permissions"] {
  return { read: permissions.read ?? false, write: permissions.write ?? false, owner: permissions.owner ?? false };
}

export function v1KeyInfo(key: V2KeyInfo): V1KeyInfo {
  return {
    name: key.name,
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey ?? null,
    permissions: { createBucket: key.permissions.createBucket ?? false },
    buckets: key.buckets.map((bucket) => ({
      id: bucket.id,
      globalAliases: bucket.globalAliases,
      localAliases: bucket.localAliases,
      permissions: v1BucketPermissions(bucket.permissions),
    })),
  };
}
