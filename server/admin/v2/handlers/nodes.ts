import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation, nodeQuery } from "../define";
import { oncePerEngine, perNode } from "../per-node";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { carportFeatures, garageVersion, hostname } from "../../cluster-state";

/** GetNodeInfo, GetNodeStatistics, CreateMetadataSnapshot, LaunchRepairOperation. */

function nodeInfo(nodeId: string): V2Schema<"LocalGetNodeInfoResponse"> {
  return {
    nodeId,
    garageVersion,
    garageFeatures: carportFeatures,
    rustVersion: `node ${process.version}`,
    dbEngine: "SQLite3 (using better-sqlite3)",
    hostname: hostname(),
  };
}

/**
 * A volume's statistics. The metadata database is shared by every volume: its tables
 * have no Merkle trees (merkle figures are 0), the insert queue is the writes
 * waiting for the next group commit and the block_ref table's GC queue is the block
 * collector's. The block figures are the volume's own.
 */
function nodeStatistics(context: AdminRequestContext, nodeId: string): V2Schema<"LocalGetNodeStatisticsResponse"> {
  const statistics = context.admin.engine.maintenance.nodeStatistics(nodeId);
  const tableStats = statistics.tables.map((table) => ({
    tableName: table.name,
    items: table.items,
    merkleItems: 0,
    merkleQueueLen: 0,
    insertQueueLen: statistics.pendingMetadataWrites,
    gcQueueLen: table.name === "block_ref" ? statistics.blocks.collectorQueueLength : 0,
  }));
  const blockManagerStats = {
    rcEntries: statistics.blocks.referencedBlocks,
    resyncQueueLen: statistics.blocks.resyncQueueLength,
    resyncErrors: statistics.blocks.erroredBlocks,
  };
  const volume = statistics.volume;
  const freeform = [
    `Carport ${garageVersion} (embedded engine), ${hostname()}`,
    ...(volume
      ? [`Volume ${volume.id} at ${volume.root}: ${volume.isUp ? "up" : "down"}, ${volume.partitions} partitions`]
      : []),
    `Metadata: ${statistics.metadataSizeBytes} bytes in ${statistics.metadataDir}`,
    "",
    "Table stats:",
    ...tableStats.map((table) => `  ${table.tableName.padEnd(16)} items: ${table.items}`),
    "",
    "Block manager stats:",
    `  number of RC entries: ${blockManagerStats.rcEntries}`,
    `  resync queue: ${blockManagerStats.resyncQueueLen}`,
    `  blocks in error: ${blockManagerStats.resyncErrors}`,
    `  collector queue: ${statistics.blocks.collectorQueueLength}`,
  ].join("\n");
  return { freeform, tableStats, blockManagerStats };
}

async function createSnapshot(context: AdminRequestContext): Promise<null> {
  await context.admin.engine.maintenance.snapshotMetadata();
  return null;
}

const simpleRepairs = [
  "tables",
  "blocks",
  "versions",
  "multipartUploads",
  "blockRefs",
  "blockRc",
  "rebalance",
  "aliases",
  "clearResyncQueue",
  // Carport's own: apply every bucket's lifecycle rules now, as the daily run does.
  "lifecycle",
] as const;
const repairType = z.union([
  z.enum(simpleRepairs),
  z.object({ scrub: z.enum(["start", "pause", "resume", "cancel"]) }),
]);
type RepairType = z.infer<typeof repairType>;

/** Each repair runs as a worker (ListWorkers shows its progress and outcome). */
async function launchRepair(context: AdminRequestContext, repair: RepairType): Promise<null> {
  const engine = context.admin.engine;
  if (typeof repair === "object") {
    await engine.workers.scrub(repair.scrub);
    return null;
  }
  const run = repairWork(context, repair);
  engine.workers.launch(`Repair: ${repair}`, run);
  return null;
}

function repairWork(context: AdminRequestContext, repair: (typeof simpleRepairs)[number]): () => Promise<string[]> {
  const maintenance = context.admin.engine.maintenance;
  switch (repair) {
    case "tables":
      return async () => [`Bucket counters recomputed for ${await maintenance.recountBucketCounters()} buckets`];
    case "blockRefs":
    case "blockRc":
      return async () => [
        `Block reference counts recomputed; ${await maintenance.recountBlockRefs()} blocks found unreferenced and queued for collection`,
      ];
    case "blocks":
      return async () => {
        const { orphansFound, orphansDeleted, missingBlocks } = await maintenance.checkBlocks();
        return [
          `${orphansFound} unreferenced blocks found, ${orphansDeleted} deleted; ${missingBlocks} referenced blocks lacking a copy queued for resync`,
        ];
      };
    case "rebalance":
      return async () => {
        const { copiedBlocks, removedCopies } = await maintenance.rebalance();
        return [
          `${copiedBlocks} blocks copied to the volumes of the current layout; ${removedCopies} copies outside it removed`,
        ];
      };
    case "clearResyncQueue":
      return async () => [`${await maintenance.clearBlockErrors()} block errors cleared`];
    case "lifecycle":
      return async () => {
        const counts = await context.admin.engine.lifecycle.runNow();
        return [
          `${counts.objectsExpired} objects expired, ${counts.noncurrentVersionsExpired} older versions and ${counts.deleteMarkersRemoved} delete markers removed, ${counts.uploadsAborted} unfinished uploads aborted`,
        ];
      };
    case "versions":
    case "multipartUploads":
    case "aliases":
      throw new AdminError(
        "InvalidRequest",
        `Repair '${repair}' does not apply to Carport: versions, uploads and aliases are kept in one transactional database, so they cannot drift apart.`,
      );
  }
}

export const nodeOperations = {
  GetNodeInfo: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, (nodeId) => nodeInfo(nodeId)),
  }),
  GetNodeStatistics: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, (nodeId) => nodeStatistics(context, nodeId)),
  }),
  CreateMetadataSnapshot: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => oncePerEngine(context, query.node, () => createSnapshot(context)),
  }),
  LaunchRepairOperation: defineOperation({
    query: nodeQuery,
    body: z.object({ repairType }),
    handle: (context, { query, body }) =>
      oncePerEngine(context, query.node, () => launchRepair(context, body.repairType)),
  }),
} satisfies Partial<V2OperationTable>;
