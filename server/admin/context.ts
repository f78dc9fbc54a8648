import type { Engine } from "../engine/engine";
import type { EngineSecrets } from "../secrets";
import type { RequestMetrics } from "../http/metrics";
import type { AdminTokenRecord } from "../engine/service/admin-tokens";

/** What the admin listener is built with (see server/start.ts). */
export interface AdminContext {
  engine: Engine;
  secrets: EngineSecrets;
  metrics: RequestMetrics;
  /** true: /metrics needs the metrics or admin token even when no metrics token is configured. */
  metricsRequireToken: boolean;
  /** The S3 region, shown in error bodies as Garage does. */
  region: string;
  /** Root domains under which /check recognises `<bucket><root>`: the website's, then the S3 API's. */
  rootDomains: Array<string | null>;
}

/** Who made the request: the configured admin token, or a v2 admin token with its scope. */
export type AdminCaller = { kind: "root" } | { kind: "token"; token: AdminTokenRecord };

/** One authenticated admin request. */
export interface AdminRequestContext {
  admin: AdminContext;
  caller: AdminCaller;
  /** The request path, shown in error bodies. */
  path: string;
}
