/**
 * What a crash may leave of one key in a versioned bucket: its whole list of
 * versions and delete markers, newest first. Operations on a key are issued one
 * at a time, so everything acknowledged is settled (each version with the id and
 * body the client was told, each delete marker with its id, each version deleted
 * by id gone) and only the operation in flight at the kill may or may not have
 * happened.
 */

export interface VersionEntry {
  id: string;
  marker: boolean;
  /** The body's SHA-256 for an object version; null for a delete marker. */
  sha256: string | null;
}

export type VersionOperation =
  | { kind: "put"; sha256: string; acknowledged: boolean; id: string | null }
  | { kind: "delete"; acknowledged: boolean; id: string | null }
  | { kind: "deleteVersion"; target: string; acknowledged: boolean };

export type VersionVerdict = "ok" | "lost" | "torn" | "resurrected";

/** A new entry made by the interrupted operation: its id was never told to the client. */
const unknownId = "";

export class VersionedKeyHistory {
  private settled: VersionEntry[] = [];
  private operations: VersionOperation[] = [];
  /** Ids whose permanent deletion was acknowledged: seeing one again is a resurrection. */
  private readonly removed = new Set<string>();

  begin<K extends VersionOperation["kind"]>(operation: Extract<VersionOperation, { kind: K }>): typeof operation {
    this.operations.push(operation);
    return operation;
  }

  /** The versions as the acknowledged operations left them, newest first. */
  acknowledged(): VersionEntry[] {
    let entries = [...this.settled];
    for (const operation of this.operations) {
      if (!operation.acknowledged) continue;
      if (operation.kind === "deleteVersion") entries = entries.filter((entry) => entry.id !== operation.target);
      else entries.unshift(entryOf(operation));
    }
    return entries;
  }

  /** The lists a crash may leave: the acknowledged one, or that with the interrupted operation applied. */
  allowed(): VersionEntry[][] {
    const base = this.acknowledged();
    const interrupted = this.operations.filter((operation) => !operation.acknowledged);
    const outcomes = [base];
    for (const operation of interrupted) {
      if (operation.kind === "deleteVersion") outcomes.push(base.filter((entry) => entry.id !== operation.target));
      else outcomes.push([{ ...entryOf(operation), id: unknownId }, ...base]);
    }
    return outcomes;
  }

  classify(listed: VersionEntry[]): VersionVerdict {
    const outcomes = this.allowed();
    if (outcomes.some((outcome) => matches(outcome, listed))) return "ok";
    const listedIds = new Set(listed.map((entry) => entry.id));
    if (listed.some((entry) => this.removed.has(entry.id))) return "resurrected";
    const mayGo = new Set(
      this.operations.flatMap((operation) => (operation.kind === "deleteVersion" ? [operation.target] : [])),
    );
    if (outcomes[0].some((entry) => !listedIds.has(entry.id) && !mayGo.has(entry.id))) return "lost";
    return "torn";
  }

  /** After verification: what was seen is the next round's starting point. */
  settle(listed: VersionEntry[]): void {
    for (const operation of this.operations)
      if (operation.kind === "deleteVersion" && !listed.some((entry) => entry.id === operation.target))
        this.removed.add(operation.target);
    this.settled = listed;
    this.operations = [];
  }

  get unacknowledged(): number {
    return this.operations.filter((operation) => !operation.acknowledged).length;
  }
}

function entryOf(operation: Exclude<VersionOperation, { kind: "deleteVersion" }>): VersionEntry {
  return operation.kind === "put"
    ? { id: operation.id ?? unknownId, marker: false, sha256: operation.sha256 }
    : { id: operation.id ?? unknownId, marker: true, sha256: null };
}

/** Same entries in the same order; an entry the client never learnt the id of matches any new id. */
function matches(expected: VersionEntry[], listed: VersionEntry[]): boolean {
  if (expected.length !== listed.length) return false;
  const known = new Set(expected.map((entry) => entry.id));
  return expected.every((entry, index) => {
    const seen = listed[index];
    const sameId = entry.id === unknownId ? !known.has(seen.id) : entry.id === seen.id;
    return sameId && entry.marker === seen.marker && entry.sha256 === seen.sha256;
  });
}
