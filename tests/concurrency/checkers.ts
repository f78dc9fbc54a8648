/**
 * The two checks Garage runs with Jepsen, over a history of timed operations
 * (times from one monotonic clock in the client):
 * - register: a read returns the value of a write that completed before it began
 *   and was not overwritten by a write that began after that one completed, or of
 *   a write that overlapped the read (one never acknowledged overlaps everything
 *   after it began, since it may have happened at any moment);
 * - set: a listing holds every add acknowledged before the listing began, and
 *   nothing that was never added.
 */

export interface TimedWrite {
  key: string;
  value: string;
  startMs: number;
  /** null: never acknowledged (failed or in flight at a kill); it may or may not have happened. */
  endMs: number | null;
}

export interface TimedRead {
  key: string;
  /** null: the key was absent. */
  value: string | null;
  startMs: number;
  endMs: number;
}

export function registerViolations(writes: readonly TimedWrite[], reads: readonly TimedRead[]): string[] {
  const byKey = new Map<string, TimedWrite[]>();
  for (const write of writes) byKey.set(write.key, [...(byKey.get(write.key) ?? []), write]);
  const violations: string[] = [];
  for (const read of reads) {
    const candidates = byKey.get(read.key) ?? [];
    const completedBefore = candidates.filter((write) => write.endMs !== null && write.endMs < read.startMs);
    const frontier = completedBefore.filter(
      (write) => !completedBefore.some((other) => other.startMs > (write.endMs as number)),
    );
    const overlapping = candidates.filter(
      (write) => write.startMs < read.endMs && !(write.endMs !== null && write.endMs < read.startMs),
    );
    const allowed = new Set<string | null>([...frontier, ...overlapping].map((write) => write.value));
    if (completedBefore.length === 0) allowed.add(null);
    if (!allowed.has(read.value))
      violations.push(
        `read of ${read.key} at ${read.startMs.toFixed(1)}-${read.endMs.toFixed(1)} saw ${read.value}; allowed ${[...allowed].join(", ")}`,
      );
  }
  return violations;
}

export interface TimedAdd {
  element: string;
  startMs: number;
  endMs: number | null;
}

export interface TimedList {
  elements: ReadonlySet<string>;
  startMs: number;
  endMs: number;
}

export function setViolations(adds: readonly TimedAdd[], lists: readonly TimedList[]): string[] {
  const everAdded = new Set(adds.map((add) => add.element));
  const violations: string[] = [];
  for (const list of lists) {
    for (const add of adds)
      if (add.endMs !== null && add.endMs < list.startMs && !list.elements.has(add.element))
        violations.push(
          `listing at ${list.startMs.toFixed(1)} lacks ${add.element}, acknowledged at ${add.endMs.toFixed(1)}`,
        );
    for (const element of list.elements)
      if (!everAdded.has(element))
        violations.push(`listing at ${list.startMs.toFixed(1)} holds ${element}, never added`);
  }
  return violations;
}
