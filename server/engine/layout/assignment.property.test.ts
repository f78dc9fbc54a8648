import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAssignment, countMovedCopies } from "./assignment";
import { PARTITION_COUNT, type NodeId, type NodeRole, type ZoneRedundancy } from "./types";

const nodeId = (n: number): NodeId => n.toString(16).padStart(64, "0");

interface Cluster {
  roles: Record<NodeId, NodeRole>;
  replicationFactor: number;
  zoneRedundancy: ZoneRedundancy;
}

const capacityArb = fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 1_000, max: 5_000_000 }));
const nodeArb = fc.record({ zone: fc.integer({ min: 0, max: 3 }), capacityBytes: capacityArb });

function toRoles(nodes: { zone: number; capacityBytes: number }[], offset = 0): Record<NodeId, NodeRole> {
  return Object.fromEntries(
    nodes.map((node, i) => [
      nodeId(i + 1 + offset),
      { zone: `z${node.zone}`, capacityBytes: node.capacityBytes, tags: [] },
    ]),
  );
}

const clusterArb: fc.Arbitrary<Cluster> = fc
  .record({
    nodes: fc.array(nodeArb, { minLength: 1, maxLength: 6 }),
    replicationFactor: fc.integer({ min: 1, max: 3 }),
    atLeast: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ nodes, replicationFactor, atLeast }) => ({
    roles: toRoles(nodes),
    replicationFactor,
    zoneRedundancy: atLeast === undefined ? "maximum" : { atLeast: Math.min(atLeast, replicationFactor) },
  }));

function zoneCount(roles: Record<NodeId, NodeRole>): number {
  return new Set(Object.values(roles).map((role) => role.zone)).size;
}

function effectiveRedundancy(cluster: Cluster): number {
  const { zoneRedundancy: zr, replicationFactor: rf } = cluster;
  return zr === "maximum" ? Math.min(zoneCount(cluster.roles), rf) : zr.atLeast;
}

/**
 * Independent feasibility check. All partitions are alike, so the flow network collapses to
 * one aggregated partition (same max flow, by integrality), whose min cut we enumerate: for
 * each choice of which of {Pup, Pdown, zones} sit on the source side, each node's best side
 * contributes min(its slots, 256). No flow code involved.
 */
function bruteForceFeasible(cluster: Cluster, partitionSizeBytes: number): boolean {
  const rf = cluster.replicationFactor;
  const zr = effectiveRedundancy(cluster);
  const zones = [...new Set(Object.values(cluster.roles).map((role) => role.zone))];
  const zoneSlots = zones.map((zone) =>
    Object.values(cluster.roles)
      .filter((role) => role.zone === zone)
      .reduce(
        (sum, role) => sum + Math.min(PARTITION_COUNT, Math.floor((role.capacityBytes ?? 0) / partitionSizeBytes)),
        0,
      ),
  );
  const P = PARTITION_COUNT;
  let minCut = Infinity;
  for (let mask = 0; mask < 1 << (zones.length + 2); mask++) {
    const upInSource = (mask & 1) !== 0;
    const downInSource = (mask & 2) !== 0;
    let cut = (upInSource ? 0 : P * zr) + (downInSource ? 0 : P * (rf - zr));
    zones.forEach((_, z) => {
      const zoneInSource = (mask & (4 << z)) !== 0;
      cut += zoneInSource ? zoneSlots[z] : (upInSource ? P : 0) + (downInSource ? P * rf : 0);
    });
    minCut = Math.min(minCut, cut);
  }
  return minCut >= P * rf;
}

function bruteForceOptimalSize(cluster: Cluster): number | null {
  let best: number | null = null;
  for (const role of Object.values(cluster.roles)) {
    for (let k = 1; k <= PARTITION_COUNT; k++) {
      const size = Math.floor((role.capacityBytes ?? 0) / k);
      if (size >= 1 && (best === null || size > best) && bruteForceFeasible(cluster, size)) best = size;
    }
  }
  return best;
}

function checkAssignmentInvariants(cluster: Cluster, assignment: NodeId[][], partitionSizeBytes: number): void {
  const zr = effectiveRedundancy(cluster);
  expect(assignment).toHaveLength(PARTITION_COUNT);
  const stored = new Map<NodeId, number>();
  for (const row of assignment) {
    expect(row).toHaveLength(cluster.replicationFactor);
    expect(new Set(row).size).toBe(cluster.replicationFactor);
    expect(new Set(row.map((id) => cluster.roles[id].zone)).size).toBeGreaterThanOrEqual(zr);
    for (const id of row) stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  for (const [id, count] of stored) {
    expect(count).toBeLessThanOrEqual(Math.floor((cluster.roles[id].capacityBytes ?? 0) / partitionSizeBytes));
  }
}

const RUNS = 150;

describe("assignment properties", () => {
  it("valid, optimal partition size, or an error the brute force agrees with", () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const result = computeAssignment({ ...cluster, previousAssignment: [] });
        const nodes = Object.keys(cluster.roles).length;
        if (!result.ok) {
          const expectedCode =
            nodes < cluster.replicationFactor
              ? "NotEnoughStorageNodes"
              : zoneCount(cluster.roles) < effectiveRedundancy(cluster)
                ? "NotEnoughZones"
                : "CapacityTooSmall";
          expect(result.error.code).toBe(expectedCode);
          if (expectedCode === "CapacityTooSmall") expect(bruteForceFeasible(cluster, 1)).toBe(false);
          return;
        }
        checkAssignmentInvariants(cluster, result.assignment, result.partitionSizeBytes);
        expect(result.partitionSizeBytes).toBe(bruteForceOptimalSize(cluster));
        expect(bruteForceFeasible(cluster, result.partitionSizeBytes + 1)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it("recomputing an unchanged layout moves nothing", () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const first = computeAssignment({ ...cluster, previousAssignment: [] });
        if (!first.ok) return;
        const again = computeAssignment({ ...cluster, previousAssignment: first.assignment });
        expect(again.ok && again.partitionSizeBytes).toBe(first.partitionSizeBytes);
        expect(again.ok && countMovedCopies(first.assignment, again.assignment)).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it("after a change, moves no more copies than a recomputation from scratch", () => {
    const changeArb = fc.record({
      before: clusterArb,
      // The new layout: some nodes kept (maybe resized or re-zoned), some removed, some added.
      keep: fc.array(fc.oneof(fc.constant("same" as const), fc.constant("remove" as const), nodeArb), {
        minLength: 6,
        maxLength: 6,
      }),
      added: fc.array(nodeArb, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(changeArb, ({ before, keep, added }) => {
        const first = computeAssignment({ ...before, previousAssignment: [] });
        if (!first.ok) return;
        const kept = Object.keys(before.roles).flatMap((id, i): [NodeId, NodeRole][] => {
          const change = keep[i];
          if (change === "remove") return [];
          if (change === "same") return [[id, before.roles[id]]];
          return [[id, { zone: `z${change.zone}`, capacityBytes: change.capacityBytes, tags: [] }]];
        });
        const after: Cluster = { ...before, roles: { ...Object.fromEntries(kept), ...toRoles(added, 100) } };
        const next = computeAssignment({ ...after, previousAssignment: first.assignment });
        const scratch = computeAssignment({ ...after, previousAssignment: [] });
        if (!next.ok || !scratch.ok) return;
        checkAssignmentInvariants(after, next.assignment, next.partitionSizeBytes);
        expect(next.partitionSizeBytes).toBe(scratch.partitionSizeBytes);
        expect(countMovedCopies(first.assignment, next.assignment)).toBeLessThanOrEqual(
          countMovedCopies(first.assignment, scratch.assignment),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
