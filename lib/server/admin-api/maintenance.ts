import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import { AdminApiError } from "@/lib/admin-api/errors";
import {
  isRepairWorker,
  mergeBlockErrors,
  toWorkerView,
  type LaunchableRepair,
  type MaintenanceData,
} from "@/lib/admin-api/maintenance";

/** Background repairs on every node (v2): read the workers and block errors, retry, purge, launch. */

const everyNode = { node: "*" } as const;

export async function readMaintenance(connection: Connection): Promise<MaintenanceData> {
  const client = createAdminClient(connection);
  const [workers, errors] = await Promise.all([
    unwrap(client.POST("/v2/ListWorkers", { params: { query: everyNode }, body: {}, signal: requestSignal() })),
    unwrap(client.GET("/v2/ListBlockErrors", { params: { query: everyNode }, signal: requestSignal() })),
  ]);
  const unreachable = new Map([...Object.entries(workers.error), ...Object.entries(errors.error)]);
  return {
    nodes: Object.entries(workers.success)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([nodeId, list]) => ({
        nodeId,
        workers: list.filter((worker) => isRepairWorker(worker.name)).map(toWorkerView),
      })),
    blockErrors: mergeBlockErrors(errors.success),
    unreachable: [...unreachable].map(([nodeId, message]) => ({ nodeId, message })),
  };
}

/** Every node's answer must be a success; the first failure is the error shown. */
function requireAll(answer: { error: Record<string, string> }, what: string): void {
  const [failed] = Object.entries(answer.error);
  if (failed)
    throw new AdminApiError(500, "NodeFailed", `${what} failed on node ${failed[0].slice(0, 16)}: ${failed[1]}`);
}

export async function retryBlocks(connection: Connection, hashes: string[] | "all"): Promise<number> {
  const body = hashes === "all" ? { all: true } : { blockHashes: hashes };
  const answer = await unwrap(
    createAdminClient(connection).POST("/v2/RetryBlockResync", {
      params: { query: everyNode },
      body,
      signal: requestSignal(),
    }),
  );
  requireAll(answer, "The retry");
  return Math.max(0, ...Object.values(answer.success).map((result) => result.count));
}

/** Deletes the objects that reference the blocks, then the blocks (Garage's PurgeBlocks). */
export async function purgeBlocks(connection: Connection, hashes: string[]): Promise<{ objectsDeleted: number }> {
  const answer = await unwrap(
    createAdminClient(connection).POST("/v2/PurgeBlocks", {
      params: { query: everyNode },
      body: hashes,
      signal: requestSignal(),
    }),
  );
  requireAll(answer, "The purge");
  const objectsDeleted = Object.values(answer.success).reduce((sum, result) => sum + result.objectsDeleted, 0);
  return { objectsDeleted };
}

export async function launchRepair(connection: Connection, repair: LaunchableRepair): Promise<void> {
  const repairType = repair === "scrub" ? { scrub: "start" as const } : repair;
  const answer = await unwrap(
    createAdminClient(connection).POST("/v2/LaunchRepairOperation", {
      params: { query: everyNode },
      body: { repairType },
      signal: requestSignal(),
    }),
  );
  requireAll(answer, "The repair");
}
