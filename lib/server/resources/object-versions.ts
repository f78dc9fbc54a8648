import "server-only";
import { normalisePrefix } from "@/lib/s3/paths";
import type { VersioningState, VersionPage } from "@/lib/s3/types";
import { InputError } from "@/lib/server/action-errors";
import { assertBucketInScope } from "@/lib/server/tenancy/scope";
import { describeS3Error } from "@/lib/server/s3/errors";
import { bucketVersioning, listVersionsFolder } from "@/lib/server/s3/versions";
import { respond } from "./respond";

/**
 * A folder's versions and a bucket's versioning state, read on the server with the
 * console's own key: /api/objects/<bucket>/versions and /api/buckets/<bucket>/versioning.
 */
const maxParamBytes = 2048;

/** The route's answer for `?prefix=&keyMarker=&versionIdMarker=`. */
export function respondVersionPage(bucketId: string, search: URLSearchParams): Promise<Response> {
  return respond(
    "tenant:read",
    (ctx): Promise<VersionPage> => {
      assertBucketInScope(ctx.store, ctx.scope, bucketId);
      const prefix = normalisePrefix(search.get("prefix"));
      const keyMarker = search.get("keyMarker") || null;
      const versionIdMarker = search.get("versionIdMarker") || null;
      if ([prefix, keyMarker ?? "", versionIdMarker ?? ""].some((value) => value.length > maxParamBytes))
        throw new InputError("The folder or page marker is too long.");
      return listVersionsFolder(ctx.connection, bucketId, prefix, keyMarker ? { keyMarker, versionIdMarker } : null);
    },
    describeS3Error,
  );
}

export function respondVersioning(bucketId: string): Promise<Response> {
  return respond(
    "tenant:read",
    async (ctx): Promise<{ versioning: VersioningState }> => {
      assertBucketInScope(ctx.store, ctx.scope, bucketId);
      return { versioning: await bucketVersioning(ctx.connection, bucketId) };
    },
    describeS3Error,
  );
}
