import crypto from "node:crypto";
import { crc32c } from "@node-rs/crc32";
import { describe, expect, it, vi } from "vitest";
import { limits } from "../../util/limits";
import { checkingThreadLive, crc32cOffLoop } from "./check-thread";

function sharedCopy(bytes: Buffer): Buffer {
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length + 100)).subarray(100);
  bytes.copy(shared);
  return shared;
}

describe("crc32cOffLoop", () => {
  it("answers the same CRC32C as the event loop for a large view on shared memory", async () => {
    const bytes = crypto.randomBytes(1024 * 1024 + 3);
    const shared = sharedCopy(bytes);
    const checks = await Promise.all([shared, shared.subarray(7), shared.subarray(0, 300 * 1024)].map(crc32cOffLoop));
    expect(checks).toEqual([crc32c(bytes), crc32c(bytes.subarray(7)), crc32c(bytes.subarray(0, 300 * 1024))]);
  });

  it("sees a changed byte", async () => {
    const shared = sharedCopy(crypto.randomBytes(512 * 1024));
    const before = await crc32cOffLoop(shared);
    shared[12345] ^= 1;
    expect(await crc32cOffLoop(shared)).not.toBe(before);
    expect(await crc32cOffLoop(shared)).toBe(crc32c(shared));
  });

  it("checks small or unshared bytes in place, with the same result", async () => {
    const small = sharedCopy(crypto.randomBytes(4096));
    const unshared = crypto.randomBytes(1024 * 1024);
    expect(await crc32cOffLoop(small)).toBe(crc32c(small));
    expect(await crc32cOffLoop(unshared)).toBe(crc32c(unshared));
  });

  it("ends the thread once idle, and a later check starts a new one with the same answer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const shared = sharedCopy(crypto.randomBytes(1024 * 1024));
      expect(await crc32cOffLoop(shared)).toBe(crc32c(shared));
      expect(checkingThreadLive()).toBe(true);
      vi.advanceTimersByTime(limits.helperThreadIdleMs - 1);
      expect(checkingThreadLive()).toBe(true);
      vi.advanceTimersByTime(1);
      expect(checkingThreadLive()).toBe(false);
      shared[5] ^= 1;
      expect(await crc32cOffLoop(shared)).toBe(crc32c(shared));
      expect(checkingThreadLive()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
