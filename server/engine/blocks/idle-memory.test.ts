import { expect, it } from "vitest";
import { returnIdleMemory } from "./idle-memory";

it("frees shared memory nothing refers to any more", () => {
  const sizeBytes = 64 * 1024 * 1024;
  let shared: SharedArrayBuffer | null = new SharedArrayBuffer(sizeBytes);
  new Uint8Array(shared).fill(1);
  const holding = process.memoryUsage().arrayBuffers;
  expect(holding).toBeGreaterThanOrEqual(sizeBytes);
  shared = null;
  returnIdleMemory();
  expect(holding - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(sizeBytes);
  expect(shared).toBeNull();
});
