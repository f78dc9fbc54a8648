import "server-only";
import { isConsoleKey } from "@/lib/server/s3/console-key";
import {
  type BucketPageRequest,
  bucketListQuery,
  bucketPageQuery,
  bucketQuery,
  firstBucketPage,
} from "@/lib/resources/buckets";
import { InputError } from "@/lib/server/action-errors";
import { getScopedBucket, listScopedBuckets } from "@/lib/server/tenancy/buckets-read";
import { pageScopedBuckets } from "@/lib/server/tenancy/bucket-pages";
import { defineRead } from "./define-read";
import { routeError } from "./respond";

/**
 * Buckets, read on the server through the caller's scope (a tenant's own, named as it named
 * them; operators all, with their owners): the page's prefetch and /api/buckets use these.
 */
export const bucketList = defineRead({ need: "tenant:read", query: bucketListQuery }, (ctx) =>
  listScopedBuckets(ctx.store, ctx.scope),
);

/** The Buckets page's table, a page at a time (lib/server/tenancy/bucket-pages). */
export const bucketPage = defineRead(
  { need: "tenant:read", query: bucketPageQuery },
  (ctx, request: BucketPageRequest) => pageScopedBuckets(ctx.store, ctx.scope, request),
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

const maxPage = 1_000_000;
const maxQueryChars = 256;

function pageRequest(search: URLSearchParams): BucketPageRequest {
  const page = Number(search.get("page") ?? "0");
  const query = search.get("query") ?? firstBucketPage.query;
  const owner = search.get("owner") ?? firstBucketPage.owner;
  if (!Number.isInteger(page) || page < 0 || page > maxPage) throw new InputError("The page is not a page number.");
  if (query.length > maxQueryChars || owner.length > maxQueryChars)
    throw new InputError("The search or the tenant filter is too long.");
  return { page, query, owner };
}

/** GET /api/buckets: with `page` one page of the table, else the whole list (the copy dialog's targets). */
export function respondBuckets(search: URLSearchParams): Promise<Response> {
  if (!search.has("page")) return bucketList.respond();
  let request: BucketPageRequest;
  try {
    request = pageRequest(search);
  } catch (error) {
    return Promise.resolve(routeError(error));
  }
  return bucketPage.respond(request);
}
