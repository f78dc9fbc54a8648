import "server-only";
import { readSecretKey } from "@/lib/server/admin-api/access-keys";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, s3PublicEndpoint } from "@/lib/server/connections";
import { InputError } from "@/lib/server/action-errors";
import { noSuchAccessKey } from "@/lib/server/tenancy/errors";
import type { Scope } from "@/lib/server/tenancy/scope";
import type { CreatedCredential, CredentialSummary } from "@/lib/credentials/types";
import { createProjectCredential, deleteProjectCredential } from "./project";
import type { ProjectCredentialRecord } from "./store";
import { adoptCredentialBucketsLocked } from "./tenant-sync";

/**
 * The S3 credentials page's reads and writes, through the caller's scope: a tenant sees
 * and manages its project's credentials (whoever of its users made them); operators see
 * every tenant's. Another tenant's credential answers as a missing key.
 */
function summaryOf(store: ConsoleStore, record: ProjectCredentialRecord): CredentialSummary | null {
  const tenant = store.tenants.find(record.tenantId);
  if (!tenant) return null;
  const connection = getConnection(tenant.connectionId);
  const user = store.findById(record.userId);
  return {
    accessKeyId: record.accessKeyId,
    tenant: { id: tenant.id, name: tenant.name },
    user: user ? { id: user.id, name: user.name } : null,
    createdAt: record.createdAt,
    endpoint: s3PublicEndpoint(connection),
    region: connection.region,
  };
}

export async function listCredentials(store: ConsoleStore, scope: Scope): Promise<CredentialSummary[]> {
  if (scope.kind === "tenant") await adoptCredentialBucketsLocked(store, scope.tenant);
  const records = scope.kind === "tenant" ? store.credentials.ofTenant(scope.tenant.id) : store.credentials.all();
  return records.flatMap((record) => summaryOf(store, record) ?? []);
}

function recordInScope(store: ConsoleStore, scope: Scope, accessKeyId: string): ProjectCredentialRecord {
  const record = store.credentials.find(accessKeyId);
  if (!record || (scope.kind === "tenant" && record.tenantId !== scope.tenant.id)) throw noSuchAccessKey();
  return record;
}

export async function revealCredentialSecret(store: ConsoleStore, scope: Scope, accessKeyId: string): Promise<string> {
  const record = recordInScope(store, scope, accessKeyId);
  const tenant = store.tenants.find(record.tenantId);
  if (!tenant) throw noSuchAccessKey();
  return readSecretKey(getConnection(tenant.connectionId), accessKeyId);
}

/** A credential is a user's in a project: only a tenant's own user makes one here (operators use Keystone). */
export async function createCredential(
  store: ConsoleStore,
  scope: Scope,
  user: { id: string; name: string },
): Promise<CreatedCredential> {
  if (scope.kind !== "tenant")
    throw new InputError(
      "A credential is a tenant user's, for their project: sign in as one (or use openstack ec2 credentials create).",
    );
  const created = await createProjectCredential(store, scope.tenant, user);
  const summary = summaryOf(store, created);
  if (!summary) throw noSuchAccessKey();
  return { ...summary, secretAccessKey: created.secretAccessKey };
}

export async function deleteCredential(store: ConsoleStore, scope: Scope, accessKeyId: string): Promise<void> {
  await deleteProjectCredential(store, recordInScope(store, scope, accessKeyId));
}
