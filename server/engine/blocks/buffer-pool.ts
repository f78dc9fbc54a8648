import { returnIdleMemory } from "./idle-memory";

/**
 * Block-sized read buffers, reused. A fresh Buffer per block read is external
 * memory to V8, and every 64 MiB of it starts a full mark-compact: serving large
 * objects spent more CPU in the collector than in reading, checking and sending
 * together. A reader takes a buffer; whoever consumed its bytes gives it back
 * (`recycle`) once nothing refers to them any more (the socket has written them).
 * A buffer never given back is simply collected, so a consumer that cannot know
 * when its bytes are gone just never recycles. Giving back twice, or giving back
 * a buffer the pool did not lend, does nothing.
 */
export class BlockBufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private readonly lent = new WeakSet<ArrayBufferLike>();
  private freeBytes = 0;
  private lastTakenMs = 0;
  private trimTimer: NodeJS.Timeout | null = null;

  constructor(
    /** Free buffers kept for reuse, in bytes; what is given back beyond this is left to the collector. */
    private readonly maxFreeBytes: number,
    /** Free buffers are dropped after this long without a read, so an idle engine holds none. */
    private readonly idleTrimMs: number,
  ) {}

  /** A buffer of `sizeBytes` (its contents undefined), lent until given back; a small one is not pooled. */
  take(sizeBytes: number): Buffer {
    if (sizeBytes < minPooledBytes) return Buffer.allocUnsafe(sizeBytes);
    this.lastTakenMs = Date.now();
    const capacity = capacityFor(sizeBytes);
    const reused = this.free.get(capacity)?.pop();
    if (reused) this.freeBytes -= capacity;
    // Shared memory, so the checking thread reads the bytes where they are (check-thread.ts).
    const whole = reused ?? Buffer.from(new SharedArrayBuffer(capacity));
    this.lent.add(whole.buffer);
    return whole.subarray(0, sizeBytes);
  }

  /** Gives back the buffer under `chunk` (any slice of a lent buffer), whose bytes nothing refers to any more. */
  recycle(chunk: Buffer): void {
    const memory = chunk.buffer;
    if (!this.lent.has(memory)) return;
    this.lent.delete(memory);
    const capacity = memory.byteLength;
    this.dropOtherSizes(capacity);
    if (this.freeBytes + capacity > this.maxFreeBytes) return;
    const list = this.free.get(capacity) ?? [];
    list.push(Buffer.from(memory));
    this.free.set(capacity, list);
    this.freeBytes += capacity;
    this.scheduleTrim();
  }

  /**
   * Makes room for a buffer of `capacity` by dropping free buffers of other sizes: the
   * size given back is the one in use now. Without this, the 1 MiB buffers of earlier
   * small objects filled the pool and every 4 MiB block of a large one was a fresh
   * allocation (zeroed, and faulted in page by page by its read).
   */
  private dropOtherSizes(capacity: number): void {
    for (const [size, list] of this.free) {
      if (this.freeBytes + capacity <= this.maxFreeBytes) return;
      if (size === capacity) continue;
      while (list.length > 0 && this.freeBytes + capacity > this.maxFreeBytes) {
        list.pop();
        this.freeBytes -= size;
      }
      if (list.length === 0) this.free.delete(size);
    }
  }

  /** Bytes held free for reuse. */
  get freeSizeBytes(): number {
    return this.freeBytes;
  }

  private scheduleTrim(): void {
    if (this.trimTimer) return;
    this.trimTimer = setTimeout(() => {
      this.trimTimer = null;
      if (Date.now() - this.lastTakenMs < this.idleTrimMs) return this.scheduleTrim();
      this.free.clear();
      this.freeBytes = 0;
      returnIdleMemory();
    }, this.idleTrimMs);
    this.trimTimer.unref();
  }
}

/**
 * Smaller reads are ordinary allocations: they cost the collector little, and a small
 * body is often gathered whole and answered in one write, where nothing gives it back.
 */
const minPooledBytes = 256 * 1024;
const capacityStepBytes = 256 * 1024;

/** Sizes share buffers in steps of 256 KiB: full blocks (1 or 4 MiB) all match; an object's last block rounds up. */
function capacityFor(sizeBytes: number): number {
  return Math.ceil(sizeBytes / capacityStepBytes) * capacityStepBytes;
}
