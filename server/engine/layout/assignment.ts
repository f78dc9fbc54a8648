/**
 * Garage's (≥ 0.9) partition assignment: the largest partition size for which every
 * partition fits on replicationFactor distinct nodes spread over enough zones, then, among
 * the assignments at that size, one that moves the fewest partition copies.
 */
import { assert } from "../../util/assert";
import { type ClusterShape, PartitionNetwork, type StorageNode } from "./partition-network";
import {
  layoutError,
  MAX_STORAGE_NODES,
  PARTITION_COUNT,
  type LayoutResult,
  type NodeId,
  type NodeRole,
  type ZoneRedundancy,
} from "./types";

export interface AssignmentInput {
  roles: Record<NodeId, NodeRole>;
  zoneRedundancy: ZoneRedundancy;
  replicationFactor: number;
  /** The previous version's assignment ([] when there was none). */
  previousAssignment: NodeId[][];
}

export interface Assignment {
  partitionSizeBytes: number;
  effectiveZoneRedundancy: number;
  assignment: NodeId[][];
}

/** Checks an `atLeast` value against the replication factor; null when valid. */
export function zoneRedundancyProblem(redundancy: ZoneRedundancy, replicationFactor: number): string | null {
  if (redundancy === "maximum") return null;
  const n = redundancy.atLeast;
  if (Number.isInteger(n) && n >= 1 && n <= replicationFactor) return null;
  return `The zone redundancy (${n}) must be an integer between 1 and the replication factor (${replicationFactor}).`;
}

/** The storage nodes (sorted by id, so results do not depend on insertion order) and their zones. */
export function clusterShape(
  roles: Record<NodeId, NodeRole>,
  redundancy: ZoneRedundancy,
  replicationFactor: number,
): ClusterShape {
  const storage = Object.entries(roles)
    .filter(([, role]) => role.capacityBytes !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const zoneNames = [...new Set(storage.map(([, role]) => role.zone))].sort();
  const nodes: StorageNode[] = storage.map(([id, role]) => ({
    id,
    zoneIndex: zoneNames.indexOf(role.zone),
    capacityBytes: role.capacityBytes ?? 0,
  }));
  const effectiveZoneRedundancy =
    redundancy === "maximum" ? Math.min(zoneNames.length, replicationFactor) : redundancy.atLeast;
  return { nodes, zoneNames, replicationFactor, effectiveZoneRedundancy };
}

function shapeProblem(input: AssignmentInput, shape: ClusterShape): LayoutResult<Record<never, never>> {
  const rf = input.replicationFactor;
  const zeroNode = shape.nodes.find((node) => node.capacityBytes <= 0);
  if (zeroNode) {
    return layoutError(
      "ZeroCapacity",
      `Node ${zeroNode.id} has a capacity of 0 bytes: give it a positive capacity, or no capacity to make it a gateway.`,
    );
  }
  const redundancyProblem = zoneRedundancyProblem(input.zoneRedundancy, rf);
  if (redundancyProblem) return layoutError("InvalidZoneRedundancy", redundancyProblem);
  if (shape.nodes.length === 0) {
    return layoutError(
      "NoStorageNodes",
      "The layout has no node with a positive capacity: there is nowhere to store data.",
    );
  }
  if (shape.nodes.length > MAX_STORAGE_NODES) {
    return layoutError(
      "TooManyStorageNodes",
      `There are more than ${MAX_STORAGE_NODES} non-gateway nodes in the new layout. This is not allowed.`,
    );
  }
  if (shape.nodes.length < rf) {
    return layoutError(
      "NotEnoughStorageNodes",
      `The number of nodes with positive capacity (${shape.nodes.length}) is smaller than the replication factor (${rf}).`,
    );
  }
  if (shape.zoneNames.length < shape.effectiveZoneRedundancy) {
    return layoutError(
      "NotEnoughZones",
      `The number of zones with non-gateway nodes (${shape.zoneNames.length}) is smaller than the redundancy parameter (${shape.effectiveZoneRedundancy}).`,
    );
  }
  return { ok: true };
}

/**
 * Feasibility depends only on each node's slot count min(256, ⌊capacity/size⌋), so the
 * largest feasible size is always ⌊capacity_i / k⌋ for some node i and k ≤ 256. Searching
 * these candidates gives Garage's answer in ~15 max-flow runs instead of ~50.
 */
function candidateSizes(nodes: StorageNode[]): number[] {
  const sizes = new Set<number>([1]);
  for (const node of nodes) {
    for (let k = 1; k <= PARTITION_COUNT; k++) {
      const size = Math.floor(node.capacityBytes / k);
      if (size < 1) break;
      sizes.add(size);
    }
  }
  return [...sizes].sort((a, b) => a - b);
}

/** Binary search for the largest feasible size; null when not even 1 byte works. */
function largestFeasibleSize(network: PartitionNetwork, nodes: StorageNode[]): number | null {
  const sizes = candidateSizes(nodes);
  if (!network.isFeasible(sizes[0])) return null;
  let low = 0;
  let high = sizes.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (network.isFeasible(sizes[middle])) low = middle;
    else high = middle - 1;
  }
  return sizes[low];
}

function previousIndexSets(previous: NodeId[][], nodes: StorageNode[]): Set<number>[] | null {
  if (previous.length === 0) return null;
  const indexOf = new Map(nodes.map((node, n) => [node.id, n]));
  return previous.map((row) => new Set(row.flatMap((id) => (indexOf.has(id) ? [indexOf.get(id) as number] : []))));
}

/** Keeps copies that stay in their previous position, so nodesOfPartition order is stable. */
function orderRow(row: NodeId[], previousRow: NodeId[] | undefined): NodeId[] {
  const kept = (previousRow ?? []).filter((id) => row.includes(id));
  return [...kept, ...row.filter((id) => !kept.includes(id))];
}

export function computeAssignment(input: AssignmentInput): LayoutResult<Assignment> {
  const shape = clusterShape(input.roles, input.zoneRedundancy, input.replicationFactor);
  const problem = shapeProblem(input, shape);
  if (!problem.ok) return problem;
  const network = new PartitionNetwork(shape, previousIndexSets(input.previousAssignment, shape.nodes));
  const partitionSizeBytes = largestFeasibleSize(network, shape.nodes);
  if (partitionSizeBytes === null) {
    return layoutError(
      "CapacityTooSmall",
      "The storage capacity of the cluster is too small. It is impossible to store partitions of size 1.",
    );
  }
  const rows = network.assignAtMinimumMoves(partitionSizeBytes);
  assert(rows !== null, "assignment: a feasible partition size produced no full flow");
  const assignment = rows.map((row, p) =>
    orderRow(
      row.map((n) => shape.nodes[n].id),
      input.previousAssignment[p],
    ),
  );
  return { ok: true, partitionSizeBytes, effectiveZoneRedundancy: shape.effectiveZoneRedundancy, assignment };
}

/** Copies that a node must receive: Σ over partitions of nodes not holding them before. */
export function countMovedCopies(previous: NodeId[][], next: NodeId[][]): number {
  if (previous.length === 0) return 0;
  let moved = 0;
  next.forEach((row, p) => {
    for (const id of row) if (!previous[p]?.includes(id)) moved++;
  });
  return moved;
}
