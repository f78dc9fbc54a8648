import "server-only";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import { assertBucketInScope } from "@/lib/server/tenancy/scope";
import { readBucketAccess } from "@/lib/server/s3/bucket-policy";
import { describeAccessError } from "@/lib/server/s3/access-errors";
import { respond } from "./respond";

/** A bucket's policy and ACL, read on the server with the console's key: /api/buckets/<bucket>/access. */
export function respondBucketAccess(bucketId: string): Promise<Response> {
  return respond(
    "tenant:read",
    (ctx): Promise<BucketAccessView> => {
      assertBucketInScope(ctx.store, ctx.scope, bucketId);
      return readBucketAccess(ctx.connection, bucketId);
    },
    describeAccessError,
  );
}
