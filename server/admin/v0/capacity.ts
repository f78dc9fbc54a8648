import { AdminError } from "../errors";

/**
 * v0 capacities are relative weights (Garage 0.7–0.8, a u32); from 0.9 they
 * are bytes. We translate as Garage's own 0.9 migration did ("1 capacity =
 * 1 GB"): weight N is N × 10^9 bytes (SI, as Garage counts). Ratios between
 * nodes, which is all a v0 weight meant, are kept exactly for any weights.
 *
 * Going back, a byte capacity set through v1/v2 that is not a whole number of
 * GB is rounded to the nearest GB, and never below 1: a v0 client must not see
 * a storage node as weight 0, which it would take for a node with no storage.
 */

export const bytesPerV0CapacityUnit = 1_000_000_000;

/** The largest weight whose byte value is still an exact JavaScript integer (≈ 9 PB). */
export const maxV0Capacity = Math.floor(Number.MAX_SAFE_INTEGER / bytesPerV0CapacityUnit);

export function v0CapacityToBytes(weight: number | null): number | null {
  if (weight === null) return null;
  if (!Number.isInteger(weight) || weight < 1 || weight > maxV0Capacity) {
    throw new AdminError(
      "InvalidRequest",
      `Invalid capacity ${weight}: a v0 capacity is a whole number from 1 to ${maxV0Capacity} (1 = 1 GB), or null for a gateway`,
    );
  }
  return weight * bytesPerV0CapacityUnit;
}

export function bytesToV0Capacity(bytes: number | null | undefined): number | null {
  if (bytes === null || bytes === undefined) return null;
  return Math.max(1, Math.round(bytes / bytesPerV0CapacityUnit));
}
