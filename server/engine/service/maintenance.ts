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
import { countReferences } from "./restore-scans";
import type { ScrubWorker } from "./scrub";

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
  message: string;
  volumeIds: string[];
}

export interface BlockStatistics {
  /** Blocks with a reference count (Garage's "RC entries"), in the volume's partitions when one is given. */
  referencedBlocks: number;
  /** Blocks recorded in error (ListBlockErrors), those concerning the volume when one is given. */
  erroredBlocks: number;
  /** Blocks waiting for the resync: queued, and not yet checked by a restore scan. */
  resyncQueueLength: number;
  /** Blocks queued for deletion by the collector. */
  collectorQueueLength: number;
  collectorDeletedCount: number;
}

export interface NodeStatistics {
  tables: Array<{ name: TreeName; items: number }>;
  /** Metadata writes waiting for the next group commit. */
  pendingMetadataWrites: number;
  blocks: BlockStatistics;
  /** The volume the figures are for (null: the whole engine). */
  volume: { id: string; root: string; isUp: boolean; partitions: number } | null;
  metadataDir: string;
  metadataSizeBytes: number;
}

export interface PurgeOutcome {
  blocksPurged: number;
  objectsDeleted: number;
  uploadsDeleted: number;
  versionsDeleted: number;
  blockRefsPurged: number;
  /** Block files deleted, per volume. */
  copiesRemovedByVolume: Record<string, number>;
}

/** What the background repairs are doing, for /metrics. */
export interface RepairFigures {
  resyncQueueByVolume: Record<string, number>;
  /** Block copies the resync restored since the engine started. */
  repairedCopies: number;
  rebalance: {
    active: boolean;
    phase: "copy" | "clean" | null;
    partitionsDone: number;
    partitionsTotal: number;
    copiedBlocks: number;
    removedCopies: number;
  };
  scrub: {
    running: boolean;
    checkedBlocks: number;
    corruptBlocks: number;
    corruptionsDetected: number;
    lastCompletedMs: number | null;
  };
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
  scrub: ScrubWorker;
  metadataDir: string;
}

export class MaintenanceService {
  constructor(private readonly deps: MaintenanceDependencies) {}

  /** Blocks in error; with a volume id, those whose copy on that volume is missing or bad. */
  blockErrors(limit: number, volumeId: string | null = null): BlockErrorInfo[] {
    const { db } = this.deps;
    return db
      .range("block_error", { limit })
      .map(([hash, value]) => {
        const error = records.blockError.decode(value);
        return {
          hash,
          refcount: refcount(db, hash),
          errorCount: error.errorCount,
          lastTryMs: error.lastTryMs,
          nextTryMs: error.nextTryMs,
          message: error.message,
          volumeIds: error.volumeIds,
        };
      })
      .filter((error) => concerns(error.volumeIds, volumeId));
  }

  /**
   * What references a block; `held`: whether the volume (when one is given) holds
   * a copy or is placed to, as a Garage node answers only for blocks it stores.
   */
  async blockInfo(
    hash: Buffer,
    volumeId: string | null = null,
  ): Promise<{ refcount: number; versions: BlockVersionRef[]; held: boolean }> {
    const { db, blocks } = this.deps;
    const volume = volumeId === null ? undefined : blocks.volumeById(volumeId);
    const held =
      volumeId === null ||
      blocks.placedVolumes(hash).some((placed) => placed.id === volumeId) ||
      (volume !== undefined && (await volume.has(hash.toString("hex"))));
    return { ...blockInfo(db, hash), held };
  }

  /**
   * Resyncs now the given blocks, or every block in error (with a volume id, those
   * concerning that volume). Returns how many were tried.
   */
  async retryResync(hashesHex: string[] | "allErrored", volumeId: string | null = null): Promise<number> {
    const hashes =
      hashesHex === "allErrored"
        ? this.blockErrors(limits.maxRowsPerTableRead, volumeId).map((error) => error.hash)
        : hashesHex.map((hashHex) => Buffer.from(hashHex, "hex"));
    await this.deps.resync.resyncNow(hashes);
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
      copiesRemovedByVolume: {},
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
      const removedFrom = await blocks.removeCopiesIfUnpinned(hash.toString("hex"), () => true);
      if (removedFrom) outcome.blocksPurged += 1;
      for (const id of removedFrom ?? [])
        outcome.copiesRemovedByVolume[id] = (outcome.copiesRemovedByVolume[id] ?? 0) + 1;
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

  /** Block figures of the engine, or of one volume (its partitions, its errors, its resync queue). */
  blockStatistics(volumeId: string | null = null): BlockStatistics {
    const { db, collector, layout, resync } = this.deps;
    return {
      referencedBlocks:
        volumeId === null ? db.count("block_ref", {}) : countReferences(db, layout.partitionsOf(volumeId)),
      erroredBlocks:
        volumeId === null ? db.count("block_error", {}) : this.blockErrors(limits.maxRowsPerTableRead, volumeId).length,
      resyncQueueLength: resync.queueLength(volumeId),
      collectorQueueLength: collector.queueLength,
      collectorDeletedCount: collector.deletedCount,
    };
  }

  /** The node's statistics; the metadata is shared by every volume, the block figures are the volume's own. */
  nodeStatistics(volumeId: string | null = null): NodeStatistics {
    const { db, blocks, layout, metadataDir } = this.deps;
    const volume = volumeId === null ? undefined : blocks.volumeById(volumeId);
    return {
      tables: treeNames.map((name) => ({ name, items: db.count(name, {}) })),
      pendingMetadataWrites: db.pendingWrites,
      blocks: this.blockStatistics(volumeId),
      volume: volume
        ? {
            id: volume.id,
            root: volume.root,
            isUp: blocks.isUp(volume),
            partitions: layout.partitionsOf(volume.id).length,
          }
        : null,
      metadataDir,
      metadataSizeBytes: db.fileSizeBytes(),
    };
  }

  repairFigures(): RepairFigures {
    const { blocks, resync, rebalance, scrub } = this.deps;
    const moving = rebalance.progress.load();
    const scrubbing = scrub.progress.load();
    return {
      resyncQueueByVolume: Object.fromEntries(
        blocks.volumes.map((volume) => [volume.id, resync.queueLength(volume.id)]),
      ),
      repairedCopies: resync.repairedCopies,
      rebalance: {
        active: moving !== null,
        phase: moving?.phase ?? null,
        partitionsDone: moving ? Math.min(moving.partitionIndex, moving.partitionsTotal) : 0,
        partitionsTotal: moving?.partitionsTotal ?? 0,
        copiedBlocks: moving?.copiedBlocks ?? 0,
        removedCopies: moving?.removedCopies ?? 0,
      },
      scrub: {
        running: scrubbing.running !== null,
        checkedBlocks: scrubbing.running?.checkedBlocks ?? 0,
        corruptBlocks: scrubbing.running?.corruptBlocks ?? 0,
        corruptionsDetected: scrubbing.corruptionsDetected,
        lastCompletedMs: scrubbing.lastCompletedMs,
      },
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

/** Whether an error about these volumes concerns the given one (errors recorded before volumes were named concern all). */
function concerns(volumeIds: string[], volumeId: string | null): boolean {
  return volumeId === null || volumeIds.length === 0 || volumeIds.includes(volumeId);
}
