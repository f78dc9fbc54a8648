/**
 * Garage's flow network for assigning partitions to nodes (src/rpc/layout/version.rs,
 * doc/optimal_layout_report). For each partition p:
 *   source → Pup(p)   capacity zr       (the copies that must land in distinct zones)
 *   source → Pdown(p) capacity rf − zr  (the remaining copies, free to share zones)
 *   Pup(p) → PZ(p,z)  capacity 1        (so the zr "up" copies use zr different zones)
 *   Pdown(p) → PZ(p,z) capacity rf
 *   PZ(p,z) → N(n)    capacity 1 for n in zone z (a node holds a partition at most once)
 *   N(n) → sink       capacity ⌊capacity(n) / partitionSize⌋
 * A flow of PARTITION_COUNT·rf is exactly a valid assignment.
 */
import { FlowGraph } from "./flow-graph";
import { PARTITION_COUNT } from "./types";

export interface StorageNode {
  id: string;
  zoneIndex: number;
  capacityBytes: number;
}

export interface ClusterShape {
  nodes: StorageNode[];
  zoneNames: string[];
  replicationFactor: number;
  effectiveZoneRedundancy: number;
}

const SOURCE = 0;
const SINK = 1;

export class PartitionNetwork {
  private readonly graph: FlowGraph;
  private readonly shape: ClusterShape;
  private readonly sinkEdges: number[] = [];
  /** assocEdges[p * nodeCount + n] is the edge PZ(p, zone(n)) → N(n). */
  private readonly assocEdges: Int32Array;

  /** `previous[p]` lists node indices that held p before; moving away from them costs 1. */
  constructor(shape: ClusterShape, previous: ReadonlySet<number>[] | null) {
    this.shape = shape;
    const zoneCount = shape.zoneNames.length;
    const nodeCount = shape.nodes.length;
    const vertexCount = 2 + PARTITION_COUNT * (2 + zoneCount) + nodeCount;
    const edgeCount = PARTITION_COUNT * (2 + 2 * zoneCount + nodeCount) + nodeCount;
    this.graph = new FlowGraph(vertexCount, edgeCount);
    this.assocEdges = new Int32Array(PARTITION_COUNT * nodeCount);
    for (let p = 0; p < PARTITION_COUNT; p++) this.addPartition(p, previous?.[p] ?? null);
    for (let n = 0; n < nodeCount; n++) this.sinkEdges.push(this.graph.addEdge(this.nodeVertex(n), SINK, 0));
  }

  private partitionBase(p: number): number {
    return 2 + p * (2 + this.shape.zoneNames.length);
  }

  private nodeVertex(n: number): number {
    return 2 + PARTITION_COUNT * (2 + this.shape.zoneNames.length) + n;
  }

  private addPartition(p: number, previous: ReadonlySet<number> | null): void {
    const { replicationFactor: rf, effectiveZoneRedundancy: zr, zoneNames, nodes } = this.shape;
    const up = this.partitionBase(p);
    const down = up + 1;
    this.graph.addEdge(SOURCE, up, zr);
    this.graph.addEdge(SOURCE, down, rf - zr);
    for (let z = 0; z < zoneNames.length; z++) {
      this.graph.addEdge(up, up + 2 + z, 1);
      this.graph.addEdge(down, up + 2 + z, rf);
    }
    nodes.forEach((node, n) => {
      const moveCost = previous === null || previous.has(n) ? 0 : 1;
      const edge = this.graph.addEdge(up + 2 + node.zoneIndex, this.nodeVertex(n), 1, moveCost);
      this.assocEdges[p * nodes.length + n] = edge;
    });
  }

  /** A node never usefully holds more than PARTITION_COUNT partitions; capping keeps capacities in int32. */
  private setPartitionSize(partitionSizeBytes: number): void {
    this.shape.nodes.forEach((node, n) => {
      const slots = Math.min(PARTITION_COUNT, Math.floor(node.capacityBytes / partitionSizeBytes));
      this.graph.setCapacity(this.sinkEdges[n], slots);
    });
  }

  private get requiredFlow(): number {
    return PARTITION_COUNT * this.shape.replicationFactor;
  }

  isFeasible(partitionSizeBytes: number): boolean {
    this.graph.resetFlow();
    this.setPartitionSize(partitionSizeBytes);
    return this.graph.maxFlow(SOURCE, SINK) === this.requiredFlow;
  }

  /**
   * Among all full flows at this partition size, finds one of least cost, i.e. the assignment
   * that keeps the most copies where they were. Returns node indices per partition, or null
   * when the size is infeasible.
   */
  assignAtMinimumMoves(partitionSizeBytes: number): number[][] | null {
    this.graph.resetFlow();
    this.setPartitionSize(partitionSizeBytes);
    const { flow } = this.graph.minCostMaxFlow(SOURCE, SINK);
    if (flow !== this.requiredFlow) return null;
    const nodeCount = this.shape.nodes.length;
    const rows: number[][] = [];
    for (let p = 0; p < PARTITION_COUNT; p++) {
      const row: number[] = [];
      for (let n = 0; n < nodeCount; n++) {
        if (this.graph.flowOn(this.assocEdges[p * nodeCount + n]) > 0) row.push(n);
      }
      rows.push(row);
    }
    return rows;
  }
}
