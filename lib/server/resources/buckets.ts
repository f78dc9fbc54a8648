import "server-only";
import { isConsoleKey } from "@/lib/server/s3/console-key";
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

/** One bucket through the caller's scope, its grants with the console's own key marked (Connect never offers it). */
export const bucketDetail = defineRead({ need: "tenant:read", query: bucketQuery }, async (ctx, bucketId: string) => {
  const isConsole = isConsoleKey(ctx.connection.id);
  const bucket = await getScopedBucket(ctx.store, ctx.scope, bucketId);
  return {
    ...bucket,
    keys: bucket.keys.map((grant) => ({
      ...grant,
      consoleKey: isConsole({ id: grant.accessKeyId, name: grant.name }),
    })),
  };
});
