import "server-only";
import type { Connection } from "@/lib/server/connections";
import { AdminApiError, unreachableCode } from "@/lib/admin-api/errors";
import { adminCalls, type BucketInfo } from "./calls";
import { requestSignal } from "./client";

/**
 * GetBucketInfo of some buckets (a page of a list): in one call from Carport's own
 * endpoint (`POST /carport/v1/GetBucketInfos`), else one GetBucketInfo each with bounded
 * concurrency (a Garage cluster, which answers 404 for the endpoint). A bucket deleted
 * since it was listed is left out of the map.
 */
const bucketInfoConcurrency = 8;
/** Carport's GetBucketInfos takes at most 100 ids a call. */
const idsPerCall = 100;

export async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The essentials every reader of a BucketInfo uses; the rest of the shape is Garage's, as GetBucketInfo's. */
function isBucketInfo(value: unknown): value is BucketInfo {
  if (typeof value !== "object" || value === null) return false;
  const info = value as Record<string, unknown>;
  return (
    typeof info.id === "string" &&
    Array.isArray(info.globalAliases) &&
    Array.isArray(info.keys) &&
    typeof info.objects === "number" &&
    typeof info.bytes === "number" &&
    typeof info.quotas === "object" &&
    info.quotas !== null
  );
}

/** One call of Carport's endpoint; null when the cluster does not have it. */
async function carportBucketInfos(connection: Connection, ids: string[]): Promise<BucketInfo[] | null> {
  let response: Response;
  try {
    response = await fetch(`${connection.adminUrl}/carport/v1/GetBucketInfos`, {
      method: "POST",
      headers: { Authorization: `Bearer ${connection.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ids }),
      cache: "no-store",
      signal: requestSignal(),
    });
  } catch (error) {
    throw new AdminApiError(0, unreachableCode, error instanceof Error ? error.message : "fetch failed");
  }
  if (response.status === 404) return null;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw AdminApiError.fromResponse(response.status, body);
  const buckets = typeof body === "object" && body !== null && "buckets" in body ? body.buckets : null;
  if (!Array.isArray(buckets) || !buckets.every(isBucketInfo))
    throw new AdminApiError(response.status, "InvalidResponse", "GetBucketInfos answered something else than buckets.");
  return buckets;
}

async function oneByOne(connection: Connection, ids: string[]): Promise<BucketInfo[]> {
  const calls = await adminCalls(connection);
  const infos = await mapBounded(ids, bucketInfoConcurrency, (bucketId) =>
    calls.getBucketInfo(bucketId).catch((error: unknown) => {
      if (error instanceof AdminApiError && (error.code === "NoSuchBucket" || error.status === 404)) return null;
      throw error;
    }),
  );
  return infos.flatMap((info) => (info ? [info] : []));
}

export async function bucketInfosOf(connection: Connection, bucketIds: string[]): Promise<Map<string, BucketInfo>> {
  const infos: BucketInfo[] = [];
  for (let first = 0; first < bucketIds.length; first += idsPerCall) {
    const ids = bucketIds.slice(first, first + idsPerCall);
    const batch = await carportBucketInfos(connection, ids);
    if (batch === null) {
      infos.push(...(await oneByOne(connection, bucketIds.slice(first))));
      break;
    }
    infos.push(...batch);
  }
  return new Map(infos.map((info) => [info.id, info]));
}
