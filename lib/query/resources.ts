import type { AccessKeySummary, BucketDetail, BucketSummary, PermissionMatrix } from "@/lib/admin-api/buckets-types";
import { accessKeyKeys, bucketKeys, permissionKeys } from "@/lib/admin-api/keys";

/**
 * The browser's reads of keys, buckets and permissions: the session-checked GET routes,
 * never the admin API. Keys match the server's prefetch through the factories.
 */
async function readJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message =
      typeof body === "object" &&
      body !== null &&
      "error" in body &&
      typeof body.error === "object" &&
      body.error !== null &&
      "message" in body.error
        ? String(body.error.message)
        : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return (await response.json()) as T;
}

export const accessKeysQuery = (connectionId: string) => ({
  queryKey: accessKeyKeys.list(connectionId),
  queryFn: () => readJson<AccessKeySummary[]>("/api/keys"),
});
export const bucketsQuery = (connectionId: string) => ({
  queryKey: bucketKeys.list(connectionId),
  queryFn: () => readJson<BucketSummary[]>("/api/buckets"),
});
export const bucketQuery = (connectionId: string, bucketId: string) => ({
  queryKey: bucketKeys.detail(connectionId, bucketId),
  queryFn: () => readJson<BucketDetail>(`/api/buckets/${encodeURIComponent(bucketId)}`),
});
export const permissionMatrixQuery = (connectionId: string) => ({
  queryKey: permissionKeys.matrix(connectionId),
  queryFn: () => readJson<PermissionMatrix>("/api/permissions"),
});
