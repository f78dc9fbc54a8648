import { describe, expect, it } from "vitest";
import {
  applyLayout,
  createLayoutHistory,
  currentLayout,
  layoutHistorySummary,
  markSynced,
  previewLayout,
} from "./history";
import { nodesOfPartition, nodeUsage, partitionOf } from "./partition";
import { revertStaging, stageParameters, stageRoleChanges } from "./staging";
import { formatBytesSI } from "./statistics";
import type { LayoutHistory, NodeId, RoleChange } from "./types";

const GB = 1_000_000_000;
const nodeId = (n: number): NodeId => n.toString(16).padStart(64, "0");

function stage(history: LayoutHistory, changes: RoleChange[]): LayoutHistory {
  const result = stageRoleChanges(history, changes);
  if (!result.ok) throw new Error(result.error.message);
  return result.history;
}

function apply(history: LayoutHistory, version = currentLayout(history).version + 1) {
  const result = applyLayout(history, version);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const threeNodes: RoleChange[] = [1, 2, 3].map((n) => ({
  id: nodeId(n),
  zone: `dc${n}`,
  capacityBytes: GB,
  tags: [`node${n}`],
}));

describe("staging", () => {
  it("stages, previews without applying, and reverts", () => {
    const staged = stage(createLayoutHistory(3), threeNodes);
    expect(Object.keys(staged.staging.roles)).toHaveLength(3);
    const preview = previewLayout(staged);
    expect(preview.ok && preview.newVersion.version).toBe(1);
    expect(currentLayout(staged).version).toBe(0);
    expect(revertStaging(staged).staging).toEqual({ roles: {}, parameters: null });
  });

  it("rejects bad ids and bad roles without staging anything", () => {
    const history = createLayoutHistory(3);
    const badId = stageRoleChanges(history, [{ id: "abc", zone: "dc1", capacityBytes: GB, tags: [] }]);
    expect(!badId.ok && badId.error.code).toBe("InvalidNodeId");
    const badCapacity = stageRoleChanges(history, [
      ...threeNodes,
      { id: nodeId(9), zone: "dc1", capacityBytes: -1, tags: [] },
    ]);
    expect(!badCapacity.ok && badCapacity.error.code).toBe("InvalidRole");
    const badZone = stageRoleChanges(history, [{ id: nodeId(9), zone: "", capacityBytes: GB, tags: [] }]);
    expect(!badZone.ok && badZone.error.code).toBe("InvalidRole");
  });

  it("removing a node without a current role just unstages it", () => {
    const staged = stage(createLayoutHistory(3), threeNodes);
    const unstaged = stage(staged, [{ id: nodeId(1), remove: true }]);
    expect(nodeId(1) in unstaged.staging.roles).toBe(false);
    const applied = apply(stage(createLayoutHistory(3), threeNodes)).history;
    expect(stage(applied, [{ id: nodeId(1), remove: true }]).staging.roles[nodeId(1)]).toBeNull();
  });

  it("checks zone redundancy parameters against the replication factor", () => {
    const history = createLayoutHistory(3);
    const tooHigh = stageParameters(history, { zoneRedundancy: { atLeast: 4 } });
    expect(!tooHigh.ok && tooHigh.error.code).toBe("InvalidZoneRedundancy");
    const fine = stageParameters(history, { zoneRedundancy: { atLeast: 2 } });
    expect(fine.ok && fine.history.staging.parameters).toEqual({ zoneRedundancy: { atLeast: 2 } });
  });
});

describe("applying versions", () => {
  it("requires exactly current + 1 and names the expected version", () => {
    const staged = stage(createLayoutHistory(3), threeNodes);
    for (const wrong of [0, 2, 7]) {
      const result = applyLayout(staged, wrong);
      expect(!result.ok && result.error.code).toBe("InvalidVersion");
      expect(!result.ok && result.error.message).toContain("the next version is 1");
    }
    const first = apply(staged, 1);
    expect(currentLayout(first.history).version).toBe(1);
    expect(first.history.staging).toEqual({ roles: {}, parameters: null });
    const replay = applyLayout(first.history, 1);
    expect(!replay.ok && replay.error.code).toBe("InvalidVersion");
  });

  it("reports Garage's messages and the spec's statistics", () => {
    const first = apply(stage(createLayoutHistory(3), threeNodes));
    expect(first.messages).toContain("Partitions are replicated 3 times on at least 3 distinct zones.");
    expect(first.messages).toContain("Optimal partition size:                     3.9 MB");
    expect(
      first.messages.some((line) =>
        line.startsWith("Usable capacity / total cluster capacity:   3.0 GB / 3.0 GB (100.0 %)"),
      ),
    ).toBe(true);
    expect(first.messages).toContain("Effective capacity (replication factor 3):  1.0 GB");
    expect(first.statistics).toMatchObject({
      replicationFactor: 3,
      effectiveZoneRedundancy: 3,
      partitionSize: 3_906_250,
      previousPartitionSize: null,
      lowPartitionSize: false,
      usableCapacity: 3_906_250 * 256 * 3,
      totalCapacity: 3 * GB,
      effectiveCapacity: 3_906_250 * 256,
      lowUsableCapacity: false,
      totalMovedPartitions: null,
    });
    expect(first.statistics.zones[0]).toMatchObject({
      name: "dc1",
      totalReplicatedPartitions: 256,
      uniquePartitions: 256,
    });
    expect(first.statistics.zones[0].nodes[0]).toMatchObject({
      id: nodeId(1),
      tags: ["node1"],
      storedPartitions: 256,
      newPartitions: 256,
    });

    const fourth = stage(first.history, [{ id: nodeId(4), zone: "dc1", capacityBytes: GB, tags: [] }]);
    const second = apply(fourth);
    expect(second.messages).toContain("Optimal partition size:                     3.9 MB (3.9 MB in previous layout)");
    expect(second.messages).toContain("A total of 0 new copies of partitions need to be transferred.");
    expect(second.statistics.lowUsableCapacity).toBe(true);
    expect(second.messages.some((line) => line.startsWith("If the percentage is too low"))).toBe(true);

    const halved = stage(
      second.history,
      [1, 4].map((n) => ({ id: nodeId(n), zone: "dc1", capacityBytes: GB / 2, tags: [] })),
    );
    const third = apply(halved);
    expect(third.messages).toContain("A total of 128 new copies of partitions need to be transferred.");
    expect(third.statistics.totalMovedPartitions).toBe(128);
  });

  it("re-applying an unchanged layout moves nothing", () => {
    const first = apply(stage(createLayoutHistory(2), threeNodes));
    const again = apply(first.history);
    expect(again.statistics.totalMovedPartitions).toBe(0);
    expect(currentLayout(again.history).assignment).toEqual(currentLayout(first.history).assignment);
  });

  it("warns when partitions are tiny", () => {
    const tiny = [1, 2, 3].map((n) => ({ id: nodeId(n), zone: `dc${n}`, capacityBytes: 10_000, tags: [] }));
    const result = apply(stage(createLayoutHistory(3), tiny));
    expect(result.statistics.lowPartitionSize).toBe(true);
    expect(result.messages.some((line) => line.startsWith("WARNING: The partition size is low"))).toBe(true);
  });

  it("returns computation errors and leaves the history alone", () => {
    const twoNodes = stage(createLayoutHistory(3), threeNodes.slice(0, 2));
    const result = applyLayout(twoNodes, 1);
    expect(!result.ok && result.error.message).toBe(
      "The number of nodes with positive capacity (2) is smaller than the replication factor (3).",
    );
  });
});

describe("history summary", () => {
  it("keeps older versions Draining until every involved node has synced", () => {
    const nodeIds = [1, 2, 3].map(nodeId);
    const v1 = apply(
      stage(createLayoutHistory(3), [...threeNodes, { id: nodeId(5), zone: "gw", capacityBytes: null, tags: [] }]),
    ).history;
    const v2 = apply(stage(v1, [{ id: nodeId(4), zone: "dc1", capacityBytes: GB, tags: [] }])).history;
    const summary = layoutHistorySummary(v2);
    expect(summary.currentVersion).toBe(2);
    expect(summary.minAck).toBe(2);
    expect(summary.versions).toEqual([
      { version: 2, status: "Current", storageNodes: 4, gatewayNodes: 1 },
      { version: 1, status: "Draining", storageNodes: 3, gatewayNodes: 1 },
      { version: 0, status: "Historical", storageNodes: 0, gatewayNodes: 0 },
    ]);
    let synced = v2;
    for (const id of [...nodeIds, nodeId(4)]) synced = markSynced(synced, id, 2);
    expect(layoutHistorySummary(synced).versions.map((v) => v.status)).toEqual(["Current", "Historical", "Historical"]);
    expect(layoutHistorySummary(synced).updateTrackers[nodeId(4)]).toEqual({ ack: 2, sync: 2, syncAck: 2 });
  });

  it("never reuses a version number and drops only the oldest historical versions", () => {
    let history = stage(createLayoutHistory(1), threeNodes);
    for (let i = 0; i < 10; i++) {
      history = apply(history).history;
      for (const change of threeNodes) history = markSynced(history, change.id, currentLayout(history).version);
    }
    const versions = history.versions.map((v) => v.version);
    expect(versions[versions.length - 1]).toBe(10);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.length).toBeLessThanOrEqual(6);
  });
});

describe("partitions", () => {
  it("maps a hash to its first byte and a partition to its nodes", () => {
    const hash = new Uint8Array(32);
    hash[0] = 0xab;
    hash[1] = 0xff;
    expect(partitionOf(hash)).toBe(0xab);
    const history = apply(stage(createLayoutHistory(3), threeNodes)).history;
    expect([...nodesOfPartition(currentLayout(history), 0xab)].sort()).toEqual([1, 2, 3].map(nodeId));
    expect(nodesOfPartition(createLayoutHistory(3).versions[0], 0)).toEqual([]);
    expect(nodeUsage(currentLayout(history))[nodeId(2)]).toEqual({
      storedPartitions: 256,
      usableCapacityBytes: 256 * 3_906_250,
    });
  });

  it("formats bytes the way Garage does (SI units)", () => {
    expect(formatBytesSI(0)).toBe("0 B");
    expect(formatBytesSI(999)).toBe("999 B");
    expect(formatBytesSI(1000)).toBe("1.0 kB");
    expect(formatBytesSI(3_906_250)).toBe("3.9 MB");
    expect(formatBytesSI(999_999_999)).toBe("1000.0 MB");
  });
});
