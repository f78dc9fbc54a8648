import "server-only";
import type { ApiRoute } from "./route";
import { bucketRoutes } from "./routes/buckets";
import { keyRoutes } from "./routes/keys";
import { secretRoutes } from "./routes/secrets";
import { tenantRoutes } from "./routes/tenants";
import { userRoutes } from "./routes/users";
import { whoamiRoutes } from "./routes/whoami";

/** Every route of /api/v1, in the order the OpenAPI document lists them. Add a resource by adding its list. */
export const apiRoutes: readonly ApiRoute[] = [
  ...whoamiRoutes,
  ...tenantRoutes,
  ...userRoutes,
  ...bucketRoutes,
  ...keyRoutes,
  ...secretRoutes,
];

export const apiBasePath = "/api/v1";
