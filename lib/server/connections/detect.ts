import "server-only";
import { adminRequestTimeoutMs } from "@/lib/server/admin-api/client";
import { AdminApiError, timeoutCode, unreachableCode } from "@/lib/admin-api/errors";
import { lowestGarageVersion, type ClusterVersion } from "@/lib/admin-api/version";
import type { Connection } from "@/lib/connections/types";

/**
 * Detects the admin API a cluster speaks: GET /v2/GetClusterStatus (v2, with each
 * node's garageVersion), else /v1/status (0.9–1.x), else /v0/status (0.7–0.8). A
 * refused token or an unreachable cluster is an AdminApiError, never a guess.
 * Results are kept briefly per connection so each page render costs no extra call.
 */
const cacheTtlMs = 60_000;
const globalForVersions = globalThis as typeof globalThis & {
  carportClusterVersions?: Map<string, { version: ClusterVersion; atMs: number }>;
};

const probes = [
  { apiVersion: "v2", path: "/v2/GetClusterStatus" },
  { apiVersion: "v1", path: "/v1/status" },
  { apiVersion: "v0", path: "/v0/status" },
] as const;

export async function detectClusterVersion(connection: Connection): Promise<ClusterVersion> {
  const cache = (globalForVersions.carportClusterVersions ??= new Map());
  const cacheKey = `${connection.id}\n${connection.adminUrl}`;
  const cached = cache.get(cacheKey);
  if (cached && Date.now() - cached.atMs < cacheTtlMs) return cached.version;
  const version = await probeClusterVersion(connection);
  cache.set(cacheKey, { version, atMs: Date.now() });
  return version;
}

/** Forgets what was detected, e.g. after a connection is removed. */
export function forgetClusterVersion(connectionId: string): void {
  const cache = globalForVersions.carportClusterVersions;
  for (const key of cache?.keys() ?? []) if (key.startsWith(`${connectionId}\n`)) cache?.delete(key);
}

export async function probeClusterVersion(
  connection: Pick<Connection, "adminUrl" | "adminToken">,
): Promise<ClusterVersion> {
  let lastStatus = 0;
  for (const probe of probes) {
    const response = await probeFetch(new URL(probe.path, connection.adminUrl), connection.adminToken);
    if (response.ok)
      return {
        apiVersion: probe.apiVersion,
        garageVersion: garageVersionOf(probe.apiVersion, await response.json().catch(() => null)),
      };
    const body: unknown = await response.json().catch(() => null);
    // A refused token is the same answer on every version: no point trying older ones.
    // Garage says 403 AccessDenied for a wrong token as for a missing scope; at this door
    // (GetClusterStatus, the first call any console makes) it means the token is refused.
    if (response.status === 401 || response.status === 403)
      throw new AdminApiError(
        response.status,
        "Unauthorized",
        AdminApiError.fromResponse(response.status, body).message,
      );
    lastStatus = response.status;
  }
  throw new AdminApiError(
    lastStatus,
    "UnsupportedApi",
    "The address answers, but not as a Garage admin API (no /v2, /v1 or /v0 status).",
  );
}

async function probeFetch(url: URL, token: string): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      cache: "no-store",
      signal: AbortSignal.timeout(adminRequestTimeoutMs),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError")
      throw new AdminApiError(0, timeoutCode, `no answer within ${adminRequestTimeoutMs} ms`);
    throw new AdminApiError(0, unreachableCode, error instanceof Error ? error.message : "fetch failed");
  }
}

/** v2: the lowest of nodes[].garageVersion; v1/v0: the answering node's garageVersion. */
function garageVersionOf(apiVersion: ClusterVersion["apiVersion"], body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  if (apiVersion === "v2" && "nodes" in body && Array.isArray(body.nodes)) {
    return lowestGarageVersion(
      body.nodes.map((node: unknown) =>
        typeof node === "object" && node !== null && "garageVersion" in node && typeof node.garageVersion === "string"
          ? node.garageVersion
          : null,
      ),
    );
  }
  return "garageVersion" in body && typeof body.garageVersion === "string" ? body.garageVersion : null;
}
