import fs from "node:fs";
import path from "node:path";
import { type MetadataStore, type TreeName, treeNames } from "../metadata/store";
import { records } from "../metadata/records";
import { limits } from "../../util/limits";
import type { BlockStore } from "../blocks/store";
import type { BlockCollector } from "../blocks/collector";
import type { MultipartService } from "./multipart";
import type { ObjectService } from "./objects";
import type { LayoutService } from "./layout";
import { type BlockVersionRef, backlinks, blockInfo, versionsReferencing } from "./block-references";
import { refOf } from "./version-ids";
import { checkReferencedBlocks, recountBlockRefs, recountBucketCounters, refcount } from "./block-maintenance";
import type { ResyncWorker } from "./resync";
import type { RebalanceOutcome, RebalanceWorker } from "./rebalance";

/**
 * The node's maintenance operations, as Garage's admin API names them: block
 * errors and resyncs, block inspection and purge, repairs, statistics and
 * metadata snapshots. The protocol layers call these; none of them opens the
 * metadata store itself.
 */

export interface BlockErrorInfo {
  hash: Buffer;
  refcount: number;
  errorCount: number;
  lastTryMs: number;
  nextTryMs: number;
}

export interface BlockStatistics {
  /** Blocks with a reference count (Garage's "RC entries"). */
  referencedBlocks: number;
  /** Blocks recorded in error: missing or corrupt on every volume that should hold them. */
  erroredBlocks: number;
  /** Blocks queued for deletion by the collector. */
  collectorQueueLength: number;
  collectorDeletedCount: number;
}

export interface NodeStatistics {
  tables: Array<{ name: TreeName; items: number }>;
  blocks: BlockStatistics;
  metadataDir: string;
  metadataSizeBytes: number;
}

export interface PurgeOutcome {
  blocksPurged: number;
  objectsDeleted: number;
  uploadsDeleted: number;
  versionsDeleted: number;
  blockRefsPurged: number;
}

export interface BlockCheckOutcome {
  orphansFound: number;
  orphansDeleted: number;
  /** Referenced blocks an up volume of their placement lacks (queued for resync). */
  missingBlocks: number;
}

export interface MaintenanceDependencies {
  db: MetadataStore;
  blocks: BlockStore;
  collector: BlockCollector;
  objects: ObjectService;
  multipart: MultipartService;
  layout: LayoutService;
  resync: ResyncWorker;
  rebalance: RebalanceWorker;
  metadataDir: string;
}

export class MaintenanceService {
  constructor(private readonly deps: MaintenanceDependencies) {}

  blockErrors(limit: number): BlockErrorInfo[] {
    const { db } = this.deps;
    return db.range("block_error", { limit }).map(([hash, value]) => {
      const error = records.blockError.decode(value);
      return {
        hash,
        refcount: refcount(db, hash),
        errorCount: error.errorCount,
        lastTryMs: error.lastTryMs,
        nextTryMs: error.nextTryMs,
      };
    });
  }

  blockInfo(hash: Buffer): { refcount: number; versions: BlockVersionRef[] } {
    return blockInfo(this.deps.db, hash);
  }

  /** Retries the resync of the given blocks, or of every block in error, now. Returns how many were tried. */
  async retryResync(hashesHex: string[] | "allErrored"): Promise<number> {
    const { db, resync } = this.deps;
    const hashes =
      hashesHex === "allErrored"
        ? db.range("block_error", { limit: limits.maxRowsPerTableRead }).map(([hash]) => hash)
        : hashesHex.map((hashHex) => Buffer.from(hashHex, "hex"));
    await resync.resyncNow(hashes);
    return hashes.length;
  }

  /** Empties the resync queue and forgets every block error (repair "clearResyncQueue"). Returns how many errors. */
  async clearBlockErrors(): Promise<number> {
    const { db, resync } = this.deps;
    await resync.queue.clear();
    const hashes = db.range("block_error", { limit: limits.maxRowsPerTableRead }).map(([hash]) => hash);
    await db.write((tx) => hashes.forEach((hash) => tx.delete("block_error", hash)));
    return hashes.length;
  }

