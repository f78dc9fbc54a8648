import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  blockOpener,
  blockSealer,
  newDataKey,
  protectDataKey,
  requireDataKey,
  sealOverheadBytes,
  unlockDataKey,
} from "./customer-encryption";
import { EngineError } from "../errors";

/** SSE-C's sealing: a block opens only with its data key, at its own place, unaltered. */

describe("customer encryption", () => {
  const dataKey = newDataKey();
  const plain = crypto.randomBytes(4096);
  const sealed = blockSealer(dataKey, 3)(plain, 8192);

  it("seals a block to its plaintext plus a fixed overhead, and opens it back", () => {
    expect(sealed.length).toBe(plain.length + sealOverheadBytes);
    expect(sealed.includes(plain.subarray(0, 64))).toBe(false);
    expect(blockOpener(dataKey).open(sealed, 3, 8192).equals(plain)).toBe(true);
  });

  it.each([
    ["at another offset", () => blockOpener(dataKey).open(sealed, 3, 0)],
    ["in another part", () => blockOpener(dataKey).open(sealed, 4, 8192)],
    ["under another data key", () => blockOpener(newDataKey()).open(sealed, 3, 8192)],
    [
      "with one bit flipped",
      () => {
        const tampered = Buffer.from(sealed);
        tampered[100] ^= 1;
        return blockOpener(dataKey).open(tampered, 3, 8192);
      },
    ],
    ["truncated", () => blockOpener(dataKey).open(sealed.subarray(0, 20), 3, 8192)],
  ])("refuses a block %s: an error, never wrong bytes", (_name, attempt) => {
    expect(attempt).toThrow(EngineError);
  });

  it("keeps the data key sealed under the customer's key, which it never stores", () => {
    const customerKey = crypto.randomBytes(32);
    const stored = protectDataKey(dataKey, customerKey);
    const storedBytes = Buffer.concat([stored.salt, stored.keyHmac, stored.sealedDataKey]);
    expect(storedBytes.includes(customerKey)).toBe(false);
    expect(storedBytes.includes(dataKey)).toBe(false);
    expect(unlockDataKey(stored, customerKey).equals(dataKey)).toBe(true);
    expect(() => unlockDataKey(stored, crypto.randomBytes(32))).toThrow(/correct secret key/);
    // The same customer key leaves a different trace on every object (a fresh salt).
    expect(protectDataKey(dataKey, customerKey).keyHmac.equals(stored.keyHmac)).toBe(false);
  });

  it("answers S3's refusals for a missing or unneeded key", () => {
    const stored = protectDataKey(dataKey, crypto.randomBytes(32));
    expect(() => requireDataKey(stored, null)).toThrow(/stored using a form of Server Side Encryption/);
    expect(() => requireDataKey(null, crypto.randomBytes(32))).toThrow(/not applicable to this object/);
    expect(requireDataKey(null, null)).toBeNull();
  });
});
