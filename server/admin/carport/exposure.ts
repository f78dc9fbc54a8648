import type { AdminRequestContext } from "../context";

/**
 * Carport's own admin endpoint, beside Garage's (whose shapes stay Garage's): which
 * buckets a bucket policy or an ACL opens to the public, so the console can mark
 * them in every list with one call. A Garage cluster answers 404, and has no such buckets.
 */

export interface BucketExposure {
  id: string;
  /** Anyone may reach the bucket through its policy or its ACL (as the public access block leaves them). */
  public: boolean;
  publicByPolicy: boolean;
  publicByAcl: boolean;
}

export function listBucketExposure(context: AdminRequestContext): { buckets: BucketExposure[] } {
  const engine = context.admin.engine;
  return {
    buckets: engine.buckets.list().map((bucket) => {
      const status = engine.access.publicStatus(bucket.id);
      return {
        id: bucket.id,
        public: status.policy || status.acl,
        publicByPolicy: status.policy,
        publicByAcl: status.acl,
      };
    }),
  };
}
