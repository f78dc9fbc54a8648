import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineOperation, nodeQuery } from "../define";
import { perNode } from "../per-node";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { carportFeatures, garageVersion, hostname } from "../../cluster-state";
import { treeNames } from "../../../engine/metadata/store";
import {
  checkReferencedBlocks,
  rebalanceBlocks,
  recountBlockRefs,
  recountBucketCounters,
} from "../../../engine/service/block-maintenance";

/** GetNodeInfo, GetNodeStatistics, CreateMetadataSnapshot, LaunchRepairOperation. */

function nodeInfo(context: AdminRequestContext) {
  return {
    nodeId: context.admin.engine.blocks.volumes[0]?.id ?? "",
    garageVersion,
    garageFeatures: carportFeatures,
    rustVersion: `node ${process.version}`,
    dbEngine: "SQLite3 (using better-sqlite3)",
    hostname: hostname(),
  };
}

function nodeStatistics(context: AdminRequestContext) {
  const { db, collector } = context.admin.engine;
  const tableStats = treeNames.map((tree) => ({
    tableName: tree,
    items: db.count(tree, {}),
    merkleItems: 0,
    merkleQueueLen: 0,
    insertQueueLen: 0,
    gcQueueLen: 0,
  }));
  const blockManagerStats = {
    rcEntries: db.count("block_ref", {}),
    resyncQueueLen: db.count("block_error", {}),
    resyncErrors: db.count("block_error", {}),
  };
  const freeform = [
    `Carport ${garageVersion} (embedded engine), ${hostname()}`,
    `Metadata: ${db.fileSizeBytes()} bytes in ${context.admin.engine.config.metadataDir}`,
    "",
    "Table stats:",
    ...tableStats.map((table) => `  ${table.tableName.padEnd(16)} items: ${table.items}`),
    "",
    "Block manager stats:",
    `  number of RC entries: ${blockManagerStats.rcEntries}`,
    `  blocks in error: ${blockManagerStats.resyncErrors}`,
    `  collector queue: ${collector.queueLength}`,
  ].join("\n");
  return { freeform, tableStats, blockManagerStats };
}

async function createSnapshot(context: AdminRequestContext): Promise<null> {
  const directory = path.join(context.admin.engine.config.metadataDir, "snapshots");
  await fs.promises.mkdir(directory, { recursive: true });
  await context.admin.engine.db.snapshot(path.join(directory, `${new Date().toISOString().replace(/[:.]/g, "-")}.db`));
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
  const engine = context.admin.engine;
  switch (repair) {
    case "tables":
      return async () => [`Bucket counters recomputed for ${await recountBucketCounters(engine.db)} buckets`];
    case "blockRefs":
    case "blockRc":
      return async () => {
        const unreferenced = await recountBlockRefs(engine.db);
        engine.collector.enqueue(unreferenced);
        return [
          `Block reference counts recomputed; ${unreferenced.length} blocks found unreferenced and queued for collection`,
        ];
      };
    case "blocks":
      return async () => {
        const orphans = await engine.collector.scanForOrphans();
        const deleted = await engine.collector.collectDue();
        const missing = await checkReferencedBlocks(engine.db, engine.blocks);
        return [
          `${orphans} unreferenced blocks found, ${deleted} deleted; ${missing} referenced blocks missing everywhere (see ListBlockErrors)`,
        ];
      };
    case "rebalance":
      return async () => {
        const { movedBlocks, failedBlocks } = await rebalanceBlocks(engine.db, engine.blocks);
        if (failedBlocks === 0) await engine.layout.markAllSynced();
        return [
          `${movedBlocks} blocks moved to the volumes of the current layout; ${failedBlocks} could not be placed`,
        ];
      };
    case "clearResyncQueue":
      return async () => {
        const hashes = engine.db.range("block_error", { limit: 1_000_000 }).map(([hash]) => hash);
        await engine.db.write((tx) => hashes.forEach((hash) => tx.delete("block_error", hash)));
        return [`${hashes.length} block errors cleared`];
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
};
