/**
 * The buckets' query key factory, apart from the query options (buckets.ts): a page that only
 * invalidates buckets (the object browser) does not carry their fetchers.
 */
export const bucketKeys = {
  all: ["buckets"] as const,
  list: (connectionId: string) => [...bucketKeys.all, connectionId, "list"] as const,
  detail: (connectionId: string, bucketId: string) => [...bucketKeys.all, connectionId, "detail", bucketId] as const,
};
