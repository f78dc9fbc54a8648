import "server-only";
import { publicBucketIds } from "@/lib/server/admin-api/bucket-exposure";
import { bucketDisplayName, bucketSummaries } from "@/lib/server/admin-api/buckets";
import { adminCalls } from "@/lib/server/admin-api/calls";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { adoptCredentialBucketsLocked } from "@/lib/server/credentials/tenant-sync";
import { type BucketPage, type BucketPageRequest, bucketPageSize, noOwner } from "@/lib/resources/buckets";
import type { OwnerRef } from "@/lib/tenancy/types";
import type { Scope } from "./scope";

/**
 * The bucket list a page at a time: the names come from one ListBuckets (or, for a tenant,
 * its own records), are filtered, sorted and cut on the server, and only the page's buckets
 * are read for their usage (their GetBucketInfo in one call on Carport, one each on Garage).
 * 1,000 buckets cost 50 reads, not 1,000.
 */

interface Listed {
  id: string;
  name: string;
  /** What the search looks in besides the name and the id: every alias. */
  aliases: string[];
  owner: OwnerRef | null;
}

function matches(bucket: Listed, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  return (
    bucket.id.startsWith(needle) ||
    bucket.name.toLowerCase().includes(needle) ||
    bucket.aliases.some((alias) => alias.toLowerCase().includes(needle))
  );
}

async function listedOfCluster(store: ConsoleStore, scope: Extract<Scope, { kind: "cluster" }>): Promise<Listed[]> {
  const owners = store.tenants.ownersOn(scope.connection.id).buckets;
  const items = await (await adminCalls(scope.connection)).listBuckets();
  return items.map((item) => ({
    id: item.id,
    name: bucketDisplayName(item),
    aliases: [...item.globalAliases, ...item.localAliases.map((alias) => alias.alias)],
    owner: owners.get(item.id) ?? null,
  }));
}

function ownersOf(listed: Listed[]): OwnerRef[] {
  const byId = new Map(listed.flatMap((bucket) => (bucket.owner ? [[bucket.owner.id, bucket.owner] as const] : [])));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function listedOfScope(store: ConsoleStore, scope: Scope): Promise<Listed[]> {
  if (scope.kind === "cluster") return listedOfCluster(store, scope);
  // Buckets its S3 credentials created join the tenant on this read (project credentials).
  await adoptCredentialBucketsLocked(store, scope.tenant);
  const owner = { id: scope.tenant.id, name: scope.tenant.name };
  return store.tenants
    .bucketsOf(scope.tenant.id)
    .map((owned) => ({ id: owned.bucketId, name: owned.name, aliases: [], owner }));
}

export async function pageScopedBuckets(
  store: ConsoleStore,
  scope: Scope,
  request: BucketPageRequest,
): Promise<BucketPage> {
  // Which buckets are public does not depend on the page: read beside the listing, not after it.
  const [listed, publicIds] = await Promise.all([listedOfScope(store, scope), publicBucketIds(scope.connection)]);
  const owned =
    request.owner === "" ? listed : listed.filter((bucket) => (bucket.owner?.id ?? noOwner) === request.owner);
  const matching = owned
    .filter((bucket) => matches(bucket, request.query))
    .sort((a, b) => a.name.localeCompare(b.name));
  const lastPage = Math.max(0, Math.ceil(matching.length / bucketPageSize) - 1);
  const page = Math.min(Math.max(0, request.page), lastPage);
  const shown = matching.slice(page * bucketPageSize, (page + 1) * bucketPageSize);
  const summaries = await bucketSummaries(
    scope.connection,
    shown.map((bucket) => bucket.id),
    publicIds,
  );
  const buckets = shown.flatMap((bucket) => {
    const summary = summaries.get(bucket.id);
    if (!summary) {
      // Deleted on the cluster behind the console's back: a tenant's record goes too.
      if (scope.kind === "tenant") store.tenants.forgetBucket(bucket.id);
      return [];
    }
    return [{ ...summary, name: scope.kind === "tenant" ? bucket.name : summary.name, owner: bucket.owner }];
  });
  return { buckets, total: matching.length, page, owners: scope.kind === "tenant" ? [] : ownersOf(listed) };
}
