import "server-only";
import type { Connection } from "@/lib/server/connections";
import { AdminApiError, unreachableCode } from "@/lib/admin-api/errors";
import { requestSignal } from "./client";

/**
 * Which buckets are public (a policy or an ACL opens them), from Carport's own admin
 * endpoint, in one call for a whole list. A Garage cluster has no such endpoint (404)
 * and no policies or ACLs either: none of its buckets is public this way.
 */
export async function publicBucketIds(connection: Connection): Promise<Set<string>> {
  let response: Response;
  try {
    response = await fetch(`${connection.adminUrl}/carport/v1/ListBucketExposure`, {
      headers: { Authorization: `Bearer ${connection.adminToken}` },
      cache: "no-store",
      signal: requestSignal(),
    });
  } catch (error) {
    throw new AdminApiError(0, unreachableCode, error instanceof Error ? error.message : "fetch failed");
  }
  if (response.status === 404) return new Set();
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw AdminApiError.fromResponse(response.status, body);
  const buckets = typeof body === "object" && body !== null && "buckets" in body ? body.buckets : null;
  if (!Array.isArray(buckets)) return new Set();
  return new Set(
    buckets.flatMap((item: unknown) =>
      typeof item === "object" && item !== null && "id" in item && "public" in item && item.public === true
        ? [String(item.id)]
        : [],
    ),
  );
}
