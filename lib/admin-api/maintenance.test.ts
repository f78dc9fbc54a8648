import { describe, expect, it } from "vitest";
import { isRepairWorker, mergeBlockErrors, progressFraction, runningRebalance, toWorkerView } from "./maintenance";

describe("background repairs for the console", () => {
  it("reads the share done from Carport's and Garage's progress texts", () => {
    expect(progressFraction("copying moved partitions: 48 of 192 done, 300 blocks copied")).toBe(0.25);
    expect(progressFraction("restoring volume 0123: 10 of 40 blocks checked, 3 restored")).toBe(0.25);
    expect(progressFraction("12.5% (est. 3h left)")).toBe(0.125);
    expect(progressFraction("starting")).toBeNull();
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction("0 of 0 done")).toBeNull();
  });

  it("keeps the resync, rebalance and scrub workers, whatever their exact names", () => {
    expect(
      ["Block resync", "Block rebalance", "Block scrub", "block resync worker #1", "Block collector"].map(
        isRepairWorker,
      ),
    ).toEqual([true, true, true, true, false]);
  });

  it("turns a throttled state into its name", () => {
    const worker = toWorkerView({
      id: 3,
      name: "Block resync",
      state: { throttled: { durationSecs: 1.5 } },
      errors: 1,
      consecutiveErrors: 1,
      lastError: { message: "no good copy", secsAgo: 4 },
      progress: "2 of 8 blocks checked",
      queueLength: 6,
      tranquility: 2,
      freeform: [],
    });
    expect(worker).toMatchObject({ state: "throttled", fraction: 0.25, lastError: "no good copy", queueLength: 6 });
  });

  it("merges every node's block errors into one row per block, naming the nodes", () => {
    const error = (blockHash: string, errorCount: number, nextTryInSecs: number) => ({
      blockHash,
      refcount: 1,
      errorCount,
      lastTrySecsAgo: 1,
      nextTryInSecs,
    });
    const merged = mergeBlockErrors({ a: [error("h1", 1, 60), error("h2", 2, 10)], b: [error("h1", 3, 30)] });
    expect(merged).toEqual([
      { hash: "h1", refcount: 1, errorCount: 3, lastTrySecsAgo: 1, nextTryInSecs: 30, nodeIds: ["a", "b"] },
      { hash: "h2", refcount: 1, errorCount: 2, lastTrySecsAgo: 1, nextTryInSecs: 10, nodeIds: ["a"] },
    ]);
  });

  it("finds the rebalance some node reports running", () => {
    const view = (name: string, progress: string | null) =>
      toWorkerView({ id: 1, name, state: "busy", errors: 0, consecutiveErrors: 0, progress, freeform: [] });
    const data = {
      nodes: [
        { nodeId: "a", workers: [view("Block rebalance", null)] },
        { nodeId: "b", workers: [view("Block rebalance", "copying moved partitions: 1 of 4 done")] },
      ],
      blockErrors: [],
      unreachable: [],
    };
    expect(runningRebalance(data)).toMatchObject({ nodeId: "b", fraction: 0.25 });
    expect(runningRebalance({ ...data, nodes: [data.nodes[0]] })).toBeNull();
  });
});
