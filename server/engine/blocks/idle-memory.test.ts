import { expect, it } from "vitest";
import { returnIdleMemory } from "./idle-memory";

/**
 * Shared memory that nothing refers to once this returns, and a promise that resolves
 * when the collector has freed it. (The process's array-buffer total was the first
 * measure; other files' buffers in the same test process made it move by itself.)
 */
function dropSharedMemory(sizeBytes: number): Promise<void> {
  const collected = new Promise<void>((resolve) => freedCallbacks.push(resolve));
  const shared = new SharedArrayBuffer(sizeBytes);
  new Uint8Array(shared).fill(1);
  registry.register(shared, "block buffer");
  return collected;
}

// Kept for the whole file: a registry that is itself collected calls nothing.
const freedCallbacks: Array<() => void> = [];
const registry = new FinalizationRegistry<string>(() => freedCallbacks.shift()?.());

it("frees shared memory nothing refers to any more", async () => {
  const collected = dropSharedMemory(64 * 1024 * 1024);
  returnIdleMemory();
  // Finalisers run as a task after the collection; without one, nothing collects the buffer.
  const outcome = await Promise.race([
    collected.then(() => "freed"),
    new Promise((resolve) => setTimeout(() => resolve("still held"), 1000)),
  ]);
  expect(outcome).toBe("freed");
});
