import { queryOptions } from "@tanstack/react-query";
import type { ScopedBucket, ScopedBucketDetail } from "@/lib/tenancy/types";
import { readJson } from "./read-json";

/**
 * Buckets, as the browser reads them: the key factory and the query options. The server
 * half (the read behind the page's prefetch and /api/buckets) is lib/server/resources/buckets.
 */
export const bucketKeys = {
  all: ["buckets"] as const,
  list: (connectionId: string) => [...bucketKeys.all, connectionId, "list"] as const,
  detail: (connectionId: string, bucketId: string) => [...bucketKeys.all, connectionId, "detail", bucketId] as const,
};

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
