import type { ConsistencyMode } from "../settings";

/**
 * Garage's quorum rules. In `consistent` mode a write needs rf + 1 - ceil(rf/2)
 * copies and a read ceil(rf/2), so every read quorum meets every write quorum
 * (read-after-write). `degraded` lowers the read quorum to 1; `dangerous` lowers
 * both to 1 (an acknowledged write may then live on a single volume).
 */
export interface Quorums {
  read: number;
  write: number;
}

export function quorums(replicationFactor: number, mode: ConsistencyMode): Quorums {
  const consistentRead = Math.ceil(replicationFactor / 2);
  const consistentWrite = replicationFactor + 1 - consistentRead;
  if (mode === "dangerous") return { read: 1, write: 1 };
  if (mode === "degraded") return { read: 1, write: consistentWrite };
  return { read: consistentRead, write: consistentWrite };
}

export interface QuorumShortfall {
  /** Index of the first set that cannot reach its quorum. */
  setIndex: number;
  succeeded: number;
  needed: number;
  failures: Array<{ volumeId: string; reason: string }>;
}

/**
 * Waits until every set holds `quorum` successful copies (a set smaller than the
 * quorum needs all of its members), or rejects with the shortfall as soon as one
 * set can no longer get there. Each volume's outcome is counted in every set that
 * names it (during a layout change a volume may belong to the old and new set).
 */
export function awaitQuorum(sets: string[][], outcomes: Map<string, Promise<void>>, quorum: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const succeeded = sets.map(() => 0);
    const failures: Array<Array<{ volumeId: string; reason: string }>> = sets.map(() => []);
    const needed = sets.map((set) => Math.min(quorum, set.length));
    let settled = false;
    const check = () => {
      if (settled) return;
      const short = sets.findIndex((set, index) => set.length - failures[index].length < needed[index]);
      if (short >= 0) {
        settled = true;
        reject(
          new QuorumError({
            setIndex: short,
            succeeded: succeeded[short],
            needed: needed[short],
            failures: failures[short],
          }),
        );
      } else if (succeeded.every((count, index) => count >= needed[index])) {
        settled = true;
        resolve();
      }
    };
    for (const volumeId of new Set(sets.flat())) {
      const outcome = outcomes.get(volumeId) ?? Promise.reject(new Error("no such volume"));
      outcome.then(
        () => {
          sets.forEach((set, index) => set.includes(volumeId) && (succeeded[index] += 1));
          check();
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          sets.forEach((set, index) => set.includes(volumeId) && failures[index].push({ volumeId, reason }));
          check();
        },
      );
    }
    check();
  });
}

export class QuorumError extends Error {
  override name = "QuorumError";
  constructor(readonly shortfall: QuorumShortfall) {
    super(
      `${shortfall.succeeded} of the ${shortfall.needed} copies a write needs could be stored (${shortfall.failures
        .map((failure) => `${failure.volumeId.slice(0, 16)}: ${failure.reason}`)
        .join("; ")})`,
    );
  }
}
