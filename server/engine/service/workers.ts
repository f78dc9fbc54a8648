import type { MetadataStore } from "../metadata/store";
import type { BlockStore } from "../blocks/store";
import type { BlockCollector } from "../blocks/collector";
import { EngineError } from "../errors";
import { scrubVolumes } from "./block-maintenance";
import { limits } from "../../util/limits";
import type { ResyncWorker } from "./resync";
import type { RebalanceWorker } from "./rebalance";
import type { WorkerInfo, WorkerState } from "./worker-stats";

/**
 * The engine's background workers, as Garage's ListWorkers shows them: the block
 * collector, the scrub, and the repairs launched by the admin. Variables change
 * their behaviour for real (collector delay, scrub tranquility).
 */

export type { WorkerInfo, WorkerState } from "./worker-stats";

interface TaskWorker {
  info: WorkerInfo;
}

type ScrubState = "idle" | "running" | "paused" | "cancelling";

export class WorkerService {
  private readonly tasks: TaskWorker[] = [];
  private nextTaskId = 5;
  private scrubTranquility = 2;
  private scrubState: ScrubState = "idle";
  private scrubResume: (() => void) | null = null;
  private readonly scrubInfo: WorkerInfo = baseInfo(2, "Block scrub");

  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly collector: BlockCollector,
    private readonly resync: ResyncWorker,
    private readonly rebalance: RebalanceWorker,
  ) {
    this.scrubInfo.tranquility = this.scrubTranquility;
  }

  list(): WorkerInfo[] {
    return [
      this.collectorInfo(),
      { ...this.scrubInfo },
      { id: 3, ...this.resync.report() },
      { id: 4, ...this.rebalance.report() },
      ...this.tasks.map((task) => ({ ...task.info })),
    ];
  }

  get(id: number): WorkerInfo {
    const found = this.list().find((worker) => worker.id === id);
    if (!found) throw new EngineError("InvalidRequest", `No worker with id ${id}.`);
    return found;
  }

  private collectorInfo(): WorkerInfo {
    const queueLength = this.collector.queueLength;
    return {
      ...baseInfo(1, "Block collector"),
      state: queueLength > 0 ? "busy" : "idle",
      queueLength,
      freeform: [
        `Blocks deleted since start: ${this.collector.deletedCount}`,
        `Delay before deletion: ${Math.round(this.collector.gcDelayMs / 1000)} s`,
      ],
    };
  }

  variables(): Record<string, string> {
    return {
      "block-gc-delay-secs": String(Math.round(this.collector.gcDelayMs / 1000)),
      "scrub-tranquility": String(this.scrubTranquility),
      "resync-tranquility": String(this.resync.tranquility),
      "resync-worker-count": String(this.resync.workerCount),
      "rebalance-tranquility": String(this.rebalance.tranquility),
    };
  }

  setVariable(name: string, value: string): void {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed))
      throw new EngineError("InvalidRequest", `${name} takes a whole number, not '${value}'.`);
    if (name === "block-gc-delay-secs") this.collector.setGcDelayMs(parsed * 1000);
    else if (name === "scrub-tranquility") {
      this.scrubTranquility = parsed;
      this.scrubInfo.tranquility = parsed;
    } else if (name === "resync-tranquility") this.resync.tranquility = parsed;
    else if (name === "rebalance-tranquility") this.rebalance.tranquility = parsed;
    else if (name === "resync-worker-count") {
      if (parsed < 1 || parsed > limits.maxResyncWorkerCount)
        throw new EngineError(
          "InvalidRequest",
          `resync-worker-count must be between 1 and ${limits.maxResyncWorkerCount}, not ${parsed}.`,
        );
      this.resync.workerCount = parsed;
    } else
      throw new EngineError(
        "InvalidRequest",
        `Unknown worker variable: ${name}. Known: ${Object.keys(this.variables()).join(", ")}.`,
      );
  }

  /** Runs `work` as a named worker, visible in ListWorkers until it is among the oldest finished ones. */
  launch(name: string, work: (progress: (text: string) => void) => Promise<string[]>): number {
    const info = { ...baseInfo(this.nextTaskId++, name), state: "busy" as WorkerState };
    this.tasks.push({ info });
    work((text) => (info.progress = text)).then(
      (lines) => {
        info.state = "done";
        info.freeform = lines;
      },
      (error: unknown) => {
        info.state = "done";
        recordError(info, error);
      },
    );
    this.pruneTasks();
    return info.id;
  }

  private pruneTasks(): void {
    const finished = this.tasks.filter((task) => task.info.state === "done");
    for (const task of finished.slice(0, Math.max(0, finished.length - limits.maxFinishedWorkers)))
      this.tasks.splice(this.tasks.indexOf(task), 1);
  }

  scrub(command: "start" | "pause" | "resume" | "cancel"): void {
    if (command === "start") return this.startScrub();
    if (command === "pause" && this.scrubState === "running") this.scrubState = "paused";
    if (command === "resume" && this.scrubState === "paused") this.releaseScrub("running");
    if (command === "cancel" && this.scrubState !== "idle") this.releaseScrub("cancelling");
    this.scrubInfo.state = this.scrubState === "running" ? "busy" : "idle";
  }

  private releaseScrub(state: ScrubState): void {
    this.scrubState = state;
    this.scrubResume?.();
    this.scrubResume = null;
  }

  private startScrub(): void {
    if (this.scrubState !== "idle")
      throw new EngineError("InvalidRequest", "A scrub is already running; pause, resume or cancel it.");
    this.scrubState = "running";
    Object.assign(this.scrubInfo, { state: "busy", progress: "starting", freeform: [] });
    scrubVolumes(this.db, this.blocks, {
      tranquility: () => this.scrubTranquility,
      checkpoint: () => this.scrubCheckpoint(),
      onProgress: (checked, corrupt) => (this.scrubInfo.progress = `${checked} blocks checked, ${corrupt} corrupt`),
      onCorrupt: (hash, volume) => this.resync.reportCorruptCopy(hash, volume.id),
    }).then(
      ({ checkedBlocks, corruptBlocks }) =>
        this.finishScrub([
          `Last scrub: ${checkedBlocks} blocks checked, ${corruptBlocks} corrupt (quarantined and resynced where a good copy existed)`,
        ]),
      (error: unknown) =>
        this.finishScrub(
          error instanceof ScrubCancelled ? ["Last scrub cancelled"] : [],
          error instanceof ScrubCancelled ? null : error,
        ),
    );
  }

  private async scrubCheckpoint(): Promise<void> {
    while (this.scrubState === "paused") await new Promise<void>((resolve) => (this.scrubResume = resolve));
    if (this.scrubState === "cancelling" || this.scrubState === "idle") throw new ScrubCancelled();
  }

  private finishScrub(lines: string[], error: unknown = null): void {
    this.scrubState = "idle";
    this.scrubInfo.state = "done";
    this.scrubInfo.freeform = lines;
    if (error) recordError(this.scrubInfo, error);
  }

  /** Stops the scrub on close so no scan outlives the engine. */
  stop(): void {
    if (this.scrubState !== "idle") this.releaseScrub("cancelling");
  }
}

class ScrubCancelled extends Error {}

function baseInfo(id: number, name: string): WorkerInfo {
  return {
    id,
    name,
    state: "idle",
    errors: 0,
    consecutiveErrors: 0,
    lastError: null,
    progress: null,
    queueLength: null,
    tranquility: null,
    freeform: [],
  };
}

function recordError(info: WorkerInfo, error: unknown): void {
  info.errors += 1;
  info.consecutiveErrors += 1;
  info.lastError = { message: error instanceof Error ? error.message : String(error), atMs: Date.now() };
}
