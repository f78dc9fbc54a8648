/**
 * What a crash may and may not leave behind, per key. Operations on one key are
 * issued one at a time (the workload keeps a per-key lock), so a key's history is a
 * sequence: everything before the last acknowledged operation is settled, and only
 * the operations after it (unacknowledged: in flight at the kill) may or may not
 * have happened. "Acknowledged" means the client received a complete 2xx.
 */

export type State = { kind: "absent" } | { kind: "body"; sha256: string };

export const absent: State = { kind: "absent" };

export interface Operation {
  kind: "put" | "delete";
  /** The body's SHA-256 for a PUT. */
  sha256: string | null;
  acknowledged: boolean;
}

export type Verdict = "ok" | "lost" | "torn" | "resurrected";

function resultOf(operation: Operation): State {
  return operation.kind === "put" && operation.sha256 !== null ? { kind: "body", sha256: operation.sha256 } : absent;
}

function same(a: State, b: State): boolean {
  return a.kind === b.kind && (a.kind === "absent" || (b.kind === "body" && a.sha256 === b.sha256));
}

export class KeyHistory {
  /** The state verified after the previous restart (absent before the first round). */
  private baseline: State = absent;
  private operations: Operation[] = [];
  /** Every body ever sent for this key, acknowledged or not: anything else visible is torn. */
  private readonly everSent = new Set<string>();

  begin(operation: Operation): Operation {
    if (operation.sha256 !== null) this.everSent.add(operation.sha256);
    this.operations.push(operation);
    return operation;
  }

  /** The states the key may be in after a crash: the last acknowledged result, or any unacknowledged one after it. */
  allowed(): State[] {
    const lastAcknowledged = this.operations.findLastIndex((operation) => operation.acknowledged);
    const settled = lastAcknowledged >= 0 ? resultOf(this.operations[lastAcknowledged]) : this.baseline;
    return [settled, ...this.operations.slice(lastAcknowledged + 1).map(resultOf)];
  }

  classify(visible: State): Verdict {
    if (visible.kind === "body" && !this.everSent.has(visible.sha256)) return "torn";
    const allowed = this.allowed();
    if (allowed.some((state) => same(state, visible))) return "ok";
    // The settled state says absent and a body is back: a delete (or the key's absence) was undone.
    return allowed[0].kind === "absent" ? "resurrected" : "lost";
  }

  /** True when what is visible is the work of an interrupted (unacknowledged) operation, not the settled state. */
  interruptedApplied(visible: State): boolean {
    const [settled, ...interrupted] = this.allowed();
    return !same(settled, visible) && interrupted.some((state) => same(state, visible));
  }

  /** After verification: what was seen becomes the baseline of the next round. */
  settle(visible: State): void {
    this.baseline = visible;
    this.operations = [];
  }

  get acknowledgedPuts(): number {
    return this.operations.filter((operation) => operation.acknowledged && operation.kind === "put").length;
  }

  get acknowledgedDeletes(): number {
    return this.operations.filter((operation) => operation.acknowledged && operation.kind === "delete").length;
  }

  get unacknowledged(): number {
    return this.operations.filter((operation) => !operation.acknowledged).length;
  }
}

/** mulberry32: a small seeded generator, so a failing round can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
