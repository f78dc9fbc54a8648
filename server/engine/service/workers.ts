import type { BlockCollector } from "../blocks/collector";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { ResyncWorker } from "./resync";
import type { RebalanceWorker } from "./rebalance";
import type { ScrubCommand, ScrubWorker } from "./scrub";
import type { WorkerSettings } from "./worker-settings";
import type { WorkerInfo, WorkerReport } from "./worker-stats";

/**
 * The engine's background workers, as Garage's ListWorkers shows them: the block
 * collector, the scrub, the resync, the rebalance, and the repairs launched by the
 * admin. Worker variables change their behaviour for real; the pacing ones are
 * kept across restarts.
 */

export type { WorkerInfo, WorkerState } from "./worker-stats";

export interface BackgroundWorkers {
  collector: BlockCollector;
  scrub: ScrubWorker;
  resync: ResyncWorker;
  rebalance: RebalanceWorker;
  settings: WorkerSettings;
}

interface Variable {
  get(): string;
  set?(value: string): Promise<void>;
}

export class WorkerService {
  private readonly tasks: WorkerInfo[] = [];
  private readonly reporters = new Map<number, () => WorkerReport>();
  private nextTaskId = 5;
  private readonly table: Record<string, Variable>;

  constructor(private readonly workers: BackgroundWorkers) {
    this.table = variableTable(workers);
  }

  /** Applies the persisted variables (on start). */
  restoreSettings(): void {
    const saved = this.workers.settings.load();
    this.workers.resync.tranquility = saved.resyncTranquility;
    this.workers.resync.workerCount = saved.resyncWorkerCount;
    this.workers.rebalance.tranquility = saved.rebalanceTranquility;
    this.workers.scrub.tranquility = saved.scrubTranquility;
  }

  /** Every worker; with a volume id, the figures that are that volume's own (its queue, its scrub, its restore). */
  list(volumeId: string | null = null): WorkerInfo[] {
    const numbered = (id: number, report: WorkerReport): WorkerInfo => ({ id, ...report });
    return [
      numbered(1, this.collectorReport()),
      numbered(2, this.workers.scrub.report(volumeId)),
      numbered(3, this.workers.resync.report(volumeId)),
      numbered(4, this.workers.rebalance.report(volumeId)),
      ...[...this.reporters].map(([id, report]) => numbered(id, report())),
      ...this.tasks.map((task) => ({ ...task })),
    ];
  }

  /** A long-lived worker kept elsewhere (the lifecycle worker), shown under a fixed id. */
  addReporter(id: number, report: () => WorkerReport): void {
    this.reporters.set(id, report);
    this.nextTaskId = Math.max(this.nextTaskId, id + 1);
  }

  get(id: number, volumeId: string | null = null): WorkerInfo {
    const found = this.list(volumeId).find((worker) => worker.id === id);
    if (!found) throw new EngineError("InvalidRequest", `No worker with id ${id}.`);
    return found;
  }

  private collectorReport(): WorkerReport {
    const { collector } = this.workers;
    return {
      name: "Block collector",
      state: collector.queueLength > 0 ? "busy" : "idle",
      errors: 0,
      consecutiveErrors: 0,
      lastError: null,
      progress: null,
      queueLength: collector.queueLength,
      tranquility: null,
      freeform: [
        `Blocks deleted since start: ${collector.deletedCount}`,
        `Delay before deletion: ${Math.round(collector.gcDelayMs / 1000)} s`,
      ],
    };
  }

