import type { components } from "@/contracts/garage-admin-v2.gen";

/**
 * The cluster's background repairs as the console shows them: each node's resync,
 * rebalance and scrub workers with their progress, and the blocks in error. Both
 * sides: built on the server from ListWorkers and ListBlockErrors (every node),
 * rendered by components/cluster.
 */
type Schemas = components["schemas"];

export interface WorkerView {
  id: number;
  name: string;
  state: "busy" | "idle" | "done" | "throttled";
  progress: string | null;
  /** The share done, read from the progress text ("12 of 192", "45.2%"); null when it says none. */
  fraction: number | null;
  queueLength: number | null;
  errors: number;
  lastError: string | null;
  tranquility: number | null;
  freeform: string[];
}

export interface NodeWorkers {
  nodeId: string;
  workers: WorkerView[];
}

export interface BlockErrorView {
  hash: string;
  refcount: number;
  errorCount: number;
  lastTrySecsAgo: number;
  nextTryInSecs: number;
  /** The nodes (volumes) whose copy is missing or bad. */
  nodeIds: string[];
}

export interface MaintenanceData {
  nodes: NodeWorkers[];
  blockErrors: BlockErrorView[];
  /** Nodes that did not answer, with why. */
  unreachable: Array<{ nodeId: string; message: string }>;
}

/** The repairs an operator may launch from the console (Garage's LaunchRepairOperation). */
export const launchableRepairs = ["blocks", "rebalance", "scrub"] as const;
export type LaunchableRepair = (typeof launchableRepairs)[number];

export const repairDescriptions: Record<LaunchableRepair, { title: string; effect: string }> = {
  blocks: {
    title: "Check blocks",
    effect:
      "Deletes blocks nothing references and queues every referenced block a volume lacks for resync. Reads every block reference.",
  },
  rebalance: {
    title: "Rebalance",
    effect:
      "Copies every block to every volume of its place in the current layout, then removes the copies outside it. Moves data between disks.",
  },
  scrub: {
    title: "Scrub",
    effect:
      "Reads every block copy on every volume and checks its hash; a bad copy is quarantined and repaired from a good one. Reads all the data.",
  },
};

/** The workers that keep data safe: the console shows these with their progress. */
export function isRepairWorker(name: string): boolean {
  return /resync|rebalance|scrub/i.test(name);
}

export function progressFraction(progress: string | null): number | null {
  if (!progress) return null;
  const percent = /(\d+(?:\.\d+)?)\s*%/.exec(progress);
  if (percent) return Math.min(1, Number(percent[1]) / 100);
  const ofTotal = /(\d+) of (\d+)/.exec(progress);
  if (ofTotal && Number(ofTotal[2]) > 0) return Math.min(1, Number(ofTotal[1]) / Number(ofTotal[2]));
  return null;
}

export function toWorkerView(worker: Schemas["WorkerInfoResp"]): WorkerView {
  const state = typeof worker.state === "string" ? worker.state : "throttled";
  return {
    id: worker.id,
    name: worker.name,
    state,
    progress: worker.progress ?? null,
    fraction: progressFraction(worker.progress ?? null),
    queueLength: worker.queueLength ?? null,
    errors: worker.errors,
    lastError: worker.lastError?.message ?? null,
    tranquility: worker.tranquility ?? null,
    freeform: worker.freeform,
  };
}

/** One row per block, naming every node that reported it. */
export function mergeBlockErrors(perNode: Record<string, Schemas["BlockError"][]>): BlockErrorView[] {
  const byHash = new Map<string, BlockErrorView>();
  for (const [nodeId, errors] of Object.entries(perNode)) {
    for (const error of errors) {
      const known = byHash.get(error.blockHash);
      if (known) {
        known.nodeIds.push(nodeId);
        known.errorCount = Math.max(known.errorCount, error.errorCount);
        known.nextTryInSecs = Math.min(known.nextTryInSecs, error.nextTryInSecs);
      } else byHash.set(error.blockHash, { ...error, hash: error.blockHash, nodeIds: [nodeId] });
    }
  }
  return [...byHash.values()].map(({ hash, refcount, errorCount, lastTrySecsAgo, nextTryInSecs, nodeIds }) => ({
    hash,
    refcount,
    errorCount,
    lastTrySecsAgo,
    nextTryInSecs,
    nodeIds,
  }));
}

/** The rebalance of the node that reports one running, for the layout page. */
export function runningRebalance(data: MaintenanceData): (WorkerView & { nodeId: string }) | null {
  for (const node of data.nodes) {
    const worker = node.workers.find((candidate) => /rebalance/i.test(candidate.name) && candidate.progress);
    if (worker) return { ...worker, nodeId: node.nodeId };
  }
  return null;
}
