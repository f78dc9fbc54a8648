import {
  maxPartCount,
  maxPartSizeBytes,
  minPartSizeBytes,
  multipartThresholdBytes,
  preferredPartSizeBytes,
} from "./limits";

/** Upload planning, pure and both sides: the browser and the server agree on parts. */
export interface PartPlan {
  partSizeBytes: number;
  partCount: number;
}

export function usesMultipart(sizeBytes: number): boolean {
  return sizeBytes >= multipartThresholdBytes;
}

/**
 * The part size for a file: the preferred size, grown in whole MiB until the file
 * fits in S3's 10,000 parts. Null when the file is too large for S3 at all.
 */
export function planParts(sizeBytes: number): PartPlan | null {
  const mebibyte = 1024 * 1024;
  const needed = Math.ceil(sizeBytes / maxPartCount);
  const partSizeBytes = Math.max(preferredPartSizeBytes, minPartSizeBytes, Math.ceil(needed / mebibyte) * mebibyte);
  if (partSizeBytes > maxPartSizeBytes) return null;
  return { partSizeBytes, partCount: Math.max(1, Math.ceil(sizeBytes / partSizeBytes)) };
}

/** The byte range [start, end) of a part, numbered from 1. */
export function partRange(partNumber: number, plan: PartPlan, sizeBytes: number): { start: number; end: number } {
  const start = (partNumber - 1) * plan.partSizeBytes;
  return { start, end: Math.min(sizeBytes, start + plan.partSizeBytes) };
}

/** Splits work into batches of at most `size` (DeleteObjects, part presigning). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
