import { limits } from "../../util/limits";
import type { MetadataStore } from "../metadata/store";
import type { BlockStore } from "../blocks/store";
import { ResyncQueue, type ResyncEntry } from "../blocks/resync-queue";
import { clearBlockError, recordBlockError } from "./block-maintenance";
import { restoreCopies, type RestoreOutcome } from "./block-repair";
import { countReferences, referencesAfter, RestoreScans, type RestoreScan } from "./restore-scans";
import { Sleeper } from "./sleeper";
import { WorkerStats, type WorkerReport } from "./worker-stats";

/**
 * The block resync worker (Garage's): it takes due blocks from the persistent
 * queue and makes every up volume of their placement hold a good copy; between
 * queue entries it runs the restore scans of volumes that came back. A block it
 * cannot repair is recorded in `block_error` (ListBlockErrors) and queued again
 * after a back-off. Its pace is Garage's tranquility: after each step it sleeps
 * `tranquility` times as long as the step took, so repairs never saturate a disk.
 */

export interface ResyncPlacement {
  /** The partitions the current layout assigns to a volume. */
  partitionsOf(volumeId: string): number[];
}

export class ResyncWorker {
  readonly queue: ResyncQueue;
  readonly scans: RestoreScans;
  readonly stats = new WorkerStats();
  private tranquilityFactor: number = limits.resyncTranquility;
  workerCount = 1;
  repairedCopies = 0;
  private stopped = false;
  private readonly sleeper = new Sleeper();

  /** Garage's tranquility: after each step, sleep this many times as long as the step took. */
  get tranquility(): number {
    return this.tranquilityFactor;
  }

