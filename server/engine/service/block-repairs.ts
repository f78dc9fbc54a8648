import { limits } from "../../util/limits";
import type { MetadataStore } from "../metadata/store";
import { type BlockStore, VolumeDownError } from "../blocks/store";
import type { LayoutService } from "./layout";
import { RebalanceWorker } from "./rebalance";
import { ResyncWorker } from "./resync";
import { ScrubWorker } from "./scrub";
import { WorkerSettings } from "./worker-settings";

/**
 * The workers that keep every block where the layout wants it, and what sets them
 * going: a volume that goes down or comes back (health monitor), a copy that
 * could not be written or failed its hash (block path), a layout applied.
 */
export class BlockRepairs {
  readonly resync: ResyncWorker;
  readonly rebalance: RebalanceWorker;
  readonly scrub: ScrubWorker;
  readonly settings: WorkerSettings;

  constructor(
    db: MetadataStore,
    private readonly blocks: BlockStore,
    layout: LayoutService,
  ) {
    this.settings = new WorkerSettings(db);
    this.resync = new ResyncWorker(db, blocks, { partitionsOf: (volumeId) => layout.partitionsOf(volumeId) });
    this.rebalance = new RebalanceWorker(db, blocks, {
      history: () => layout.history(),
      markAllSynced: () => layout.markAllSynced(),
    });
    this.scrub = new ScrubWorker(db, blocks, (hash, volume) => this.resync.reportCorruptCopy(hash, volume.id));
    layout.onApplied = () => this.rebalance.notify();
    this.wire();
  }

  private wire(): void {
    this.blocks.health.setEvents({
      onDown: (volume, reason) => {
        console.error(`carport: volume ${volume.id.slice(0, 16)} (${volume.root}) is down: ${reason}`);
        void this.resync.restoreVolume(volume.id).catch(logRepairFailure);
      },
      onUp: (volume, needsRestore) => {
        this.rebalance.notify();
        if (!needsRestore) return;
        console.error(`carport: volume ${volume.id.slice(0, 16)} (${volume.root}) is back: restoring its blocks`);
        void this.resync.restoreVolume(volume.id).catch(logRepairFailure);
      },
    });
    this.blocks.setEvents({
      onCorruptCopy: (hashHex, volume) =>
        void this.resync.reportCorruptCopy(Buffer.from(hashHex, "hex"), volume.id).catch(logRepairFailure),
      onCopyFailed: (hashHex, volumeId, error) => {
        // A volume that is down gets a restore scan when it comes back; other failures are retried.
        if (error instanceof VolumeDownError) return;
        const hash = Buffer.from(hashHex, "hex");
        void this.resync.enqueue(hash, limits.failedCopyRetryDelayMs, [volumeId]).catch(logRepairFailure);
      },
    });
  }

  start(): void {
    this.resync.start();
    this.rebalance.start();
    this.scrub.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.resync.stop(), this.rebalance.stop(), this.scrub.stop()]);
  }
}

function logRepairFailure(error: unknown): void {
  console.error(`carport: could not queue a repair: ${error instanceof Error ? error.message : String(error)}`);
}
