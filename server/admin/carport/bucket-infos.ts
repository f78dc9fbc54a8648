import type { AdminRequestContext } from "../context";
import { bucketInfo } from "../v2/render";
import type { V2Schema } from "../v2/contract";

/**
 * Carport's own admin endpoint: GetBucketInfo of many buckets in one call, each in Garage's
 * own shape, so the console reads a page of its bucket list (50 buckets' usage) in one
 * request instead of one each. A bucket not found is left out. Garage answers 404 and the
 * console asks bucket by bucket.
 */
export function getBucketInfos(
  context: AdminRequestContext,
  ids: string[],
): { buckets: Array<V2Schema<"GetBucketInfoResponse">> } {
  const engine = context.admin.engine;
  return {
    buckets: [...new Set(ids)].flatMap((id) => {
      const bucket = engine.buckets.get(id);
      return bucket ? [bucketInfo(engine, bucket)] : [];
    }),
  };
}
