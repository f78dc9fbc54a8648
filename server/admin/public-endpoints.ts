import type http from "node:http";
import type { AdminContext } from "./context";
import { mayReadMetrics } from "./auth";
import { sendJson, sendText } from "./respond";
import { clusterFacts, clusterHealth } from "./cluster-state";
import { engineMetrics } from "./metrics";

/** The endpoints that need no admin token: /health, /check, /metrics (its own token). */

interface Served {
  status: number;
  sentBytes: number;
}

export async function serveHealth(context: AdminContext, res: http.ServerResponse): Promise<Served> {
  const health = clusterHealth(await clusterFacts(context.engine), context.engine.config.consistencyMode);
  const [status, text] =
    health.status === "healthy"
      ? [200, "Garage is fully operational"]
      : health.status === "degraded"
        ? [200, "Garage is operational but some storage nodes are unavailable"]
        : [503, "Quorum is not available for some/all partitions, reads and writes will fail"];
  return { status, sentBytes: sendText(res, status, `${text}\n`) };
}

/**
 * Garage's on-demand TLS check: 200 when the domain is a bucket with website access
 * (by global alias, or `<bucket><root_domain>` of the web or S3 endpoint).
 */
export function serveCheck(context: AdminContext, res: http.ServerResponse, url: URL): Served {
  const domain = url.searchParams.get("domain");
  if (!domain) {
    const status = 400;
    return {
      status,
      sentBytes: sendJson(res, status, {
        code: "InvalidRequest",
        message: "No domain query string found",
        region: context.region,
        path: "/check",
      }),
    };
  }
  const name = bucketNameOfDomain(context, domain.toLowerCase());
  const bucketId = context.engine.buckets.globalAliasTarget(name);
  const bucket = bucketId ? context.engine.buckets.get(bucketId) : null;
  if (bucket?.website) return { status: 200, sentBytes: sendText(res, 200, `Domain '${domain}' is managed by Garage`) };
  const status = 400;
  return { status, sentBytes: sendText(res, status, `Domain '${domain}' is not managed by Garage`) };
}

function bucketNameOfDomain(context: AdminContext, domain: string): string {
  for (const root of context.rootDomains) {
    if (root && domain.endsWith(root) && domain.length > root.length) return domain.slice(0, -root.length);
  }
  return domain;
}

export async function serveMetrics(
  context: AdminContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<Served> {
  if (!mayReadMetrics(context, req.headers.authorization)) {
    const status = 403;
    return {
      status,
      sentBytes: sendJson(res, status, {
        code: "AccessDenied",
        message: "Forbidden: Invalid or missing metrics token",
        region: context.region,
        path: "/metrics",
      }),
    };
  }
  const text = context.metrics.renderPrometheus() + (await engineMetrics(context.engine));
  return { status: 200, sentBytes: sendText(res, 200, text, "text/plain; version=0.0.4") };
}
