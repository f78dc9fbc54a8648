import type { InfiniteData } from "@tanstack/react-query";
import { objectKeys } from "@/lib/admin-api/keys";
import type { ObjectPage } from "@/lib/s3/types";

/**
 * The browser's folder listing: pages from the session-checked GET route, one S3
 * continuation token at a time, so 100,000 objects are never loaded at once.
 */
export type FolderData = InfiniteData<ObjectPage, string | null>;

async function readPage(bucketId: string, prefix: string, token: string | null): Promise<ObjectPage> {
  const search = new URLSearchParams({ prefix });
  if (token) search.set("token", token);
  const response = await fetch(`/api/objects/${encodeURIComponent(bucketId)}?${search}`, { cache: "no-store" });
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
  return (await response.json()) as ObjectPage;
}

export function folderQueryOptions(connectionId: string, bucketId: string, prefix: string) {
  return {
    queryKey: objectKeys.folder(connectionId, bucketId, prefix),
    queryFn: ({ pageParam }: { pageParam: string | null }) => readPage(bucketId, prefix, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ObjectPage) => last.nextToken,
  };
}
