import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32c } from "@node-rs/crc32";
import { afterAll, describe, expect, it, vi } from "vitest";
import { limits } from "../../util/limits";
import {
  BlockFileReadError,
  checkingThreadsLive,
  crc32cOffLoop,
  filesPresentOffLoop,
  readAndCheckOffLoop,
} from "./check-thread";

function sharedCopy(bytes: Buffer): Buffer {
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length + 100)).subarray(100);
  bytes.copy(shared);
  return shared;
}

function sharedBuffer(sizeBytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(sizeBytes));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-thread-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fileOf(bytes: Buffer): string {
  const file = path.join(dir, crypto.randomBytes(6).toString("hex"));
  fs.writeFileSync(file, bytes);
  return file;
}

describe("crc32cOffLoop", () => {
  // First in the file: no thread started by another test is alive, so the count is exact.
  it("ends the thread once idle, and a later check starts a new one with the same answer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      expect(checkingThreadsLive()).toBe(0);
      const shared = sharedCopy(crypto.randomBytes(1024 * 1024));
      expect(await crc32cOffLoop(shared)).toBe(crc32c(shared));
      expect(checkingThreadsLive()).toBe(1);
      vi.advanceTimersByTime(limits.helperThreadIdleMs - 1);
      expect(checkingThreadsLive()).toBe(1);
      vi.advanceTimersByTime(1);
      expect(checkingThreadsLive()).toBe(0);
      shared[5] ^= 1;
      expect(await crc32cOffLoop(shared)).toBe(crc32c(shared));
      expect(checkingThreadsLive()).toBe(1);
      // Work arriving while every thread is busy starts more, up to the limit.
      const many = Array.from({ length: 6 }, () => sharedCopy(crypto.randomBytes(512 * 1024)));
      expect(await Promise.all(many.map(crc32cOffLoop))).toEqual(many.map((bytes) => crc32c(bytes)));
      expect(checkingThreadsLive()).toBe(limits.blockCheckThreads);
      vi.advanceTimersByTime(limits.helperThreadIdleMs);
      expect(checkingThreadsLive()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

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
});

describe("readAndCheckOffLoop", () => {
  it("reads a file into shared memory and answers the CRC32C of its bytes", async () => {
    const blocks = Array.from({ length: 5 }, (_, index) => crypto.randomBytes(1024 * 1024 + index));
    const intos = blocks.map((bytes) => sharedBuffer(bytes.length));
    const results = await Promise.all(blocks.map((bytes, index) => readAndCheckOffLoop(fileOf(bytes), intos[index])));
    expect(results).toEqual(blocks.map((bytes) => ({ readBytes: bytes.length, crc32c: crc32c(bytes) })));
    intos.forEach((into, index) => expect(into.equals(blocks[index])).toBe(true));
  });

  it("answers the bytes it read from a short file, and a flipped bit changes the CRC32C", async () => {
    const bytes = crypto.randomBytes(600 * 1024);
    const file = fileOf(bytes.subarray(0, 500 * 1024));
    expect(await readAndCheckOffLoop(file, sharedBuffer(bytes.length))).toEqual({
      readBytes: 500 * 1024,
      crc32c: crc32c(bytes.subarray(0, 500 * 1024)),
    });
    const flipped = Buffer.from(bytes);
    flipped[4321] ^= 4;
    const checked = await readAndCheckOffLoop(fileOf(flipped), sharedBuffer(bytes.length));
    expect(checked?.crc32c).not.toBe(crc32c(bytes));
  });

  it("throws the system's code when the file cannot be read", async () => {
    const missing = readAndCheckOffLoop(path.join(dir, "missing"), sharedBuffer(1024 * 1024));
    await expect(missing).rejects.toBeInstanceOf(BlockFileReadError);
    await expect(missing).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readAndCheckOffLoop(dir, sharedBuffer(1024 * 1024))).rejects.toMatchObject({ code: "EISDIR" });
  });

  it("leaves small or unshared buffers to the caller", async () => {
    const file = fileOf(crypto.randomBytes(1024 * 1024));
    expect(await readAndCheckOffLoop(file, sharedBuffer(4096))).toBeNull();
    expect(await readAndCheckOffLoop(file, Buffer.alloc(1024 * 1024))).toBeNull();
  });
});

describe("filesPresentOffLoop", () => {
  it("answers which files exist, in order", async () => {
    const [a, b] = [fileOf(Buffer.from("a")), fileOf(Buffer.from("b"))];
    expect(await filesPresentOffLoop([a, path.join(dir, "missing"), b, path.join(a, "under-a-file")])).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(await filesPresentOffLoop([])).toEqual([]);
  });
});
