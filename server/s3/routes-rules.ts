import type { Route } from "./routes";
import * as cors from "./handlers/bucket-cors";
import * as website from "./handlers/bucket-website";
import * as lifecycle from "./handlers/bucket-lifecycle";

/** CORS, lifecycle and website configuration over S3: the bucket rules Garage's admin API also sets. */

function bucketRow(operation: string, method: string, query: string, handle: Route["handle"]): Route {
  // Garage lets a bucket's owners change its rules; reading them too.
  return { operation, method, scope: "bucket", query: [query], permission: "owner", handle };
}

export const ruleRoutes: readonly Route[] = [
  bucketRow("GetBucketCors", "GET", "cors", cors.getBucketCors),
  bucketRow("PutBucketCors", "PUT", "cors", cors.putBucketCors),
  bucketRow("DeleteBucketCors", "DELETE", "cors", cors.deleteBucketCors),
  bucketRow("GetBucketLifecycleConfiguration", "GET", "lifecycle", lifecycle.getBucketLifecycleConfiguration),
  bucketRow("PutBucketLifecycleConfiguration", "PUT", "lifecycle", lifecycle.putBucketLifecycleConfiguration),
  bucketRow("DeleteBucketLifecycle", "DELETE", "lifecycle", lifecycle.deleteBucketLifecycle),
  bucketRow("GetBucketWebsite", "GET", "website", website.getBucketWebsite),
  bucketRow("PutBucketWebsite", "PUT", "website", website.putBucketWebsite),
  bucketRow("DeleteBucketWebsite", "DELETE", "website", website.deleteBucketWebsite),
];
