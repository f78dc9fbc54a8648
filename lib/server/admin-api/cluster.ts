import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import { buildPicture, type ClusterPicture } from "@/lib/admin-api/cluster";
import { AdminApiError } from "@/lib/admin-api/errors";
import { layoutFromV1, statusFromV1 } from "@/lib/server/admin-api/v1-cluster";
import { supports, type ClusterVersion } from "@/lib/admin-api/version";

/** The cluster picture: GetClusterStatus + GetClusterLayout (or v1's /status + /layout). */
export async function readClusterPicture(connection: Connection, version: ClusterVersion): Promise<ClusterPicture> {
  if (version.apiVersion === "v2") {
    const client = createAdminClient(connection);
    const [status, layout, health] = await Promise.all([
      unwrap(client.GET("/v2/GetClusterStatus", { signal: requestSignal() })),
      unwrap(client.GET("/v2/GetClusterLayout", { signal: requestSignal() })),
      unwrap(client.GET("/v2/GetClusterHealth", { signal: requestSignal() })),
    ]);
    return buildPicture(status, layout, health);
  }
  if (!supports(version, "clusterPicture"))
    throw new AdminApiError(400, "UnsupportedVersion", "This Garage version's status cannot be drawn.");
  const [status, layout] = await Promise.all([readRaw(connection, "/v1/status"), readRaw(connection, "/v1/layout")]);
  return buildPicture(statusFromV1(status), layoutFromV1(layout));
}

/** A GET on an older admin API the generated (v2) client does not describe. */
export async function readRaw(connection: Connection, path: string): Promise<unknown> {
  const response = await fetch(new URL(path, connection.adminUrl), {
    headers: { Authorization: `Bearer ${connection.adminToken}` },
    cache: "no-store",
    signal: requestSignal(),
  }).catch((error: unknown) => {
    throw new AdminApiError(0, "Unreachable", error instanceof Error ? error.message : "fetch failed");
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw AdminApiError.fromResponse(response.status, body);
  return body;
}
