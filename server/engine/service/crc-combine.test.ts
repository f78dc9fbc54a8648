import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createChecksummer, type ChecksumAlgorithm } from "./checksums";
import { combinePartChecksums } from "./crc-combine";

async function checksumOf(algorithm: ChecksumAlgorithm, data: Buffer): Promise<string> {
  const checksummer = createChecksummer(algorithm);
  checksummer.update(data);
  return (await checksummer.digest()).toString("base64");
}

describe("combinePartChecksums", () => {
  for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME"] as const) {
    it(`${algorithm}: equals the checksum of the concatenated parts`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 5 }), async (sizes) => {
          const parts = sizes.map((size) => crypto.randomBytes(size));
          const values = await Promise.all(
            parts.map(async (part) => ({ valueBase64: await checksumOf(algorithm, part), sizeBytes: part.length })),
          );
          expect(combinePartChecksums(algorithm, values)).toBe(await checksumOf(algorithm, Buffer.concat(parts)));
        }),
        { numRuns: 40 },
      );
    });
  }

  it("has no answer for hashes, which do not combine", () => {
    expect(combinePartChecksums("SHA256", [{ valueBase64: "AAAA", sizeBytes: 3 }])).toBeNull();
  });
});
