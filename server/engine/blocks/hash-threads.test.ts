import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { limits } from "../../util/limits";
import { HashSession, hashThreadsLive } from "./hash-threads";

function sharedCopy(bytes: Buffer): Buffer {
  const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
  bytes.copy(shared);
  return shared;
}

async function hashBody(blocks: Buffer[]): Promise<{ md5: Buffer; names: Buffer[] }> {
  const session = new HashSession(false);
  const names: Buffer[] = [];
  for (const block of blocks) {
    const digests = await session.update(sharedCopy(block), true);
    if (digests) names.push(digests.sha256);
  }
  return { md5: (await session.finish()).md5, names };
}

describe("hashing threads", () => {
  it("end once idle, and a later body starts new ones with the same digests", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const blocks = [crypto.randomBytes(1024 * 1024), crypto.randomBytes(300 * 1024)];
      const md5 = crypto.createHash("md5").update(Buffer.concat(blocks)).digest();
      const names = blocks.map((block) => crypto.createHash("sha256").update(block).digest());
      expect(await hashBody(blocks)).toEqual({ md5, names });
      expect(hashThreadsLive()).toBeGreaterThan(0);
      vi.advanceTimersByTime(limits.helperThreadIdleMs);
      expect(hashThreadsLive()).toBe(0);
      expect(await hashBody(blocks)).toEqual({ md5, names });
      expect(hashThreadsLive()).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keep a thread while a body is open, even with no call in flight", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const session = new HashSession(false);
      const block = crypto.randomBytes(1024 * 1024);
      await session.update(sharedCopy(block), true);
      vi.advanceTimersByTime(limits.helperThreadIdleMs * 2);
      // The body's MD5 lives on its thread: it must still be there.
      expect((await session.finish()).md5).toEqual(crypto.createHash("md5").update(block).digest());
    } finally {
      vi.useRealTimers();
    }
  });
});
