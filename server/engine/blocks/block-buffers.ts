import { limits } from "../../util/limits";
import { returnIdleMemory } from "./idle-memory";

/**
 * Reusable block buffers in shared memory, for bodies hashed on another thread
 * (hash-threads.ts): a body's bytes are copied once, from the socket into a block
 * buffer, which the hashing thread reads in place and the block write takes as is.
 * A buffer comes back once its block is written (every copy settled), so a steady
 * stream of uploads allocates nothing and leaves the garbage collector idle. At
 * most limits.blockBufferPoolBytes of free buffers are kept, and none once uploads
 * have stopped for limits.blockBufferIdleMs (an idle engine holds no upload memory).
 */
const free = new Map<number, Buffer[]>();
let freeBytes = 0;
let idleTimer: NodeJS.Timeout | null = null;
let inUse = 0;

/** Buffers acquired and not yet given back (a leak shows here). */
export function blockBuffersInUse(): number {
  return inUse;
}

export function acquireBlockBuffer(sizeBytes: number): Buffer {
  inUse += 1;
  const buffer = free.get(sizeBytes)?.pop();
  if (buffer) {
    freeBytes -= sizeBytes;
    return buffer;
  }
  return Buffer.from(new SharedArrayBuffer(sizeBytes));
}

/** Gives a buffer back: its bytes must no longer be read or written by anyone. */
export function releaseBlockBuffer(buffer: Buffer): void {
  if (buffer.length === 0) return;
  inUse -= 1;
  if (freeBytes + buffer.length > limits.blockBufferPoolBytes) return;
  const list = free.get(buffer.length) ?? [];
  list.push(buffer);
  free.set(buffer.length, list);
  freeBytes += buffer.length;
  idleTimer?.refresh();
  idleTimer ??= setTimeout(dropFreeBuffers, limits.blockBufferIdleMs).unref();
}

function dropFreeBuffers(): void {
  free.clear();
  freeBytes = 0;
  idleTimer = null;
  returnIdleMemory();
}
