import { queryOptions } from "@tanstack/react-query";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import { bucketKeys } from "./buckets";
import { readJson } from "./read-json";

/**
 * A bucket's policy and ACL, as the bucket page reads them. The key sits under the
 * bucket's, so whatever re-reads a bucket re-reads its access too. The server half is
 * lib/server/resources/bucket-access.
 */
export const bucketAccessKeys = {
  access: (connectionId: string, bucketId: string) => [...bucketKeys.detail(connectionId, bucketId), "access"] as const,
};

export const bucketAccessQuery = (connectionId: string, bucketId: string) =>
  queryOptions({
    queryKey: bucketAccessKeys.access(connectionId, bucketId),
    queryFn: () => readJson<BucketAccessView>(`/api/buckets/${encodeURIComponent(bucketId)}/access`),
  });
