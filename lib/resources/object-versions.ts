import { infiniteQueryOptions, queryOptions, type InfiniteData } from "@tanstack/react-query";
import type { VersioningState, VersionPage } from "@/lib/s3/types";
import { objectKeys } from "./objects";
import { readJson } from "./read-json";

/**
 * A folder's versions and a bucket's versioning state, as the browser reads them. Keys sit
 * under the bucket's object keys, so whatever re-reads a bucket's objects re-reads these too.
 * The server half is lib/server/resources/object-versions.
 */
export type VersionFolderData = InfiniteData<VersionPage, VersionPage["next"]>;

export const versionKeys = {
  folder: (connectionId: string, bucketId: string, prefix: string) =>
    [...objectKeys.bucket(connectionId, bucketId), "versions", prefix] as const,
  state: (connectionId: string, bucketId: string) =>
    [...objectKeys.bucket(connectionId, bucketId), "versioning"] as const,
};

export function versionPageUrl(bucketId: string, prefix: string, from: VersionPage["next"]): string {
  const search = new URLSearchParams({ prefix });
  if (from) {
    search.set("keyMarker", from.keyMarker);
    if (from.versionIdMarker) search.set("versionIdMarker", from.versionIdMarker);
  }
  return `/api/objects/${encodeURIComponent(bucketId)}/versions?${search}`;
}

export const versionFolderQuery = (connectionId: string, bucketId: string, prefix: string) =>
  infiniteQueryOptions({
    queryKey: versionKeys.folder(connectionId, bucketId, prefix),
    queryFn: ({ pageParam }) => readJson<VersionPage>(versionPageUrl(bucketId, prefix, pageParam)),
    initialPageParam: null as VersionPage["next"],
    getNextPageParam: (last) => last.next,
  });

export const versioningQuery = (connectionId: string, bucketId: string) =>
  queryOptions({
    queryKey: versionKeys.state(connectionId, bucketId),
    queryFn: () => readJson<{ versioning: VersioningState }>(`/api/buckets/${encodeURIComponent(bucketId)}/versioning`),
  });
