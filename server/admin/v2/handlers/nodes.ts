import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation, nodeQuery } from "../define";
import { perNode } from "../per-node";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { carportFeatures, garageVersion, hostname } from "../../cluster-state";

/** GetNodeInfo, GetNodeStatistics, CreateMetadataSnapshot, LaunchRepairOperation. */

function nodeInfo(context: AdminRequestContext): V2Schema<"LocalGetNodeInfoResponse"> {
  return {
    nodeId: context.admin.engine.cluster.nodeIds()[0] ?? "",
    garageVersion,
    garageFeatures: carportFeatures,
    rustVersion: `node ${process.version}`,
    dbEngine: "SQLite3 (using better-sqlite3)",
    hostname: hostname(),
  };
}

function nodeStatistics(context: AdminRequestContext): V2Schema<"LocalGetNodeStatisticsResponse"> {
  const statistics = context.admin.engine.maintenance.nodeStatistics();
  const tableStats = statistics.tables.map((table) => ({
    tableName: table.name,
    items: table.items,
    merkleItems: 0,
    merkleQueueLen: 0,
    insertQueueLen: 0,
    gcQueueLen: 0,
  }));
  const blockManagerStats = {
    rcEntries: statistics.blocks.referencedBlocks,
    resyncQueueLen: statistics.blocks.erroredBlocks,
    resyncErrors: statistics.blocks.erroredBlocks,
  };
  const freeform = [
    `Carport ${garageVersion} (embedded engine), ${hostname()}`,
    `Metadata: ${statistics.metadataSizeBytes} bytes in ${statistics.metadataDir}`,
    "",
    "Table stats:",
    ...tableStats.map((table) => `  ${table.tableName.padEnd(16)} items: ${table.items}`),
    "",
    "Block manager stats:",
    `  number of RC entries: ${blockManagerStats.rcEntries}`,
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
] as const;
const repairType = z.union([
  z.enum(simpleRepairs),
  z.object({ scrub: z.enum(["start", "pause", "resume", "cancel"]) }),
]);
type RepairType = z.infer<typeof repairType>;

/** Each repair runs as a worker (ListWorkers shows its progress and outcome). */
function launchRepair(context: AdminRequestContext, repair: RepairType): null {
  const engine = context.admin.engine;
  if (typeof repair === "object") {
    engine.workers.scrub(repair.scrub);
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
    handle: (context, { query }) => perNode(context, query.node, () => nodeInfo(context)),
  }),
  GetNodeStatistics: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, () => nodeStatistics(context)),
  }),
  CreateMetadataSnapshot: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, () => createSnapshot(context)),
  }),
  LaunchRepairOperation: defineOperation({
    query: nodeQuery,
    body: z.object({ repairType }),
    handle: (context, { query, body }) => perNode(context, query.node, () => launchRepair(context, body.repairType)),
  }),
} satisfies Partial<V2OperationTable>;