  /** A new pace applies at once, even to a pause already begun. */
  set tranquility(value: number) {
    this.tranquilityFactor = value;
    this.sleeper.wake();
  }
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly placement: ResyncPlacement,
  ) {
    this.queue = new ResyncQueue(db);
    this.scans = new RestoreScans(db);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
  }

  /** Something was queued or a volume came back: look at the work now. */
  notify(): void {
    this.sleeper.wake();
  }

  /** Queues a block (volumeIds: the copies concerned, for per-volume figures). */
  async enqueue(hash: Buffer, delayMs: number, volumeIds: string[]): Promise<void> {
    await this.queue.enqueue(hash, Date.now() + delayMs, volumeIds);
    this.notify();
  }

  /** A copy failed its hash check on read or scrub: shown in ListBlockErrors until repaired. */
  async reportCorruptCopy(hash: Buffer, volumeId: string): Promise<void> {
    const message = `a copy on volume ${volumeId.slice(0, 16)} failed its hash check and was quarantined`;
    await recordBlockError(this.db, hash, { message, volumeIds: [volumeId], retryNow: true });
    await this.enqueue(hash, 0, [volumeId]);
  }

  /** The volume may lack blocks (it was down, or came back empty): scan its partitions from the start. */
  async restoreVolume(volumeId: string): Promise<void> {
    const total = countReferences(this.db, this.placement.partitionsOf(volumeId));
    await this.scans.restart(volumeId, total);
    this.notify();
  }

  /** Resyncs these blocks now; returns how many are whole again. */
  async resyncNow(hashes: Buffer[]): Promise<number> {
    let whole = 0;
    for (const hash of hashes) {
      const outcome = await restoreCopies(this.db, this.blocks, hash, this.blocks.placedVolumes(hash));
      await this.settle(hash, outcome);
      if (outcome.failed.length === 0) whole += 1;
    }
    return whole;
  }

  /** The worker as ListWorkers shows it; with a volume id, only that volume's queue and restore. */
  report(volumeId: string | null = null): WorkerReport {
    const scans = Object.entries(this.scans.all()).filter(([id]) => volumeId === null || id === volumeId);
    const progress = scans.map(
      ([id, scan]) =>
        `restoring volume ${id.slice(0, 16)}: ${Math.min(scan.checkedBlocks, scan.totalBlocks)} of ${scan.totalBlocks} blocks checked, ${scan.restoredBlocks} restored`,
    );
    const queued = volumeId === null ? this.queue.length : this.queuedFor(volumeId);
    return this.stats.report("Block resync", {
      progress: progress.length > 0 ? progress.join("; ") : null,
      queueLength: this.queueLength(volumeId),
      tranquility: this.tranquility,
      freeform: [
        `Blocks in the resync queue: ${queued}`,
        `Copies restored since start: ${this.repairedCopies}`,
        `Resync workers: ${this.workerCount}`,
      ],
    });
  }

  /** Queue entries naming the volume (entries that name none concern every volume of the block's placement). */
  queuedFor(volumeId: string): number {
    return this.queue.lengthByVolume(limits.maxRowsPerTableRead).get(volumeId) ?? 0;
  }

  /** Queue entries plus the blocks restore scans have yet to check (of one volume, or of all). */
  queueLength(volumeId: string | null = null): number {
    const scans = Object.entries(this.scans.all()).filter(([id]) => volumeId === null || id === volumeId);
    const scanning = scans.reduce((sum, [, scan]) => sum + Math.max(0, scan.totalBlocks - scan.checkedBlocks), 0);
    return (volumeId === null ? this.queue.length : this.queuedFor(volumeId)) + scanning;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const worked = (await this.processDue()) || (await this.scanStep());
        if (!worked) await this.idle();
      } catch (error) {
        this.stats.fail(error);
        await this.idle();
      }
    }
  }

  private async idle(): Promise<void> {
    this.stats.state = "idle";
    const nextDueMs = this.queue.nextDueMs();
    const waitMs = Math.max(
      10,
      Math.min(limits.resyncIdleCheckMs, nextDueMs === null ? Infinity : nextDueMs - Date.now()),
    );
    await this.sleeper.sleep(waitMs);
  }

  private async pace(startedMs: number): Promise<void> {
    const pauseMs = (Date.now() - startedMs) * this.tranquility;
    if (!this.stopped) await this.sleeper.sleep(pauseMs);
  }

  private async processDue(): Promise<boolean> {
    const due = this.queue.due(Date.now(), this.workerCount);
    if (due.length === 0) return false;
    this.stats.state = "busy";
    const startedMs = Date.now();
    await Promise.all(due.map((entry) => this.resyncEntry(entry)));
    await this.queue.remove(due);
    await this.pace(startedMs);
    return true;
  }

  private async resyncEntry(entry: ResyncEntry): Promise<void> {
    const outcome = await restoreCopies(this.db, this.blocks, entry.hash, this.blocks.placedVolumes(entry.hash));
    await this.settle(entry.hash, outcome);
  }

  /** Clears the block's error when it is whole again; otherwise records why and queues a retry. */
  private async settle(hash: Buffer, outcome: RestoreOutcome): Promise<void> {
    this.repairedCopies += outcome.copiedTo.length;
    if (outcome.failed.length === 0) {
      this.stats.succeed();
      await clearBlockError(this.db, hash);
      return;
    }
    const message = outcome.failed.map((failure) => `${failure.volumeId.slice(0, 16)}: ${failure.reason}`).join("; ");
    this.stats.fail(new Error(`block ${hash.toString("hex").slice(0, 16)}: ${message}`));
    const volumeIds = outcome.failed.map((failure) => failure.volumeId);
    const retryMs = await recordBlockError(this.db, hash, { message, volumeIds });
    await this.queue.enqueue(hash, retryMs, volumeIds);
  }

  /** One page of the first restore scan whose volume is up. Returns false when no scan can run. */
  private async scanStep(): Promise<boolean> {
    const entry = Object.entries(this.scans.all()).find(([id]) => {
      const volume = this.blocks.volumeById(id);
      return volume !== undefined && this.blocks.isUp(volume);
    });
    if (!entry) return false;
    const [volumeId, scan] = entry;
    const volume = this.blocks.volumeById(volumeId);
    if (!volume) return false;
    this.stats.state = "busy";
    const startedMs = Date.now();
    const page = referencesAfter(
      this.db,
      this.placement.partitionsOf(volumeId),
      scan.afterHex,
      limits.restoreScanPageBlocks,
    );
    const next: RestoreScan = { ...scan };
    let processed = 0;
    for (const hash of page) {
      if (this.stopped || !this.blocks.isUp(volume)) break;
      processed += 1;
      if (!(await volume.has(hash.toString("hex")))) {
        const outcome = await restoreCopies(this.db, this.blocks, hash, [volume]);
        if (outcome.copiedTo.length > 0) next.restoredBlocks += 1;
        await this.settle(hash, outcome);
      }
      next.checkedBlocks += 1;
      next.afterHex = hash.toString("hex");
    }
    const finished = processed === page.length && page.length < limits.restoreScanPageBlocks;
    if (finished) await this.scans.finish(volumeId);
    else await this.scans.save(volumeId, next);
    await this.pace(startedMs);
    return true;
  }
}
