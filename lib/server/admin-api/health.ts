import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import { readRaw } from "@/lib/server/admin-api/cluster";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { HealthSummary } from "@/lib/admin-api/health";
import { parseClusterHealth } from "@/lib/admin-api/health-api";
import type { ApiVersion } from "@/lib/admin-api/version";

/**
 * Reads GET /health and GetClusterHealth. Health is the one read where failure is a
 * state to show, so errors become the summary's `error` instead of being thrown.
 */
export async function readHealthSummary(connection: Connection, apiVersion: ApiVersion = "v2"): Promise<HealthSummary> {
  const client = createAdminClient(connection);
  // v1 answers GET /v1/health with the same fields (storageNodesOk instead of storageNodesUp).
  const clusterHealth =
    apiVersion === "v2"
      ? unwrap(client.GET("/v2/GetClusterHealth", { signal: requestSignal() }))
      : readRaw(connection, `/${apiVersion}/health`);
  const [endpoint, cluster] = await Promise.allSettled([
    client.GET("/health", { parseAs: "text", signal: requestSignal() }),
    clusterHealth.then(parseClusterHealth),
  ]);
  const failure = cluster.status === "rejected" ? cluster.reason : null;
  return {
    connectionId: connection.id,
    checkedAtMs: Date.now(),
    endpointOk: endpoint.status === "fulfilled" && endpoint.value.response.ok,
    cluster: cluster.status === "fulfilled" ? cluster.value : null,
    error: failure === null ? null : describe(failure),
  };
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof AdminApiError) return { code: error.code, message: error.message };
  // A response that is not Garage's shape; don't leak parser internals to the page.
  return { code: "InvalidResponse", message: "The cluster's health answer was not understood." };
}
