import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import type { ClusterPicture } from "@/lib/admin-api/cluster";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { known, unknown, type Figure, type OverviewFigures, type ZoneCapacity } from "@/lib/admin-api/overview";
import { missingFeatureMessage, supports, type ClusterVersion } from "@/lib/admin-api/version";

/**
 * Statistics, block errors and workers for the Overview. Each figure is read on its own
 * so one failing call leaves the others standing.
 */
export async function readOverviewFigures(
  connection: Connection,
  version: ClusterVersion,
  picture: ClusterPicture,
): Promise<OverviewFigures> {
  const zones = zoneCapacities(picture);
  if (!supports(version, "statistics")) {
    const note = missingFeatureMessage(version, "statistics");
    return {
      zones,
      buckets: unknown(note),
      objects: unknown(note),
      objectBytes: unknown(note),
      blockErrors: unknown(missingFeatureMessage(version, "blockErrors")),
      workers: unknown(missingFeatureMessage(version, "workers")),
    };
  }
  const client = createAdminClient(connection);
  const [statistics, blockErrors, workers] = await Promise.allSettled([
    unwrap(client.GET("/v2/GetClusterStatistics", { signal: requestSignal() })),
    unwrap(client.GET("/v2/ListBlockErrors", { params: { query: { node: "*" } }, signal: requestSignal() })),
    // "self": the answering node's own workers; summing "*" would count a shared process once per volume.
    unwrap(client.POST("/v2/ListWorkers", { params: { query: { node: "self" } }, body: {}, signal: requestSignal() })),
  ]);
  const stats = statistics.status === "fulfilled" ? statistics.value : null;
  const statsNote =
    statistics.status === "rejected"
      ? describe(statistics.reason)
      : "Not reported by this Garage version (numeric statistics came in v2.3).";
  return {
    zones,
    buckets: numeric(stats?.bucketCount, statsNote),
    objects: numeric(stats?.totalObjectCount, statsNote),
    objectBytes: numeric(stats?.totalObjectBytes, statsNote),
    // The same block can fail on several nodes: count distinct hashes.
    blockErrors:
      blockErrors.status === "fulfilled"
        ? known(
            new Set(
              Object.values(blockErrors.value.success)
                .flat()
                .map((error) => error.blockHash),
            ).size,
          )
        : unknown(describe(blockErrors.reason)),
    workers:
      workers.status === "fulfilled"
        ? known(countWorkers(Object.values(workers.value.success).flat()))
        : unknown(describe(workers.reason)),
  };
}

function countWorkers(list: Array<{ state: unknown; consecutiveErrors: number }>): {
  running: number;
  total: number;
  failing: number;
} {
  const running = list.filter(
    (worker) => worker.state === "busy" || (typeof worker.state === "object" && worker.state !== null),
  ).length;
  return { running, total: list.length, failing: list.filter((worker) => worker.consecutiveErrors > 0).length };
}

function numeric(value: number | null | undefined, note: string): Figure<number> {
  return typeof value === "number" ? known(value) : unknown(note);
}

function describe(error: unknown): string {
  return error instanceof AdminApiError ? humanMessage(error) : "The cluster's answer was not understood.";
}

/** Used and free bytes per zone (data partitions) beside the layout's capacity. */
export function zoneCapacities(picture: ClusterPicture): ZoneCapacity[] {
  return picture.zones.map((zone) => ({
    zone: zone.name,
    usedBytes: Math.max(0, zone.dataTotalBytes - zone.dataAvailableBytes),
    freeBytes: zone.dataAvailableBytes,
    capacityBytes: zone.capacityBytes,
    usableBytes: zone.usableBytes,
  }));
}
