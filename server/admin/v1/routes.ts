import type { CompatRoute } from "./table";
import { v1ClusterRoutes } from "./routes-cluster";
import { keyRoutes } from "./routes-keys";
import { bucketRoutes } from "./routes-buckets";
import { v1BucketInfo } from "./translate-buckets";

/** Every `/v1/…` endpoint of Garage 0.9/1.x (`garage-admin-v1.openapi.yml`), in matching order. */
export const v1Routes: readonly CompatRoute[] = [
  ...v1ClusterRoutes,
  ...keyRoutes({ alwaysShowSecret: false }),
  ...bucketRoutes(v1BucketInfo),
];
