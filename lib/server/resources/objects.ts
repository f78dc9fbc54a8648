import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { AdminApiError } from "@/lib/admin-api/errors";
import { folderQuery } from "@/lib/resources/objects";
import { normalisePrefix } from "@/lib/s3/paths";
import type { BrowsedBucket, ObjectPage } from "@/lib/s3/types";
import { InputError } from "@/lib/server/action-errors";
import type { ConsoleContext } from "@/lib/server/context";
import { assertBucketInScope } from "@/lib/server/tenancy/scope";
import { openBucket } from "@/lib/server/s3/bucket-access";
import { describeS3Error } from "@/lib/server/s3/errors";
import { listFolder } from "@/lib/server/s3/objects";
import { respond } from "./respond";

/**
 * A bucket's folders, read on the server with the console's own key: the page's
 * prefetch of the first page and /api/objects/<bucket> for the next ones.
 */
const maxParamBytes = 2048;

/** One page of a folder; `token` is S3's continuation token. */
export function readFolderPage(
  ctx: ConsoleContext,
  bucketId: string,
  prefix: string,
  token: string | null,
): Promise<ObjectPage> {
  assertBucketInScope(ctx.store, ctx.scope, bucketId);
  return listFolder(ctx.connection, bucketId, prefix, token);
}

/** Grants the console key access for browsing; null when the cluster knows no such bucket. */
export async function openBrowsedBucket(ctx: ConsoleContext, bucketId: string): Promise<BrowsedBucket | null> {
  // Another tenant's bucket is not there, exactly as a missing one.
  if (ctx.scope.kind === "tenant" && ctx.store.tenants.bucketOwner(bucketId)?.tenantId !== ctx.scope.tenant.id)
    return null;
  try {
    const { id, name, grantedNow } = await openBucket(ctx.connection, bucketId);
    return { id, name, consoleKeyGrantedNow: grantedNow };
  } catch (error) {
    const missing =
      error instanceof AdminApiError && (error.code === "NoSuchBucket" || error.status === 404 || error.status === 400);
    if (missing) return null;
    throw error;
  }
}

export function prefetchFolder(
  queryClient: QueryClient,
  ctx: ConsoleContext,
  bucketId: string,
  prefix: string,
): Promise<void> {
  return queryClient.prefetchInfiniteQuery({
    ...folderQuery(ctx.connection.id, bucketId, prefix),
    queryFn: ({ pageParam }) => readFolderPage(ctx, bucketId, prefix, pageParam),
  });
}

/** The route's answer for `?prefix=&token=`; S3 refusals get their own sentences. */
export function respondFolderPage(bucketId: string, search: URLSearchParams): Promise<Response> {
  return respond(
    "tenant:read",
    (ctx) => {
      const prefix = normalisePrefix(search.get("prefix"));
      const token = search.get("token") || null;
      if (prefix.length > maxParamBytes || (token?.length ?? 0) > maxParamBytes)
        throw new InputError("The folder or page token is too long.");
      return readFolderPage(ctx, bucketId, prefix, token);
    },
    describeS3Error,
  );
}
