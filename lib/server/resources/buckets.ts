import "server-only";
import { getBucket, listBuckets } from "@/lib/server/admin-api/buckets";
import { bucketListQuery, bucketQuery } from "@/lib/resources/buckets";
import { defineRead } from "./define-read";

/** Buckets, read on the server: the page's prefetch and /api/buckets use these, and nothing else. */
export const bucketList = defineRead({ need: "cluster:read", query: bucketListQuery }, (ctx) =>
  listBuckets(ctx.connection),
);

export const bucketDetail = defineRead({ need: "cluster:read", query: bucketQuery }, (ctx, bucketId: string) =>
  getBucket(ctx.connection, bucketId),
);
