import { describe, expect, it } from "vitest";
import { BlockBufferPool } from "./buffer-pool";

const MiB = 1024 * 1024;

describe("BlockBufferPool", () => {
  it("lends a buffer of the size asked and lends it again once given back", () => {
    const pool = new BlockBufferPool(16 * MiB, 60_000);
    const first = pool.take(4 * MiB);
    expect(first.length).toBe(4 * MiB);
    pool.recycle(first.subarray(100, 200));
    const second = pool.take(4 * MiB);
    expect(second.buffer).toBe(first.buffer);
    // Not given back: the next take gets a buffer of its own.
    expect(pool.take(4 * MiB).buffer).not.toBe(second.buffer);
  });

  it("an object's last block, smaller than the others, shares the buffers of its size step", () => {
    const pool = new BlockBufferPool(16 * MiB, 60_000);
    const tail = pool.take(MiB - 10);
    pool.recycle(tail);
    const full = pool.take(MiB);
    expect(full.buffer).toBe(tail.buffer);
    expect(full.length).toBe(MiB);
  });

  it("ignores a second give-back and buffers it never lent", () => {
    const pool = new BlockBufferPool(16 * MiB, 60_000);
    const lent = pool.take(MiB);
    pool.recycle(lent);
    pool.recycle(lent);
    pool.recycle(Buffer.alloc(MiB));
    expect(pool.freeSizeBytes).toBe(MiB);
    const a = pool.take(MiB);
    const b = pool.take(MiB);
    expect(a.buffer).toBe(lent.buffer);
    expect(b.buffer).not.toBe(lent.buffer);
  });

  it("keeps no more free bytes than its limit, and does not pool small reads", () => {
    const pool = new BlockBufferPool(2 * MiB, 60_000);
    const lent = [pool.take(MiB), pool.take(MiB), pool.take(MiB)];
    for (const buffer of lent) pool.recycle(buffer);
    expect(pool.freeSizeBytes).toBe(2 * MiB);
    const small = pool.take(4096);
    pool.recycle(small);
    expect(pool.freeSizeBytes).toBe(2 * MiB);
  });

  it("makes room for the size given back by dropping free buffers of other sizes", () => {
    const pool = new BlockBufferPool(8 * MiB, 60_000);
    const small = Array.from({ length: 8 }, () => pool.take(MiB));
    for (const buffer of small) pool.recycle(buffer);
    expect(pool.freeSizeBytes).toBe(8 * MiB);
    const large = [pool.take(4 * MiB), pool.take(4 * MiB)];
    for (const buffer of large) pool.recycle(buffer);
    expect(pool.freeSizeBytes).toBe(8 * MiB);
    expect(pool.take(4 * MiB).buffer).toBe(large[1].buffer);
    expect(pool.take(4 * MiB).buffer).toBe(large[0].buffer);
    // Every 1 MiB buffer went to make that room: the next one is new.
    expect(small.map((buffer) => buffer.buffer)).not.toContain(pool.take(MiB).buffer);
  });

  it("drops its free buffers once reads stop", async () => {
    const pool = new BlockBufferPool(16 * MiB, 20);
    pool.recycle(pool.take(MiB));
    expect(pool.freeSizeBytes).toBe(MiB);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pool.freeSizeBytes).toBe(0);
  });
});
