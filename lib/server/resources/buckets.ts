import "server-only";
import { bucketListQuery, bucketQuery } from "@/lib/resources/buckets";
import { getScopedBucket, listScopedBuckets } from "@/lib/server/tenancy/buckets-read";
import { defineRead } from "./define-read";

/**
 * Buckets, read on the server through the caller's scope (a tenant's own, named as it named
 * them; operators all, with their owners): the page's prefetch and /api/buckets use these.
 */
export const bucketList = defineRead({ need: "tenant:read", query: bucketListQuery }, (ctx) =>
  listScopedBuckets(ctx.store, ctx.scope),
);

export const bucketDetail = defineRead({ need: "tenant:read", query: bucketQuery }, (ctx, bucketId: string) =>
  getScopedBucket(ctx.store, ctx.scope, bucketId),
);
