import "server-only";
import type { Connection } from "@/lib/server/connections";
import { listAccessKeys } from "@/lib/server/admin-api/access-keys";
import { bucketDisplayName, listBucketInfos } from "@/lib/server/admin-api/buckets";
import { cellKey, type PermissionFlag, type PermissionMatrix, type Permissions } from "@/lib/admin-api/permissions";
import { adminCalls } from "./calls";
import { publicBucketIds } from "./bucket-exposure";

/** The keys × buckets matrix, and one cell's change as one Allow or Deny call. */

export async function readPermissionMatrix(connection: Connection): Promise<PermissionMatrix> {
  const [keys, infos, publicIds] = await Promise.all([
    listAccessKeys(connection),
    listBucketInfos(connection),
    publicBucketIds(connection),
  ]);
  const cells: Record<string, Permissions> = {};
  for (const info of infos) {
    for (const key of info.keys) {
      const permissions = {
        read: key.permissions.read ?? false,
        write: key.permissions.write ?? false,
        owner: key.permissions.owner ?? false,
      };
      if (permissions.read || permissions.write || permissions.owner)
        cells[cellKey(info.id, key.accessKeyId)] = permissions;
    }
  }
  const buckets = infos.map((info) => ({
    id: info.id,
    name: bucketDisplayName({
      id: info.id,
      globalAliases: info.globalAliases,
      localAliases: info.keys.flatMap((key) => key.bucketLocalAliases.map((alias) => ({ alias }))),
    }),
    public: publicIds.has(info.id),
  }));
  buckets.sort((a, b) => a.name.localeCompare(b.name));
  return { keys, buckets, cells };
}

export interface PermissionChange {
  bucketId: string;
  accessKeyId: string;
  flag: PermissionFlag;
  granted: boolean;
}

/**
 * Garage's Allow/Deny change only the flags sent as true ("unconventional semantic"):
 * a grant is Allow with that flag alone, a revoke is Deny with that flag alone.
 */
export async function setPermission(connection: Connection, change: PermissionChange): Promise<Permissions> {
  const body = { bucketId: change.bucketId, accessKeyId: change.accessKeyId, permissions: { [change.flag]: true } };
  const calls = await adminCalls(connection);
  const info = await (change.granted ? calls.allowBucketKey(body) : calls.denyBucketKey(body));
  const key = info.keys.find((item) => item.accessKeyId === change.accessKeyId);
  return {
    read: key?.permissions.read ?? false,
    write: key?.permissions.write ?? false,
    owner: key?.permissions.owner ?? false,
  };
}

/** The Connect panel's "create a key for this bucket": a new key granted read and write here. */
export async function createKeyForBucket(
  connection: Connection,
  bucketId: string,
  name: string,
): Promise<{ accessKeyId: string; name: string }> {
  const calls = await adminCalls(connection);
  const created = await calls.createKey({ name, neverExpires: true });
  await calls.allowBucketKey({ bucketId, accessKeyId: created.accessKeyId, permissions: { read: true, write: true } });
  return { accessKeyId: created.accessKeyId, name: created.name };
}
