import "server-only";
import { listAccessKeys } from "@/lib/server/admin-api/access-keys";
import { publicBucketIds } from "@/lib/server/admin-api/bucket-exposure";
import { bucketDisplayName } from "@/lib/server/admin-api/buckets";
import { bucketInfosOf } from "@/lib/server/admin-api/bucket-infos";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { cellKey, type PermissionMatrix, type Permissions } from "@/lib/admin-api/permissions";
import {
  type MatrixPage,
  type MatrixPageRequest,
  matrixBucketsPerPage,
  matrixKeysPerPage,
} from "@/lib/resources/permissions";
import type { Scope } from "./scope";

/**
 * The permission matrix a page of keys by a page of buckets: both axes come from one
 * ListKeys and one ListBuckets, are searched, sorted and cut on the server, and only the
 * shown buckets are read for their grants (GetBucketInfo of the 6 in one call on Carport, one
 * each on Garage). 1,000 buckets by 1,000 keys cost 6 bucket reads, not 1,000. A tenant's axes
 * hold only its keys and its buckets (by its names).
 */

function matchesNameOrId(item: { name: string; id: string }, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || item.name.toLowerCase().includes(needle) || item.id.toLowerCase().startsWith(needle);
}

function pageOf<T>(items: T[], page: number, perPage: number): { page: number; shown: T[] } {
  const last = Math.max(0, Math.ceil(items.length / perPage) - 1);
  const clamped = Math.min(Math.max(0, page), last);
  return { page: clamped, shown: items.slice(clamped * perPage, (clamped + 1) * perPage) };
}

async function scopedAxes(store: ConsoleStore, scope: Scope): Promise<Pick<PermissionMatrix, "keys" | "buckets">> {
  const [allKeys, listed, publicIds] = await Promise.all([
    listAccessKeys(scope.connection),
    (await adminCalls(scope.connection)).listBuckets(),
    publicBucketIds(scope.connection),
  ]);
  const buckets = listed.map((item) => ({
    id: item.id,
    name: bucketDisplayName(item),
    public: publicIds.has(item.id),
  }));
  if (scope.kind === "cluster") return { keys: allKeys, buckets };
  const ownedBuckets = new Map(store.tenants.bucketsOf(scope.tenant.id).map((bucket) => [bucket.bucketId, bucket]));
  const ownedKeys = new Set(store.tenants.keysOf(scope.tenant.id).map((key) => key.accessKeyId));
  return {
    keys: allKeys.filter((key) => ownedKeys.has(key.id)),
    buckets: buckets.flatMap((bucket) => {
      const owned = ownedBuckets.get(bucket.id);
      return owned ? [{ ...bucket, name: owned.name }] : [];
    }),
  };
}

export async function pageScopedMatrix(
  store: ConsoleStore,
  scope: Scope,
  request: MatrixPageRequest,
): Promise<MatrixPage> {
  const axes = await scopedAxes(store, scope);
  const matchingKeys = axes.keys.filter((key) => matchesNameOrId(key, request.keyQuery));
  const keys = pageOf(matchingKeys, request.keyPage, matrixKeysPerPage);
  const matchingBuckets = axes.buckets
    .filter((bucket) => matchesNameOrId(bucket, request.bucketQuery))
    .sort((a, b) => a.name.localeCompare(b.name));
  const buckets = pageOf(matchingBuckets, request.bucketPage, matrixBucketsPerPage);
  const shownKeys = new Set(keys.shown.map((key) => key.id));
  // A bucket deleted since it was listed is not in the map: a column without grants.
  const infos = await bucketInfosOf(
    scope.connection,
    buckets.shown.map((bucket) => bucket.id),
  );
  const cells: Record<string, Permissions> = {};
  for (const info of infos.values())
    for (const key of info.keys) {
      if (!shownKeys.has(key.accessKeyId)) continue;
      const permissions = {
        read: key.permissions.read ?? false,
        write: key.permissions.write ?? false,
        owner: key.permissions.owner ?? false,
      };
      if (permissions.read || permissions.write || permissions.owner)
        cells[cellKey(info.id, key.accessKeyId)] = permissions;
    }
  return {
    keys: keys.shown,
    buckets: buckets.shown,
    cells,
    keyTotal: matchingKeys.length,
    keyPage: keys.page,
    bucketTotal: matchingBuckets.length,
    bucketPage: buckets.page,
  };
}
