import crypto from "node:crypto";
import { limits } from "../../util/limits";
import { EngineError } from "../errors";
import type { MetadataStore } from "../metadata/store";
import { BlockStore } from "../blocks/store";
import type { Volume } from "../blocks/volume";
import { ScrubProgress, type ScrubPosition } from "./scrub-state";
import { Sleeper } from "./sleeper";
import { WorkerStats, type WorkerReport } from "./worker-stats";

/**
 * The scrub (Garage's): reads every block copy on every volume, one partition
 * directory at a time, and checks it against its hash. A bad copy is quarantined
 * and handed to the resync, which copies a good one back (or records the block in
 * ListBlockErrors when none is left). It runs on a schedule (every 25 to 35 days,
 * as Garage) and on demand, can be paused and cancelled, paces itself with
 * `scrub-tranquility`, and resumes after a restart at the partition it was on.
 */

export type ScrubCommand = "start" | "pause" | "resume" | "cancel";

export class ScrubWorker {
  readonly stats = new WorkerStats();
  readonly progress: ScrubProgress;
  private tranquilityFactor: number = limits.scrubTranquility;
  /** The figures of the last scrub that completed since the engine started. */
  lastRun: { checkedBlocks: number; corruptBlocks: number } | null = null;
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
    db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly onCorrupt: (hash: Buffer, volume: Volume) => Promise<void>,
  ) {
    this.progress = new ScrubProgress(db, () => nextScheduledRunMs(Date.now()));
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wake();
    await this.loop;
  }

  async command(command: ScrubCommand): Promise<void> {
    if (command === "start") {
      if (this.progress.load().running)
        throw new EngineError("InvalidRequest", "A scrub is already running; pause, resume or cancel it.");
      await this.progress.update((state) => ({ ...state, paused: false, running: this.firstPosition() }));
    } else if (command === "pause") await this.progress.update((state) => ({ ...state, paused: true }));
    else if (command === "resume") await this.progress.update((state) => ({ ...state, paused: false }));
    else await this.progress.update((state) => ({ ...state, paused: false, running: null }));
    this.sleeper.wake();
  }

  /** Worker variable scrub-next-run. */
  async setNextRun(nextRunMs: number): Promise<void> {
    await this.progress.update((state) => ({ ...state, nextRunMs }));
    this.sleeper.wake();
  }

  /** Worker variable scrub-corruptions_detected (only a reset makes sense). */
  async resetCorruptions(): Promise<void> {
    await this.progress.update((state) => ({ ...state, corruptionsDetected: 0 }));
  }

  report(volumeId: string | null = null): WorkerReport {
    const state = this.progress.load();
    const position = state.running;
    const order = this.volumeOrder().map((volume) => volume.id);
    let progress: string | null = null;
    if (position) {
      const index = order.indexOf(position.volumeId);
      const mine = volumeId === null || volumeId === position.volumeId;
      progress = mine
        ? `${state.paused ? "paused" : "scrubbing"} volume ${index + 1} of ${order.length}: ${position.partition} of 256 partitions, ${position.checkedBlocks} blocks checked, ${position.corruptBlocks} corrupt`
        : `${order.indexOf(volumeId ?? "") < index ? "done" : "waiting"} (scrubbing volume ${position.volumeId.slice(0, 16)})`;
    }
    return this.stats.report("Block scrub", {
      progress,
      queueLength: null,
      tranquility: this.tranquility,
      freeform: [
        `Last completed: ${state.lastCompletedMs === null ? "never" : new Date(state.lastCompletedMs).toISOString()}`,
        `Next run: ${new Date(state.nextRunMs).toISOString()}`,
        `Corruptions detected: ${state.corruptionsDetected}`,
      ],
    });
  }

  private volumeOrder(): Volume[] {
    return [...this.blocks.volumes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private firstPosition(nowMs: number = Date.now()): ScrubPosition | null {
    const first = this.volumeOrder()[0];
    return first ? { volumeId: first.id, partition: 0, checkedBlocks: 0, corruptBlocks: 0, startedMs: nowMs } : null;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let state = this.progress.load();
      try {
        if (!state.running && Date.now() >= state.nextRunMs)
          state = await this.progress.update((current) => ({ ...current, running: this.firstPosition() }));
        if (state.running && !state.paused) {
          this.stats.state = "busy";
          await this.scrubPartition(state.running);
          continue;
        }
      } catch (error) {
        this.stats.fail(error);
      }
      this.stats.state = "idle";
      await this.idle(Math.max(10, Math.min(limits.scrubIdleCheckMs, state.nextRunMs - Date.now())));
    }
  }

  private async idle(waitMs: number): Promise<void> {
    await this.sleeper.sleep(waitMs);
  }

  /** Verifies one partition directory of one volume, then saves the position after it. */
  private async scrubPartition(position: ScrubPosition): Promise<void> {
    const volume = this.blocks.volumeById(position.volumeId);
    let checked = 0;
    let corrupt = 0;
    // A volume that is down is skipped: the restore scan refills it when it returns.
    if (volume && this.blocks.isUp(volume)) {
      for await (const hashHex of volume.listBlocksOfPartition(position.partition)) {
        if (this.interrupted()) return;
        const startedMs = Date.now();
        const verdict = await this.verify(volume, hashHex);
        if (verdict === "corrupt") corrupt += 1;
        if (verdict !== "unreadable") checked += 1;
        const pauseMs = (Date.now() - startedMs) * this.tranquility;
        await this.sleeper.sleep(pauseMs);
      }
    }
    await this.advance(position, checked, corrupt);
  }

  private interrupted(): boolean {
    const state = this.progress.load();
    return this.stopped || state.paused || state.running === null;
  }

  private async verify(volume: Volume, hashHex: string): Promise<"good" | "corrupt" | "unreadable"> {
    let data: Buffer;
    try {
      data = await volume.readBlock(hashHex);
    } catch (error) {
      this.blocks.health.reportFailure(volume, error);
      return "unreadable";
    }
    const hash = Buffer.from(hashHex, "hex");
    if ((await BlockStore.hashAsync(data)).equals(hash)) return "good";
    await this.blocks.withLock(hashHex, () => volume.quarantineBlock(hashHex));
    await this.onCorrupt(hash, volume);
    return "corrupt";
  }

  private async advance(position: ScrubPosition, checked: number, corrupt: number): Promise<void> {
    const order = this.volumeOrder();
    await this.progress.update((state) => {
      if (!state.running || state.running.volumeId !== position.volumeId) return state;
      const done = {
        ...state.running,
        checkedBlocks: state.running.checkedBlocks + checked,
        corruptBlocks: state.running.corruptBlocks + corrupt,
      };
      const corruptionsDetected = state.corruptionsDetected + corrupt;
      if (position.partition < 255)
        return { ...state, corruptionsDetected, running: { ...done, partition: position.partition + 1 } };
      const next = order[order.findIndex((volume) => volume.id === position.volumeId) + 1];
      if (next) return { ...state, corruptionsDetected, running: { ...done, volumeId: next.id, partition: 0 } };
      const nowMs = Date.now();
      this.lastRun = { checkedBlocks: done.checkedBlocks, corruptBlocks: done.corruptBlocks };
      return {
        ...state,
        corruptionsDetected,
        running: null,
        lastCompletedMs: nowMs,
        nextRunMs: nextScheduledRunMs(nowMs),
      };
    });
  }
}

/** Garage scrubs every 25 days plus a random share of 10, so nodes do not all scrub at once. */
function nextScheduledRunMs(nowMs: number): number {
  return nowMs + limits.scrubIntervalMs + crypto.randomInt(limits.scrubIntervalJitterMs);
}
