import "server-only";
import { createAccessKey, deleteAccessKey, listAccessKeys, readSecretKey } from "@/lib/server/admin-api/access-keys";
import { bucketDisplayName } from "@/lib/server/admin-api/buckets";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { Permissions } from "@/lib/admin-api/permissions";
import { adminCalls } from "@/lib/server/admin-api/calls";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, type Connection } from "@/lib/server/connections";
import { LimitExceededError, UnknownTenantError } from "./errors";
import { withTenantLock } from "./lock";
import { assertKeyInScope, type Scope } from "./scope";
import type { ScopedKey, Tenant } from "@/lib/tenancy/types";
import { InputError } from "@/lib/server/action-errors";

/**
 * Access keys through the scope. A tenant's keys count toward its key limit, never get
 * the right to create buckets through S3, and see only their grants on its own buckets.
 */
export type { ScopedKey };

export interface KeyBucketGrant {
  bucketId: string;
  /** The tenant's name for it, or for an operator the bucket's display name. */
  name: string;
  permissions: Permissions;
}

export interface ScopedKeyDetail extends ScopedKey {
  buckets: KeyBucketGrant[];
}

/** A new key with its secret: the one answer that carries it unasked (the API's POST /keys). */
export interface CreatedKey extends AccessKeySummary {
  secretAccessKey: string;
}

export interface NewScopedKey {
  name: string;
  /** RFC 3339, or absent for a key that never expires. */
  expiration?: string | null;
  /** Operators only: a tenant's keys never create buckets through S3. */
  canCreateBuckets?: boolean;
  /** An operator creating a key for a tenant. */
  tenantId?: string;
}

function isMissingKey(error: unknown): boolean {
  return error instanceof AdminApiError && (error.code === "NoSuchAccessKey" || error.status === 404);
}

export async function listScopedKeys(
  store: ConsoleStore,
  scope: Scope,
  filter: { tenantId?: string } = {},
): Promise<ScopedKey[]> {
  const owners = store.tenants.ownersOn(scope.connection.id).keys;
  const all = (await listAccessKeys(scope.connection)).map((key) => ({ ...key, owner: owners.get(key.id) ?? null }));
  const tenantId = scope.kind === "tenant" ? scope.tenant.id : filter.tenantId;
  return tenantId === undefined ? all : all.filter((key) => key.owner?.id === tenantId);
}

export async function getScopedKey(store: ConsoleStore, scope: Scope, accessKeyId: string): Promise<ScopedKeyDetail> {
  assertKeyInScope(store, scope, accessKeyId);
  const info = await (await adminCalls(scope.connection)).getKeyInfo(accessKeyId, false);
  const owned = store.tenants.keyOwner(accessKeyId);
  const tenant = owned ? store.tenants.find(owned.tenantId) : null;
  const grants = info.buckets.flatMap((bucket): KeyBucketGrant[] => {
    const ownedBucket = store.tenants.bucketOwner(bucket.id);
    if (scope.kind === "tenant" && ownedBucket?.tenantId !== scope.tenant.id) return [];
    const name =
      scope.kind === "tenant" && ownedBucket
        ? ownedBucket.name
        : bucketDisplayName({ id: bucket.id, globalAliases: bucket.globalAliases });
    const permissions = {
      read: bucket.permissions.read ?? false,
      write: bucket.permissions.write ?? false,
      owner: bucket.permissions.owner ?? false,
    };
    return [{ bucketId: bucket.id, name, permissions }];
  });
  return {
    id: info.accessKeyId,
    name: info.name,
    created: info.created ?? null,
    expiration: info.expiration ?? null,
    expired: info.expired,
    owner: tenant ? { id: tenant.id, name: tenant.name } : null,
    buckets: grants,
  };
}

/** The secret, only on an explicit request. */
export async function readScopedSecret(store: ConsoleStore, scope: Scope, accessKeyId: string): Promise<string> {
  assertKeyInScope(store, scope, accessKeyId);
  return readSecretKey(scope.connection, accessKeyId);
}

export async function createScopedKey(store: ConsoleStore, scope: Scope, input: NewScopedKey): Promise<CreatedKey> {
  const tenantId = scope.kind === "tenant" ? scope.tenant.id : input.tenantId;
  if (tenantId === undefined) return createPlainKey(scope.connection, input);
  if (input.canCreateBuckets) throw new InputError("A tenant's keys cannot create buckets through S3.");
  const tenant = scope.kind === "tenant" ? scope.tenant : store.tenants.find(tenantId);
  if (!tenant) throw new UnknownTenantError(tenantId);
  return createTenantKey(store, tenant, getConnection(tenant.connectionId), input);
}

async function createPlainKey(connection: Connection, input: NewScopedKey): Promise<CreatedKey> {
  const created = await createAccessKey(connection, {
    name: input.name,
    expiration: input.expiration ?? null,
    canCreateBuckets: input.canCreateBuckets ?? false,
  });
  return { ...created, secretAccessKey: await readSecretKey(connection, created.id) };
}

/** Every key a tenant owns is made here (the seed systems' too), so every one counts toward maxKeys. */
export function createTenantKey(
  store: ConsoleStore,
  tenant: Tenant,
  connection: Connection,
  input: NewScopedKey,
): Promise<CreatedKey> {
  return withTenantLock(tenant.id, async () => {
    if (store.tenants.usage(tenant.id).keys >= tenant.limits.maxKeys)
      throw new LimitExceededError(`This tenant already has its limit of ${tenant.limits.maxKeys} keys.`);
    const created = await createPlainKey(connection, { ...input, canCreateBuckets: false });
    store.tenants.recordKey(tenant.id, created.id);
    return created;
  });
}

export async function deleteScopedKey(store: ConsoleStore, scope: Scope, accessKeyId: string): Promise<void> {
  assertKeyInScope(store, scope, accessKeyId);
  try {
    await deleteAccessKey(scope.connection, accessKeyId);
  } catch (error) {
    if (!isMissingKey(error) || !store.tenants.keyOwner(accessKeyId)) throw error;
  }
  store.tenants.forgetKey(accessKeyId);
}
