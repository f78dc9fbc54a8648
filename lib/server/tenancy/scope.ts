import "server-only";
import { ForbiddenError } from "@/lib/auth/forbidden";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import { getActiveConnection, getConnection, type Connection } from "@/lib/server/connections";
import { noSuchAccessKey, noSuchBucket } from "./errors";
import type { Abilities, Tenant } from "@/lib/tenancy/types";

/**
 * The caller's scope: which cluster it talks to and which buckets and keys it may see
 * and act on. Every page read, server action and /api/v1 route takes it from here.
 * - admin and viewer: the cluster chosen in the header, everything on it (a viewer reads only);
 * - tenant: its tenant's cluster, only what its tenant owns (console.db's records).
 */
export type Scope =
  | { kind: "cluster"; user: ConsoleUser; connection: Connection; canWrite: boolean }
  | { kind: "tenant"; user: ConsoleUser; tenant: Tenant; connection: Connection; canWrite: true };

/**
 * What a surface needs: the whole cluster (operators only) or a tenant's resources
 * (a tenant's own, or everything for operators); reading, or changing.
 */
export type Need = "cluster:read" | "cluster:write" | "tenant:read" | "tenant:write";

/** A tenant asked for an operator's surface: pages answer not found, actions and the API Forbidden. */
export class ClusterAreaError extends ForbiddenError {
  override name = "ClusterAreaError";
  constructor() {
    super("admin");
  }
}

export async function scopeOf(store: ConsoleStore, user: ConsoleUser): Promise<Scope> {
  if (user.role !== "tenant") {
    return { kind: "cluster", user, connection: await getActiveConnection(), canWrite: user.role === "admin" };
  }
  const tenant = user.tenantId ? store.tenants.find(user.tenantId) : null;
  // isUserActive already refused a tenant user without a live tenant; this is a programmer error.
  if (!tenant) throw new Error(`tenant user ${user.id} has no tenant`);
  return { kind: "tenant", user, tenant, connection: getConnection(tenant.connectionId), canWrite: true };
}

/** Throws ForbiddenError (a viewer changing, a tenant on an operator's surface) unless the scope allows the need. */
export function authorizeScope(scope: Scope, need: Need): void {
  if (scope.kind === "tenant" && need.startsWith("cluster:")) throw new ClusterAreaError();
  if (need.endsWith(":write") && !scope.canWrite) throw new ForbiddenError("admin");
}

/** A bucket id the caller may address; outside a tenant, the answer a missing bucket gets. */
export function assertBucketInScope(store: ConsoleStore, scope: Scope, bucketId: string): void {
  if (scope.kind === "cluster") return;
  if (store.tenants.bucketOwner(bucketId)?.tenantId !== scope.tenant.id) throw noSuchBucket();
}

export function assertKeyInScope(store: ConsoleStore, scope: Scope, accessKeyId: string): void {
  if (scope.kind === "cluster") return;
  if (store.tenants.keyOwner(accessKeyId)?.tenantId !== scope.tenant.id) throw noSuchAccessKey();
}

/** Input fields that name a bucket or a key, checked for every action before its body runs. */
const bucketFields = ["bucketId", "sourceBucketId", "targetBucketId"] as const;
const keyFields = ["accessKeyId"] as const;

/**
 * Checks every bucket and key an action's parsed input names against the scope, so an
 * action cannot forget to: `defineAction` calls this for every action.
 */
export function assertInputInScope(store: ConsoleStore, scope: Scope, input: unknown): void {
  if (scope.kind === "cluster" || typeof input !== "object" || input === null) return;
  const fields = input as Record<string, unknown>;
  for (const field of bucketFields) {
    const value = fields[field];
    if (typeof value === "string") assertBucketInScope(store, scope, value);
  }
  for (const field of keyFields) {
    const value = fields[field];
    if (typeof value === "string") assertKeyInScope(store, scope, value);
  }
}

/** What views may offer this scope (lib/tenancy/types Abilities); the server checks each change anyway. */
export function abilitiesOf(scope: Scope): Abilities {
  return { canWrite: scope.canWrite, operator: scope.kind === "cluster" };
}
