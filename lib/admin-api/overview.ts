/**
 * The Overview's figures beyond health. Both sides. A figure the cluster cannot give
 * (an older Garage, a failed call) is null with a reason, never a made-up zero.
 */
export interface ZoneCapacity {
  zone: string;
  /** Bytes used and free on the data partitions of the zone's nodes (GetClusterStatus). */
  usedBytes: number;
  freeBytes: number;
  /** What the layout assigns to the zone and what it can actually use. */
  capacityBytes: number;
  usableBytes: number;
}

export interface Figure<T> {
  value: T | null;
  /** Why value is null: "needs Garage v2.3", or the error's human message. */
  note: string | null;
}

export interface OverviewFigures {
  zones: ZoneCapacity[];
  buckets: Figure<number>;
  objects: Figure<number>;
  objectBytes: Figure<number>;
  blockErrors: Figure<number>;
  workers: Figure<{ running: number; total: number; failing: number }>;
}

export function known<T>(value: T): Figure<T> {
  return { value, note: null };
}

export function unknown<T>(note: string): Figure<T> {
  return { value: null, note };
}
