import { limits } from "../../util/limits";
import type { MetadataStore } from "../metadata/store";
import type { BlockStore } from "../blocks/store";
import type { Volume } from "../blocks/volume";
import { currentLayout, versionStatuses, type LayoutHistory } from "../layout";
import { restoreCopies } from "./block-repair";
import { RebalanceProgress, type RebalanceState } from "./rebalance-state";
import { Sleeper } from "./sleeper";
import { WorkerStats, type WorkerReport } from "./worker-stats";

/**
 * The rebalance after a layout change. While an older version is Draining, every
 * partition that gained a volume has its blocks copied there (the copy phase);
 * once every copy is made, every version is marked synced, so the older ones
 * become Historical and writes stop reaching their volumes. Then the copies on
 * volumes that no longer hold a partition are removed (the clean phase), each
 * only once the current placement holds the block. The state is saved after every
 * page, so a restart resumes where it stopped; the pace is the worker's tranquility.
 */

export interface RebalanceLayout {
  history(): LayoutHistory;
  /** Marks every node synced to the current version (older versions become Historical). */
  markAllSynced(): Promise<void>;
}

export interface RebalanceOutcome {
  copiedBlocks: number;
  removedCopies: number;
  failedBlocks: number;
}

export class RebalanceWorker {
  readonly stats = new WorkerStats();
  readonly progress: RebalanceProgress;
  private tranquilityFactor: number = limits.rebalanceTranquility;
  lastOutcome: (RebalanceOutcome & { finishedMs: number }) | null = null;
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
  private waiters: Array<(outcome: RebalanceOutcome) => void> = [];

  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly layout: RebalanceLayout,
  ) {
    this.progress = new RebalanceProgress(db);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wake();
    await this.loop;
  }

  /** A layout was applied or a volume came back: look at the work now. */
  notify(): void {
    this.sleeper.wake();
  }

  /** The worker as ListWorkers shows it; with a volume id, also what that volume gains and gives up. */
  report(volumeId: string | null = null): WorkerReport {
    const state = this.progress.load();
    const last = this.lastOutcome;
    const share = volumeId === null || !state ? null : this.shareOf(volumeId, state.full);
    return this.stats.report("Block rebalance", {
      progress: state
        ? `${state.phase === "copy" ? "copying moved partitions" : "removing copies outside the layout"}: ${Math.min(state.partitionIndex, state.partitionsTotal)} of ${state.partitionsTotal} done, ${state.copiedBlocks} blocks copied, ${state.removedCopies} copies removed (layout version ${state.version})`
        : null,
      queueLength: share ? share.gains : state ? Math.max(0, state.partitionsTotal - state.partitionIndex) : 0,
      tranquility: this.tranquility,
      freeform: [
        ...(share ? [`This volume receives ${share.gains} partitions and gives up ${share.givesUp}`] : []),
        ...(last
          ? [
              `Last rebalance finished ${new Date(last.finishedMs).toISOString()}: ${last.copiedBlocks} blocks copied, ${last.removedCopies} copies removed`,
            ]
          : []),
      ],
    });
  }

  /** Partitions a volume receives in this rebalance, and partitions it held in an older version but not now. */
  private shareOf(volumeId: string, full: boolean): { gains: number; givesUp: number } {
    const history = this.layout.history();
    const statuses = versionStatuses(history);
    const current = currentLayout(history).assignment;
    const older = history.versions.filter((version) => statuses.get(version.version) !== "Current");
    let gains = 0;
    let givesUp = 0;
    for (let partition = 0; partition < 256; partition += 1) {
      if (this.copyTargets(history, partition, full).includes(volumeId)) gains += 1;
      const heldBefore = older.some((version) => (version.assignment[partition] ?? []).includes(volumeId));
      if (heldBefore && !(current[partition] ?? []).includes(volumeId)) givesUp += 1;
    }
    return { gains, givesUp };
  }

  /** Repair "rebalance": every block to every volume of its current placement, then strays removed. */
  async runFull(): Promise<RebalanceOutcome> {
    const version = currentLayout(this.layout.history()).version;
    await this.progress.begin(version, true);
    const done = new Promise<RebalanceOutcome>((resolve) => this.waiters.push(resolve));
    this.notify();
    return done;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.step();
      } catch (error) {
        this.stats.fail(error);
      }
      if (!worked) await this.idle(limits.rebalanceIdleCheckMs);
    }
  }

  private async idle(waitMs: number): Promise<void> {
    this.stats.state = "idle";
    await this.sleeper.sleep(waitMs);
  }

  /** One page of work; false when there is nothing to do. */
  private async step(): Promise<boolean> {
    const history = this.layout.history();
    const current = currentLayout(history);
    const statuses = versionStatuses(history);
    const draining = history.versions.some((version) => statuses.get(version.version) === "Draining");
    let state = this.progress.load();
    if (state && state.version !== current.version && !draining && !state.full) {
      // Nothing drains any more (skip-dead-nodes, or a newer layout): this run has nothing left to do.
      await this.progress.clear();
      state = null;
    }
    if (!state || state.version !== current.version) {
      if (!draining && !state?.full) return false;
      await this.progress.begin(current.version, state?.full ?? false);
      state = this.progress.load();
    }
    if (!state) return false;
    // The copy was complete and every version synced (a restart came in between): go on to the clean phase.
    if (state.phase === "copy" && !state.full && !draining) state = { ...state, phase: "clean", partitionIndex: 0 };
    this.stats.state = "busy";
    const startedMs = Date.now();
    if (state.phase === "copy") await this.copyStep(state, history);
    else await this.cleanStep(state, history);
    const pauseMs = (Date.now() - startedMs) * this.tranquility;
    if (!this.stopped) await this.sleeper.sleep(pauseMs);
    return true;
  }

  /** The volumes of the current layout that a partition's blocks must be copied to. */
  private copyTargets(history: LayoutHistory, partition: number, full: boolean): string[] {
    const statuses = versionStatuses(history);
    const current = currentLayout(history).assignment[partition] ?? [];
    if (full) return current;
    const before = new Set(
      history.versions
        .filter((version) => statuses.get(version.version) === "Draining")
        .flatMap((version) => version.assignment[partition] ?? []),
    );
    return current.filter((id) => !before.has(id));
  }

  private async copyStep(state: RebalanceState, history: LayoutHistory): Promise<void> {
    const partitions = [...Array(256).keys()].filter((p) => this.copyTargets(history, p, state.full).length > 0);
    state.partitionsTotal = partitions.length;
    const partition = partitions[state.partitionIndex];
    if (partition === undefined) return this.finishCopy(state);
    const targets = this.copyTargets(history, partition, state.full).map((id) => this.blocks.volumeById(id));
    const reachable = targets.filter((volume): volume is Volume => volume !== undefined && this.blocks.isUp(volume));
    const start = Buffer.from([partition]);
    const end = partition < 255 ? Buffer.from([partition + 1]) : undefined;
    const after = state.afterHex ? Buffer.from(state.afterHex, "hex") : undefined;
    const page = this.db.range("block_ref", { start, after, end, limit: limits.restoreScanPageBlocks });
    if (reachable.length < targets.length) {
      // A volume that should receive the partition is down: the partition waits for a later run.
      state.failedBlocks += Math.max(1, page.length);
    } else {
      for (const [hash] of page) {
        if (this.stopped) return;
        const outcome = await restoreCopies(this.db, this.blocks, hash, reachable);
        state.copiedBlocks += outcome.copiedTo.length > 0 ? 1 : 0;
        // A block with no good copy anywhere is the resync's to report; a failed write holds the version back.
        if (outcome.failed.some((failure) => !failure.reason.startsWith("no up volume"))) state.failedBlocks += 1;
      }
    }
    const partitionDone = reachable.length < targets.length || page.length < limits.restoreScanPageBlocks;
    if (partitionDone) {
      state.partitionIndex += 1;
      state.afterHex = null;
    } else state.afterHex = page[page.length - 1][0].toString("hex");
    await this.progress.save(state);
  }

  private async finishCopy(state: RebalanceState): Promise<void> {
    if (state.failedBlocks > 0) {
      // Some copies could not be made (a volume down or failing): the old versions stay Draining; retry later.
      this.stats.fail(new Error(`${state.failedBlocks} blocks could not be copied; retrying later`));
      await this.progress.save({ ...state, partitionIndex: 0, afterHex: null, failedBlocks: 0 });
      await this.idle(limits.rebalanceRetryDelayMs);
      return;
    }
    await this.layout.markAllSynced();
    await this.waitForWritesUnderOldLayout();
    await this.progress.save({ ...state, phase: "clean", partitionIndex: 0, afterHex: null });
  }

  /**
   * Writes that began under the older placement may still land there (their blocks
   * are pinned until committed): the clean phase starts once they are all done, so
   * it finds their copies and moves them before removing anything.
   */
  private async waitForWritesUnderOldLayout(): Promise<void> {
    const pinned = this.blocks.pinnedHashes();
    while (!this.stopped && pinned.some((hashHex) => this.blocks.isPinned(hashHex)))
      await new Promise((resolve) => setTimeout(resolve, limits.rebalancePinPollMs));
  }

  /** Every (volume, partition) pair where the current layout puts no copy: stray copies live there. */
  private strayDirectories(history: LayoutHistory): Array<{ volume: Volume; partition: number }> {
    const assignment = currentLayout(history).assignment;
    return this.blocks.volumes.flatMap((volume) =>
      [...Array(256).keys()]
        .filter((partition) => !(assignment[partition] ?? []).includes(volume.id))
        .map((partition) => ({ volume, partition })),
    );
  }

  private async cleanStep(state: RebalanceState, history: LayoutHistory): Promise<void> {
    const strays = this.strayDirectories(history);
    state.partitionsTotal = strays.length;
    const next = strays[state.partitionIndex];
    if (!next) return this.finish(state);
    if (this.blocks.isUp(next.volume)) {
      for await (const hashHex of next.volume.listBlocksOfPartition(next.partition)) {
        if (this.stopped) return;
        if (await this.removeStray(next.volume, hashHex)) state.removedCopies += 1;
      }
    }
    state.partitionIndex += 1;
    await this.progress.save(state);
  }

  /**
   * Removes a copy from a volume outside the block's placement, once every volume
   * of the placement holds the block. Pins do not keep it: writes only reach the
   * current placement by now, and a reader of this copy falls back to another.
   */
  private async removeStray(volume: Volume, hashHex: string): Promise<boolean> {
    const hash = Buffer.from(hashHex, "hex");
    const placed = this.blocks.placedVolumes(hash);
    const outcome = await restoreCopies(this.db, this.blocks, hash, placed);
    if (outcome.failed.length > 0 || placed.some((target) => !this.blocks.isUp(target))) return false;
    await this.blocks.withLock(hashHex, () => volume.removeBlock(hashHex));
    return true;
  }

  private async finish(state: RebalanceState): Promise<void> {
    const outcome = {
      copiedBlocks: state.copiedBlocks,
      removedCopies: state.removedCopies,
      failedBlocks: state.failedBlocks,
    };
    await this.progress.clear();
    this.stats.succeed();
    this.lastOutcome = { ...outcome, finishedMs: Date.now() };
    for (const resolve of this.waiters.splice(0)) resolve(outcome);
  }
}
