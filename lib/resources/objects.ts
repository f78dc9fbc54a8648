import { infiniteQueryOptions, type InfiniteData } from "@tanstack/react-query";
import type { ObjectPage } from "@/lib/s3/types";
import { readJson } from "./read-json";

/**
 * A bucket's folders as the browser reads them: pages from /api/objects, one S3
 * continuation token at a time, so 100,000 objects are never loaded at once. The
 * server half is lib/server/resources/objects.
 */
export type FolderData = InfiniteData<ObjectPage, string | null>;

export const objectKeys = {
  all: ["objects"] as const,
  bucket: (connectionId: string, bucketId: string) => [...objectKeys.all, connectionId, bucketId] as const,
  folder: (connectionId: string, bucketId: string, prefix: string) =>
    [...objectKeys.bucket(connectionId, bucketId), "folder", prefix] as const,
};

export function folderPageUrl(bucketId: string, prefix: string, token: string | null): string {
  const search = new URLSearchParams({ prefix });
  if (token) search.set("token", token);
  return `/api/objects/${encodeURIComponent(bucketId)}?${search}`;
}

export const folderQuery = (connectionId: string, bucketId: string, prefix: string) =>
  infiniteQueryOptions({
    queryKey: objectKeys.folder(connectionId, bucketId, prefix),
    queryFn: ({ pageParam }) => readJson<ObjectPage>(folderPageUrl(bucketId, prefix, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextToken,
  });
