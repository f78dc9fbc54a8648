import "server-only";
import { z } from "zod";
import { AdminApiError } from "@/lib/admin-api/errors";
import { requestSignal, unwrap } from "@/lib/server/admin-api/client";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { getConnection, type Connection } from "@/lib/server/connections";
import { formatBytes } from "@/lib/format/bytes";
import { LimitExceededError } from "@/lib/server/tenancy/errors";
import type { Tenant } from "@/lib/tenancy/types";

/**
 * A tenant's bucket allowance, where the cluster offers them (Carport's engine: its own
 * /carport/v1 admin endpoints; a Garage cluster answers 404 and the console falls back to
 * withdrawing the create-bucket right at a limit). Its credentials draw on it, so S3's
 * CreateBucket itself refuses a bucket past the tenant's limits and gives the bucket the
 * tenant's default quota in the same transaction. The console sets it from the tenant's
 * limits and usage, only against the state it read (the engine's generation), whenever
 * that usage changes; every function here expects the tenant's lock held.
 */
export const allowanceIdOf = (tenant: Pick<Tenant, "id">) => `tenant:${tenant.id}`;

const allowanceShape = z.object({
  id: z.string(),
  bucketsLeft: z.number(),
  bytesLeft: z.number(),
  bucketQuotaBytes: z.number(),
  generation: z.number(),
});
type Allowance = z.infer<typeof allowanceShape>;

const maxAttempts = 8;
const globalForOffers = globalThis as typeof globalThis & { carportAllowanceOffers?: Map<string, boolean> };
const offers = (globalForOffers.carportAllowanceOffers ??= new Map());

async function call(
  connection: Connection,
  operation: string,
  init: { query?: Record<string, string>; body?: unknown },
): Promise<unknown> {
  const url = new URL(`/carport/v1/${operation}`, connection.adminUrl);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  return unwrap(
    fetch(url, {
      method: init.body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${connection.adminToken}`, "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: requestSignal(),
      cache: "no-store",
    }).then(async (response) => {
      const data = parseBody(await response.text());
      return response.ok ? { data, response } : { error: data, response };
    }),
  );
}

/** JSON, or the text itself: a proxy in front of a cluster may answer an error in HTML (a 404 still means "no such endpoint"). */
function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readAllowance(connection: Connection, id: string): Promise<Allowance | null> {
  try {
    return allowanceShape.parse(await call(connection, "GetBucketAllowance", { query: { id } }));
  } catch (error) {
    if (error instanceof AdminApiError && error.code === "NoSuchBucketAllowance") return null;
    throw error;
  }
}

/** Does the cluster keep bucket allowances? Asked once per connection and process. */
export async function offersAllowances(connection: Connection): Promise<boolean> {
  const known = offers.get(`${connection.id}\n${connection.adminUrl}`);
  if (known !== undefined) return known;
  let offered: boolean;
  try {
    await readAllowance(connection, "probe");
    offered = true;
  } catch (error) {
    if (!(error instanceof AdminApiError) || error.status === 0) throw error;
    offered = false;
  }
  offers.set(`${connection.id}\n${connection.adminUrl}`, offered);
  return offered;
}

/** What the tenant may still create, less what is held for a bucket the console is about to make. */
function allowanceFor(store: ConsoleStore, tenant: Tenant, held: { buckets: number; bytes: number }) {
  const current = store.tenants.find(tenant.id) ?? tenant;
  const usage = store.tenants.usage(tenant.id);
  const open = !current.disabled;
  return {
    bucketsLeft: open ? Math.max(0, current.limits.maxBuckets - usage.buckets - held.buckets) : 0,
    bytesLeft: open ? Math.max(0, current.limits.maxBytes - usage.allocatedBytes - held.bytes) : 0,
    bucketQuotaBytes: current.limits.defaultBucketQuotaBytes,
  };
}

/**
 * Sets the allowance from the tenant's usage, against the generation read; buckets its
 * credentials made meanwhile are adopted first (`adopt`), then it tries again. `held`:
 * a bucket the console is about to create, refused here if adoption leaves no room.
 */
export async function syncAllowance(
  store: ConsoleStore,
  tenant: Tenant,
  adopt: () => Promise<number>,
  held = { buckets: 0, bytes: 0 },
): Promise<void> {
  const connection = getConnection(tenant.connectionId);
  if (store.credentials.ofTenant(tenant.id).length === 0 || !(await offersAllowances(connection))) return;
  const id = allowanceIdOf(tenant);
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const current = await readAllowance(connection, id);
    if ((await adopt()) > 0 && held.buckets > 0) checkRoom(store, tenant, held);
    try {
      await call(connection, "SetBucketAllowance", {
        body: { id, ...allowanceFor(store, tenant, held), ifGeneration: current?.generation ?? null },
      });
      return;
    } catch (error) {
      // A credential created a bucket between the read and the write: adopt it and try again.
      if (!(error instanceof AdminApiError && error.code === "AllowanceChanged")) throw error;
    }
  }
  throw new Error(`the bucket allowance of tenant ${tenant.name} kept changing; try again`);
}

function checkRoom(store: ConsoleStore, tenant: Tenant, held: { buckets: number; bytes: number }): void {
  const usage = store.tenants.usage(tenant.id);
  if (usage.buckets + held.buckets > tenant.limits.maxBuckets)
    throw new LimitExceededError(`This tenant already has its limit of ${tenant.limits.maxBuckets} buckets.`);
  if (usage.allocatedBytes + held.bytes > tenant.limits.maxBytes)
    throw new LimitExceededError(
      `A quota of ${formatBytes(held.bytes)} is more than what is left of this tenant's ${formatBytes(tenant.limits.maxBytes)}.`,
    );
}

/** A credential draws on its tenant's allowance (where the cluster keeps them). */
export async function attachToAllowance(connection: Connection, tenant: Tenant, accessKeyId: string): Promise<void> {
  if (!(await offersAllowances(connection))) return;
  await call(connection, "SetKeyBucketAllowance", {
    query: { id: accessKeyId },
    body: { allowance: allowanceIdOf(tenant) },
  });
}
