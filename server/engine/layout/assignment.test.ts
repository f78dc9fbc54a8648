import { describe, expect, it } from "vitest";
import { computeAssignment, countMovedCopies, type AssignmentInput } from "./assignment";
import { PARTITION_COUNT, type NodeId, type NodeRole } from "./types";

const GB = 1_000_000_000;
const nodeId = (n: number): NodeId => n.toString(16).padStart(64, "0");

function roles(...nodes: [zone: string, capacityBytes: number | null][]): Record<NodeId, NodeRole> {
  return Object.fromEntries(
    nodes.map(([zone, capacityBytes], i) => [nodeId(i + 1), { zone, capacityBytes, tags: [] }]),
  );
}

function assign(input: Partial<AssignmentInput> & Pick<AssignmentInput, "roles">) {
  const result = computeAssignment({
    zoneRedundancy: "maximum",
    replicationFactor: 3,
    previousAssignment: [],
    ...input,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function errorOf(input: Partial<AssignmentInput> & Pick<AssignmentInput, "roles">): string {
  const result = computeAssignment({
    zoneRedundancy: "maximum",
    replicationFactor: 3,
    previousAssignment: [],
    ...input,
  });
  if (result.ok) throw new Error("expected an error");
  return result.error.code;
}

function storedBy(assignment: NodeId[][]): Map<NodeId, number> {
  const counts = new Map<NodeId, number>();
  for (const row of assignment) for (const id of row) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe("Garage's documented examples", () => {
  const threeZones = roles(["dc1", GB], ["dc2", GB], ["dc3", GB]);

  it("three equal nodes in three zones, rf 3: every node stores every partition", () => {
    const result = assign({ roles: threeZones });
    expect(result.partitionSizeBytes).toBe(Math.floor(GB / PARTITION_COUNT));
    expect(result.effectiveZoneRedundancy).toBe(3);
    for (let n = 1; n <= 3; n++) expect(storedBy(result.assignment).get(nodeId(n))).toBe(256);
  });

  it("a fourth equal node in dc1 gets nothing until dc1's capacities are halved", () => {
    const first = assign({ roles: threeZones });
    const fourNodes = { ...threeZones, [nodeId(4)]: { zone: "dc1", capacityBytes: GB, tags: [] } };
    const second = assign({ roles: fourNodes, previousAssignment: first.assignment });
    expect(second.partitionSizeBytes).toBe(first.partitionSizeBytes);
    expect(storedBy(second.assignment).get(nodeId(4)) ?? 0).toBe(0);
    expect(countMovedCopies(first.assignment, second.assignment)).toBe(0);

    const halved = {
      ...fourNodes,
      [nodeId(1)]: { zone: "dc1", capacityBytes: GB / 2, tags: [] },
      [nodeId(4)]: { zone: "dc1", capacityBytes: GB / 2, tags: [] },
    };
    const third = assign({ roles: halved, previousAssignment: second.assignment });
    expect(third.partitionSizeBytes).toBe(first.partitionSizeBytes);
    expect(storedBy(third.assignment).get(nodeId(1))).toBe(128);
    expect(storedBy(third.assignment).get(nodeId(4))).toBe(128);
    expect(countMovedCopies(second.assignment, third.assignment)).toBe(128);
  });

  it("rf 1 spreads partitions in proportion to capacity", () => {
    const result = assign({ roles: roles(["dc1", GB], ["dc1", 2 * GB], ["dc1", GB]), replicationFactor: 1 });
    expect(result.partitionSizeBytes).toBe(15_625_000);
    const stored = storedBy(result.assignment);
    expect([stored.get(nodeId(1)), stored.get(nodeId(2)), stored.get(nodeId(3))]).toEqual([64, 128, 64]);
  });

  it("rf 2: maximum redundancy forces a copy into each zone, atLeast 1 does not", () => {
    const cluster = roles(["dc1", GB], ["dc2", GB], ["dc2", GB]);
    const maximum = assign({ roles: cluster, replicationFactor: 2 });
    expect(maximum.effectiveZoneRedundancy).toBe(2);
    expect(maximum.partitionSizeBytes).toBe(Math.floor(GB / 256));
    expect(storedBy(maximum.assignment).get(nodeId(1))).toBe(256);

    const atLeastOne = assign({ roles: cluster, replicationFactor: 2, zoneRedundancy: { atLeast: 1 } });
    expect(atLeastOne.effectiveZoneRedundancy).toBe(1);
    // 512 copies over three equal nodes: each must take ⌈512/3⌉ = 171.
    expect(atLeastOne.partitionSizeBytes).toBe(Math.floor(GB / 171));
  });

  it("maximum means min(zones, rf): five zones with rf 3 still asks for 3", () => {
    const cluster = roles(["a", GB], ["b", GB], ["c", GB], ["d", GB], ["e", GB]);
    expect(assign({ roles: cluster }).effectiveZoneRedundancy).toBe(3);
    expect(assign({ roles: roles(["a", GB], ["b", GB], ["b", GB]) }).effectiveZoneRedundancy).toBe(2);
  });

  it("gateways take no partitions", () => {
    const result = assign({ roles: roles(["dc1", GB], ["dc2", GB], ["dc3", GB], ["dc4", null]) });
    expect(storedBy(result.assignment).has(nodeId(4))).toBe(false);
    expect(result.effectiveZoneRedundancy).toBe(3);
  });
});

describe("errors", () => {
  it("fewer storage nodes than the replication factor", () => {
    expect(errorOf({ roles: roles(["dc1", GB], ["dc2", GB]) })).toBe("NotEnoughStorageNodes");
  });
  it("fewer zones than the asked redundancy", () => {
    expect(errorOf({ roles: roles(["a", GB], ["b", GB], ["b", GB]), zoneRedundancy: { atLeast: 3 } })).toBe(
      "NotEnoughZones",
    );
  });
  it("atLeast above the replication factor", () => {
    expect(errorOf({ roles: roles(["a", GB], ["b", GB], ["c", GB]), zoneRedundancy: { atLeast: 4 } })).toBe(
      "InvalidZoneRedundancy",
    );
  });
  it("a node with zero capacity", () => {
    expect(errorOf({ roles: roles(["a", GB], ["b", 0], ["c", GB]) })).toBe("ZeroCapacity");
  });
  it("no storage nodes", () => {
    expect(errorOf({ roles: roles(["a", null]) })).toBe("NoStorageNodes");
    expect(errorOf({ roles: {} })).toBe("NoStorageNodes");
  });
  it("capacity too small for even 1-byte partitions", () => {
    expect(errorOf({ roles: roles(["a", 100], ["b", 100], ["c", 100]) })).toBe("CapacityTooSmall");
  });
});

describe("moves", () => {
  it("recomputing an unchanged layout moves nothing and keeps each row's order", () => {
    const cluster = roles(["a", 3 * GB], ["b", GB], ["b", 2 * GB], ["c", 5 * GB], ["c", GB]);
    const first = assign({ roles: cluster });
    const again = assign({ roles: cluster, previousAssignment: first.assignment });
    expect(again.assignment).toEqual(first.assignment);
  });

  it("removing a node moves only the copies it held", () => {
    const cluster = roles(["a", GB], ["b", GB], ["c", GB], ["a", GB], ["b", GB], ["c", GB]);
    const first = assign({ roles: cluster });
    const held = storedBy(first.assignment).get(nodeId(6)) ?? 0;
    const rest = Object.fromEntries(Object.entries(cluster).filter(([id]) => id !== nodeId(6)));
    const second = assign({ roles: rest, previousAssignment: first.assignment });
    expect(second.partitionSizeBytes).toBeLessThanOrEqual(first.partitionSizeBytes);
    expect(countMovedCopies(first.assignment, second.assignment)).toBeGreaterThanOrEqual(held);
    const scratch = assign({ roles: rest });
    expect(countMovedCopies(first.assignment, second.assignment)).toBeLessThanOrEqual(
      countMovedCopies(first.assignment, scratch.assignment),
    );
  });
});
