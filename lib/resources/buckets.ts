import { queryOptions } from "@tanstack/react-query";
import type { OwnerRef, ScopedBucket, ScopedBucketDetail } from "@/lib/tenancy/types";
import { bucketKeys } from "./bucket-keys";
import { readJson } from "./read-json";

/**
 * Buckets, as the browser reads them: the key factory and the query options. The server
 * half (the read behind the page's prefetch and /api/buckets) is lib/server/resources/buckets.
 */
export { bucketKeys };

export const bucketListQuery = (connectionId: string) =>
  queryOptions({
    queryKey: bucketKeys.list(connectionId),
    queryFn: () => readJson<ScopedBucket[]>("/api/buckets"),
  });

export const bucketQuery = (connectionId: string, bucketId: string) =>
  queryOptions({
    queryKey: bucketKeys.detail(connectionId, bucketId),
    queryFn: () => readJson<ScopedBucketDetail>(`/api/buckets/${encodeURIComponent(bucketId)}`),
  });

/** One page of the bucket list, filtered and sorted on the server: only its rows' usage is read. */
export const bucketPageSize = 50;
/** The owner filter's values: every tenant, or none (buckets no tenant owns); else a tenant's id. */
export const everyOwner = "";
export const noOwner = "-";

export interface BucketPageRequest {
  page: number;
  query: string;
  owner: string;
}

export interface BucketPage {
  buckets: ScopedBucket[];
  /** Buckets matching the request, on every page. */
  total: number;
  /** The page shown (the request's, clamped to the last). */
  page: number;
  /** The tenants owning any bucket of the scope, for the owner filter. */
  owners: OwnerRef[];
}

export const firstBucketPage: BucketPageRequest = { page: 0, query: "", owner: everyOwner };

export const bucketPageQuery = (connectionId: string, request: BucketPageRequest) =>
  queryOptions({
    queryKey: [...bucketKeys.all, connectionId, "page", request] as const,
    queryFn: () =>
      readJson<BucketPage>(
        `/api/buckets?${new URLSearchParams({ page: String(request.page), query: request.query, owner: request.owner })}`,
      ),
  });
