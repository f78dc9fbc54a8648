import { describe, expect, it } from "vitest";
import {
  maxPartCount,
  maxPartSizeBytes,
  minPartSizeBytes,
  multipartThresholdBytes,
  preferredPartSizeBytes,
} from "./limits";
import { batches, partRange, planParts, usesMultipart } from "./parts";

const mebibyte = 1024 * 1024;

describe("upload planning", () => {
  it("sends small files in one PUT and large ones in parts", () => {
    expect(usesMultipart(multipartThresholdBytes - 1)).toBe(false);
    expect(usesMultipart(multipartThresholdBytes)).toBe(true);
  });

  it("splits 20 MiB into 8 + 8 + 4 MiB parts", () => {
    const sizeBytes = 20 * mebibyte;
    const plan = planParts(sizeBytes);
    expect(plan).toEqual({ partSizeBytes: preferredPartSizeBytes, partCount: 3 });
    if (!plan) return;
    expect([1, 2, 3].map((number) => partRange(number, plan, sizeBytes))).toEqual([
      { start: 0, end: 8 * mebibyte },
      { start: 8 * mebibyte, end: 16 * mebibyte },
      { start: 16 * mebibyte, end: 20 * mebibyte },
    ]);
  });

  it("grows parts so every file fits in 10,000 of them, and refuses what S3 cannot hold", () => {
    for (const sizeBytes of [1, 5 * mebibyte, 80_000 * mebibyte, 1024 ** 4, 48 * 1024 ** 4]) {
      const plan = planParts(sizeBytes);
      expect(plan).not.toBeNull();
      if (!plan) continue;
      expect(plan.partCount).toBeLessThanOrEqual(maxPartCount);
      expect(plan.partSizeBytes).toBeGreaterThanOrEqual(minPartSizeBytes);
      expect(plan.partSizeBytes).toBeLessThanOrEqual(maxPartSizeBytes);
      expect(plan.partSizeBytes % mebibyte).toBe(0);
      expect(plan.partCount * plan.partSizeBytes).toBeGreaterThanOrEqual(sizeBytes);
    }
    expect(planParts(maxPartCount * maxPartSizeBytes + 1)).toBeNull();
  });

  it("batches work", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 1000)).toEqual([]);
  });
});