  /** Deletes every object and upload that references one of the blocks, then the blocks themselves. */
  async purgeBlocks(hashes: Buffer[]): Promise<PurgeOutcome> {
    const { db, blocks, objects, multipart } = this.deps;
    const outcome: PurgeOutcome = {
      blocksPurged: 0,
      objectsDeleted: 0,
      uploadsDeleted: 0,
      versionsDeleted: 0,
      blockRefsPurged: 0,
    };
    const byHash = versionsReferencing(db, new Set(hashes.map((hash) => hash.toString("hex"))));
    const versionIds = [...new Map([...byHash.values()].flat().map((id) => [id.toString("hex"), id])).values()];
    for (const link of backlinks(db, versionIds).values()) {
      if (link.kind === "object" && (await objects.delete(link.bucketId, link.key, refOf(link.version))).version)
        outcome.objectsDeleted += 1;
      if (link.kind === "upload") {
        await multipart.abortUpload(link.upload);
        outcome.uploadsDeleted += 1;
      }
      outcome.versionsDeleted += 1;
    }
    for (const hash of hashes) {
      const hadRef = await db.write((tx) => {
        const existed = tx.get("block_ref", hash) !== undefined;
        tx.delete("block_ref", hash);
        tx.delete("block_error", hash);
        return existed;
      });
      if (hadRef) outcome.blockRefsPurged += 1;
      if (await blocks.removeIfUnpinned(hash.toString("hex"), () => true)) outcome.blocksPurged += 1;
    }
    return outcome;
  }

  /** Recomputes every bucket's counters (repair "tables"). Returns how many buckets were counted. */
  recountBucketCounters(): Promise<number> {
    return recountBucketCounters(this.deps.db);
  }

  /** Recomputes block reference counts and queues the unreferenced blocks (repair "blockRc"). Returns how many. */
  async recountBlockRefs(): Promise<number> {
    const unreferenced = await recountBlockRefs(this.deps.db);
    this.deps.collector.enqueue(unreferenced);
    return unreferenced.length;
  }

  /** Collects blocks nothing references and resyncs referenced ones that are missing (repair "blocks"). */
  async checkBlocks(): Promise<BlockCheckOutcome> {
    const { db, blocks, collector } = this.deps;
    const orphansFound = await collector.scanForOrphans();
    const orphansDeleted = await collector.collectDue();
    const missingBlocks = await checkReferencedBlocks(db, blocks, (hash, volumeIds) =>
      this.deps.resync.enqueue(hash, 0, volumeIds),
    );
    return { orphansFound, orphansDeleted, missingBlocks };
  }

  /**
   * Repair "rebalance": the rebalance worker copies every block to every volume of
   * its current placement, then removes the copies outside it. Resolves when done.
   */
  rebalance(): Promise<RebalanceOutcome> {
    return this.deps.rebalance.runFull();
  }

  blockStatistics(): BlockStatistics {
    const { db, collector } = this.deps;
    return {
      referencedBlocks: db.count("block_ref", {}),
      erroredBlocks: db.count("block_error", {}),
      collectorQueueLength: collector.queueLength,
      collectorDeletedCount: collector.deletedCount,
    };
  }

  nodeStatistics(): NodeStatistics {
    const { db, metadataDir } = this.deps;
    return {
      tables: treeNames.map((name) => ({ name, items: db.count(name, {}) })),
      blocks: this.blockStatistics(),
      metadataDir,
      metadataSizeBytes: db.fileSizeBytes(),
    };
  }

  /** Writes a consistent copy of the metadata database under `<metadataDir>/snapshots`. Returns its path. */
  async snapshotMetadata(nowMs: number = Date.now()): Promise<string> {
    const directory = path.join(this.deps.metadataDir, "snapshots");
    await fs.promises.mkdir(directory, { recursive: true });
    const file = path.join(directory, `${new Date(nowMs).toISOString().replace(/[:.]/g, "-")}.db`);
    await this.deps.db.snapshot(file);
    return file;
  }
}
