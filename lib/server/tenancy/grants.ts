import "server-only";
import { readPermissionMatrix } from "@/lib/server/admin-api/permissions";
import type { PermissionFlag, PermissionMatrix, Permissions } from "@/lib/admin-api/permissions";
import { cellKey, permissionFlags } from "@/lib/admin-api/permissions";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { createScopedKey, type CreatedKey } from "./keys";
import { assertBucketInScope, assertKeyInScope, type Scope } from "./scope";

/** Grants of keys on buckets through the scope: a tenant grants only its keys on its buckets. */

/**
 * Sets exactly the flags given (true grants, false revokes, absent leaves alone): one
 * AllowBucketKey for the trues and one DenyBucketKey for the falses, as Garage changes
 * only the flags sent as true. Returns the key's rights on the bucket afterwards.
 */
export async function setScopedGrant(
  store: ConsoleStore,
  scope: Scope,
  change: { bucketId: string; accessKeyId: string; flags: Partial<Permissions> },
): Promise<Permissions> {
  assertKeyInScope(store, scope, change.accessKeyId);
  assertBucketInScope(store, scope, change.bucketId);
  const calls = await adminCalls(scope.connection);
  const pick = (value: boolean) =>
    Object.fromEntries(permissionFlags.filter((flag) => change.flags[flag] === value).map((flag) => [flag, true]));
  const body = (permissions: Partial<Record<PermissionFlag, boolean>>) => ({
    bucketId: change.bucketId,
    accessKeyId: change.accessKeyId,
    permissions,
  });
  const grants = pick(true);
  const revokes = pick(false);
  let info = null;
  if (Object.keys(grants).length) info = await calls.allowBucketKey(body(grants));
  if (Object.keys(revokes).length) info = await calls.denyBucketKey(body(revokes));
  info ??= await calls.getBucketInfo(change.bucketId);
  const key = info.keys.find((item) => item.accessKeyId === change.accessKeyId);
  return {
    read: key?.permissions.read ?? false,
    write: key?.permissions.write ?? false,
    owner: key?.permissions.owner ?? false,
  };
}

/** The keys × buckets matrix; a tenant's holds only its keys and its buckets (by its names). */
export async function readScopedMatrix(store: ConsoleStore, scope: Scope): Promise<PermissionMatrix> {
  const matrix = await readPermissionMatrix(scope.connection);
  if (scope.kind === "cluster") return matrix;
  const ownedBuckets = new Map(store.tenants.bucketsOf(scope.tenant.id).map((bucket) => [bucket.bucketId, bucket]));
  const ownedKeys = new Set(store.tenants.keysOf(scope.tenant.id).map((key) => key.accessKeyId));
  const buckets = matrix.buckets.flatMap((bucket) => {
    const owned = ownedBuckets.get(bucket.id);
    return owned ? [{ id: bucket.id, name: owned.name, public: bucket.public }] : [];
  });
  const keys = matrix.keys.filter((key) => ownedKeys.has(key.id));
  const cells = Object.fromEntries(
    buckets.flatMap((bucket) =>
      keys.flatMap((key) => {
        const cell = matrix.cells[cellKey(bucket.id, key.id)];
        return cell ? [[cellKey(bucket.id, key.id), cell]] : [];
      }),
    ),
  );
  return { keys, buckets: buckets.sort((a, b) => a.name.localeCompare(b.name)), cells };
}

/** The Connect panel: a new key (counted toward the tenant's limit) that reads, or reads and writes, one bucket. */
export async function createScopedBucketKey(
  store: ConsoleStore,
  scope: Scope,
  bucketId: string,
  name: string,
  access: "read" | "read-write" = "read-write",
): Promise<CreatedKey> {
  assertBucketInScope(store, scope, bucketId);
  const owner = store.tenants.bucketOwner(bucketId);
  const created = await createScopedKey(store, scope, { name, tenantId: owner?.tenantId });
  await setScopedGrant(store, scope, {
    bucketId,
    accessKeyId: created.id,
    flags: access === "read" ? { read: true } : { read: true, write: true },
  });
  return created;
}
