/**
 * A residual flow graph with integer capacities and costs, Dinic's max flow, and a
 * primal-dual min-cost max flow built on it. Edges live in typed arrays (edge e and its
 * reverse e^1 are adjacent) because the layout graph has tens of thousands of edges and is
 * solved dozens of times per layout computation.
 */
import { assert } from "../../util/assert";

export class FlowGraph {
  readonly vertexCount: number;
  private edgeCount = 0;
  private head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  private capacity: Int32Array;
  private flow: Int32Array;
  private cost: Int32Array;
  private level: Int32Array;
  private cursor: Int32Array;

  constructor(vertexCount: number, maxEdges: number) {
    this.vertexCount = vertexCount;
    this.head = new Int32Array(vertexCount).fill(-1);
    const slots = 2 * maxEdges;
    this.next = new Int32Array(slots);
    this.to = new Int32Array(slots);
    this.capacity = new Int32Array(slots);
    this.flow = new Int32Array(slots);
    this.cost = new Int32Array(slots);
    this.level = new Int32Array(vertexCount);
    this.cursor = new Int32Array(vertexCount);
  }

  /** Adds u→v and its residual twin; returns the edge index (for setCapacity / flowOn). */
  addEdge(from: number, to: number, capacity: number, cost = 0): number {
    assert(this.edgeCount + 2 <= this.to.length, "flow graph: edge storage exhausted");
    assert(Number.isInteger(capacity) && capacity >= 0 && capacity <= 0x7fffffff, "flow graph: bad capacity");
    const edge = this.edgeCount;
    this.link(edge, from, to, capacity, cost);
    this.link(edge + 1, to, from, 0, -cost);
    this.edgeCount += 2;
    return edge;
  }

  private link(edge: number, from: number, to: number, capacity: number, cost: number): void {
    this.to[edge] = to;
    this.capacity[edge] = capacity;
    this.cost[edge] = cost;
    this.next[edge] = this.head[from];
    this.head[from] = edge;
  }

  setCapacity(edge: number, capacity: number): void {
    this.capacity[edge] = capacity;
  }

  flowOn(edge: number): number {
    return this.flow[edge];
  }

  resetFlow(): void {
    this.flow.fill(0);
  }

  private residual(edge: number): number {
    return this.capacity[edge] - this.flow[edge];
  }

  /** Dinic's algorithm; `admissible` (if given) restricts which residual edges may be used. */
  maxFlow(source: number, sink: number, admissible?: (from: number, edge: number) => boolean): number {
    let total = 0;
    while (this.buildLevels(source, sink, admissible)) {
      this.cursor.set(this.head);
      for (let pushed = this.augment(source, sink, admissible); pushed > 0;) {
        total += pushed;
        pushed = this.augment(source, sink, admissible);
      }
    }
    return total;
  }

  private buildLevels(source: number, sink: number, admissible?: (from: number, edge: number) => boolean): boolean {
    this.level.fill(-1);
    const queue = new Int32Array(this.vertexCount);
    let read = 0;
    let write = 0;
    queue[write++] = source;
    this.level[source] = 0;
    while (read < write) {
      const u = queue[read++];
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        const v = this.to[e];
        if (this.level[v] !== -1 || this.residual(e) <= 0) continue;
        if (admissible && !admissible(u, e)) continue;
        this.level[v] = this.level[u] + 1;
        queue[write++] = v;
      }
    }
    return this.level[sink] !== -1;
  }

  /**
   * Finds one source→sink path in the level graph and pushes its bottleneck. Iterative, so a
   * long path through the residual graph cannot overflow the call stack.
   */
  private augment(source: number, sink: number, admissible?: (from: number, edge: number) => boolean): number {
    const pathEdges: number[] = [];
    let u = source;
    while (u !== sink) {
      const e = this.nextLevelEdge(u, admissible);
      if (e === -1) {
        if (u === source) return 0;
        this.level[u] = -1; // dead end: never revisit it in this phase
        const back = pathEdges.pop() as number;
        u = this.to[back ^ 1];
        continue;
      }
      pathEdges.push(e);
      u = this.to[e];
    }
    let bottleneck = Infinity;
    for (const e of pathEdges) bottleneck = Math.min(bottleneck, this.residual(e));
    for (const e of pathEdges) {
      this.flow[e] += bottleneck;
      this.flow[e ^ 1] -= bottleneck;
    }
    return bottleneck;
  }

  private nextLevelEdge(u: number, admissible?: (from: number, edge: number) => boolean): number {
    for (let e = this.cursor[u]; e !== -1; e = this.next[e]) {
      const v = this.to[e];
      const usable = this.residual(e) > 0 && this.level[v] === this.level[u] + 1;
      if (usable && (!admissible || admissible(u, e))) {
        this.cursor[u] = e;
        return e;
      }
    }
    this.cursor[u] = -1;
    return -1;
  }

  /**
   * Min-cost max flow by the primal-dual method: shortest distances (Bellman-Ford with a
   * queue; costs may be negative on residual twins, but the flow stays cost-optimal so
   * there is never a negative cycle), then a Dinic blocking flow on the zero-reduced-cost
   * edges, repeated until the sink is unreachable. Costs here are small integers, so the
   * number of phases is small.
   */
  minCostMaxFlow(source: number, sink: number): { flow: number; cost: number } {
    let total = 0;
    const distance = new Float64Array(this.vertexCount);
    for (
      this.shortestDistances(source, distance);
      Number.isFinite(distance[sink]);
      this.shortestDistances(source, distance)
    ) {
      const tight = (from: number, edge: number): boolean =>
        distance[from] + this.cost[edge] === distance[this.to[edge]];
      const pushed = this.maxFlow(source, sink, tight);
      assert(pushed > 0, "flow graph: a shortest path exists but nothing was pushed");
      total += pushed;
    }
    return { flow: total, cost: this.totalCost() };
  }

  private shortestDistances(source: number, distance: Float64Array): void {
    distance.fill(Infinity);
    const inQueue = new Uint8Array(this.vertexCount);
    // A ring buffer suffices: a vertex is in the queue at most once at a time.
    const ring = new Int32Array(this.vertexCount + 1);
    let read = 0;
    let write = 0;
    ring[write++] = source;
    distance[source] = 0;
    inQueue[source] = 1;
    while (read !== write) {
      const u = ring[read];
      read = (read + 1) % ring.length;
      inQueue[u] = 0;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.residual(e) <= 0) continue;
        const v = this.to[e];
        const candidate = distance[u] + this.cost[e];
        if (candidate >= distance[v]) continue;
        distance[v] = candidate;
        if (inQueue[v]) continue;
        inQueue[v] = 1;
        ring[write] = v;
        write = (write + 1) % ring.length;
      }
    }
  }

  private totalCost(): number {
    let sum = 0;
    for (let e = 0; e < this.edgeCount; e += 2) sum += this.flow[e] * this.cost[e];
    return sum;
  }
}