  variables(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.table).map(([name, variable]) => [name, variable.get()]));
  }

  async setVariable(name: string, value: string): Promise<void> {
    const variable = this.table[name];
    if (!variable)
      throw new EngineError(
        "InvalidRequest",
        `Unknown worker variable: ${name}. Known: ${Object.keys(this.table).join(", ")}.`,
      );
    if (!variable.set) throw new EngineError("InvalidRequest", `${name} is read-only.`);
    await variable.set(value.trim());
  }

  scrub(command: ScrubCommand): Promise<void> {
    return this.workers.scrub.command(command);
  }

  /** Runs `work` as a named worker, visible in ListWorkers until it is among the oldest finished ones. */
  launch(name: string, work: (progress: (text: string) => void) => Promise<string[]>): number {
    const info: WorkerInfo = {
      id: this.nextTaskId++,
      name,
      state: "busy",
      errors: 0,
      consecutiveErrors: 0,
      lastError: null,
      progress: null,
      queueLength: null,
      tranquility: null,
      freeform: [],
    };
    this.tasks.push(info);
    work((text) => (info.progress = text)).then(
      (lines) => Object.assign(info, { state: "done", freeform: lines }),
      (error: unknown) =>
        Object.assign(info, {
          state: "done",
          errors: 1,
          consecutiveErrors: 1,
          lastError: { message: error instanceof Error ? error.message : String(error), atMs: Date.now() },
        }),
    );
    this.pruneTasks();
    return info.id;
  }

  private pruneTasks(): void {
    const finished = this.tasks.filter((task) => task.state === "done");
    for (const task of finished.slice(0, Math.max(0, finished.length - limits.maxFinishedWorkers)))
      this.tasks.splice(this.tasks.indexOf(task), 1);
  }
}

function wholeNumber(name: string, value: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max)
    throw new EngineError("InvalidRequest", `${name} takes a whole number from ${min} to ${max}, not '${value}'.`);
  return parsed;
}

/** Garage's variable names, each read from and written to the worker it drives. */
function variableTable({ collector, scrub, resync, rebalance, settings }: BackgroundWorkers): Record<string, Variable> {
  const date = (ms: number | null) => (ms === null ? "never" : new Date(ms).toISOString());
  return {
    "block-gc-delay-secs": {
      get: () => String(Math.round(collector.gcDelayMs / 1000)),
      set: async (value) => collector.setGcDelayMs(wholeNumber("block-gc-delay-secs", value) * 1000),
    },
    "resync-tranquility": {
      get: () => String(resync.tranquility),
      set: async (value) => {
        resync.tranquility = wholeNumber("resync-tranquility", value);
        await settings.save({ resyncTranquility: resync.tranquility });
      },
    },
    "resync-worker-count": {
      get: () => String(resync.workerCount),
      set: async (value) => {
        resync.workerCount = wholeNumber("resync-worker-count", value, 1, limits.maxResyncWorkerCount);
        await settings.save({ resyncWorkerCount: resync.workerCount });
      },
    },
    "rebalance-tranquility": {
      get: () => String(rebalance.tranquility),
      set: async (value) => {
        rebalance.tranquility = wholeNumber("rebalance-tranquility", value);
        await settings.save({ rebalanceTranquility: rebalance.tranquility });
      },
    },
    "scrub-tranquility": {
      get: () => String(scrub.tranquility),
      set: async (value) => {
        scrub.tranquility = wholeNumber("scrub-tranquility", value);
        await settings.save({ scrubTranquility: scrub.tranquility });
      },
    },
    "scrub-next-run": {
      get: () => date(scrub.progress.load().nextRunMs),
      set: async (value) => {
        const atMs = value === "now" ? Date.now() : Date.parse(value);
        if (!Number.isFinite(atMs))
          throw new EngineError("InvalidRequest", `scrub-next-run takes a date (ISO 8601) or 'now', not '${value}'.`);
        await scrub.setNextRun(atMs);
      },
    },
    "scrub-last-completed": { get: () => date(scrub.progress.load().lastCompletedMs) },
    "scrub-corruptions_detected": {
      get: () => String(scrub.progress.load().corruptionsDetected),
      set: async (value) => {
        if (wholeNumber("scrub-corruptions_detected", value, 0, 0) === 0) await scrub.resetCorruptions();
      },
    },
  };
}
