import { formatBytes } from "../../util/bytes";
import { EngineError } from "../errors";
import type { BucketRecord, CounterRecord } from "../metadata/records";

/**
 * A bucket's quotas, checked against what it stores: every object version counts,
 * delete markers (which hold no data) do not. The refusal names the quota in
 * people's units ("500 kB"), as S3's QuotaExceeded message and the console show it.
 */

export interface QuotaDemand {
  /** Objects (or versions) the change adds. */
  addedObjects: number;
  /** Bytes the change adds to what the bucket stores. */
  addedBytes: number;
  /** What the demand is, for the refusal: "this upload's parts". */
  addedWhat?: string;
}

export function storedBytes(counter: CounterRecord): number {
  return counter.bytes + counter.versionBytes;
}

export function storedObjects(counter: CounterRecord): number {
  return counter.objects + counter.versions;
}

export function quotaObjectsMessage(maxObjects: number): string {
  return `The bucket's quota of ${maxObjects} ${maxObjects === 1 ? "object" : "objects"} would be exceeded.`;
}

export function quotaBytesMessage(maxSizeBytes: number): string {
  return `The bucket's quota of ${formatBytes(maxSizeBytes)} would be exceeded.`;
}

/** Throws QuotaExceeded when the demand would take the bucket past either quota; a change that adds nothing passes. */
export function checkQuotas(bucket: BucketRecord, counter: CounterRecord, demand: QuotaDemand): void {
  const { maxObjects, maxSizeBytes } = bucket.quotas;
  if (maxObjects !== null && demand.addedObjects > 0 && storedObjects(counter) + demand.addedObjects > maxObjects) {
    throw new EngineError("QuotaExceeded", quotaObjectsMessage(maxObjects), { maxObjects });
  }
  if (maxSizeBytes !== null && demand.addedBytes > 0 && storedBytes(counter) + demand.addedBytes > maxSizeBytes) {
    const what = demand.addedWhat ?? "this write";
    throw new EngineError(
      "QuotaExceeded",
      `${quotaBytesMessage(maxSizeBytes)} It holds ${formatBytes(storedBytes(counter))}; ${what} would add ${formatBytes(demand.addedBytes)}.`,
      { maxSizeBytes },
    );
  }
}

/** What completing a write to a key would replace (its "null" version, unless versioning is enabled). */
export interface Replaced {
  objects: number;
  bytes: number;
}

/**
 * A multipart upload may start only if its object could fit: the objects quota has
 * room for one more (unless it replaces one) and the bucket is not already over its
 * size quota. Its bytes are checked part by part (`checkUploadParts`).
 */
export function checkUploadStart(bucket: BucketRecord, counter: CounterRecord, replaced: Replaced): void {
  checkQuotas(bucket, counter, { addedObjects: 1 - replaced.objects, addedBytes: 0 });
  const { maxSizeBytes } = bucket.quotas;
  if (maxSizeBytes !== null && storedBytes(counter) - replaced.bytes > maxSizeBytes) {
    throw new EngineError(
      "QuotaExceeded",
      `${quotaBytesMessage(maxSizeBytes)} It already holds ${formatBytes(storedBytes(counter))}.`,
      { maxSizeBytes },
    );
  }
}

/** An upload's parts, once completed, must fit with what the bucket stores (less what they replace). */
export function checkUploadParts(
  bucket: BucketRecord,
  counter: CounterRecord,
  replaced: Replaced,
  partsBytes: number,
): void {
  checkQuotas(bucket, counter, {
    addedObjects: 0,
    addedBytes: partsBytes - replaced.bytes,
    addedWhat: "this upload's parts",
  });
}
