import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeObjectSummary } from "./object-summary";
import { type ObjectRecord, records } from "./records";

/** The listing's partial decoder against the whole record's decoder, on any record the engine can write. */

const text = fc.string({ unit: "grapheme", maxLength: 40 });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((array) => Buffer.from(array));
const number = fc.oneof(
  fc.nat(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 1_765_000_000_123),
);
const strings = fc.dictionary(text, text, { maxKeys: 20 });

const objectRecord: fc.Arbitrary<ObjectRecord> = fc.record(
  {
    v: fc.constant(1 as const),
    versionId: bytes(16),
    seq: fc.nat(),
    nullVersion: fc.boolean(),
    createdMs: number,
    sizeBytes: number,
    etag: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}(-\d{1,5})?$/), text, fc.string({ maxLength: 300 })),
    headers: strings,
    userMeta: strings,
    checksum: fc.option(
      fc.record({
        algorithm: fc.constantFrom("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256" as const),
        valueBase64: fc.base64String(),
        type: fc.constantFrom("FULL_OBJECT", "COMPOSITE" as const),
      }),
    ),
    parts: fc.option(fc.array(fc.tuple(fc.nat(), number), { maxLength: 300 })),
    inline: fc.option(fc.oneof(bytes(300), bytes(70_000))),
    tags: fc.array(fc.tuple(text, text), { maxLength: 10 }),
    acl: fc.option(fc.constant({ ownerAccessKeyId: "GK1", grants: [] }), { nil: undefined }),
    sse: fc.option(fc.constant(null), { nil: undefined }),
  },
  {
    requiredKeys: [
      "v",
      "versionId",
      "seq",
      "nullVersion",
      "createdMs",
      "sizeBytes",
      "etag",
      "headers",
      "userMeta",
      "checksum",
      "parts",
      "inline",
      "tags",
    ],
  },
) as fc.Arbitrary<ObjectRecord>;

function summaryOf(record: ObjectRecord) {
  return { createdMs: record.createdMs, sizeBytes: record.sizeBytes, etag: record.etag, checksum: record.checksum };
}

/** The record's fields in another order: the decoder must not rely on the order records are written in. */
function shuffled(record: ObjectRecord, seed: number): ObjectRecord {
  const entries = Object.entries(record);
  for (let index = entries.length - 1; index > 0; index--) {
    const other = (seed * (index + 7)) % (index + 1);
    [entries[index], entries[other]] = [entries[other], entries[index]];
  }
  return Object.fromEntries(entries) as ObjectRecord;
}

describe("decodeObjectSummary", () => {
  it("reads what the whole decoder reads, in any field order", () => {
    fc.assert(
      fc.property(objectRecord, fc.nat(), (record, seed) => {
        for (const written of [record, shuffled(record, seed)]) {
          const encoded = records.object.encode(written);
          expect(decodeObjectSummary(encoded)).toEqual(summaryOf(records.object.decode(encoded)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses records the whole decoder refuses for these fields, and bytes that are not a record", () => {
    const valid: ObjectRecord = {
      v: 1,
      versionId: Buffer.alloc(16),
      seq: 0,
      nullVersion: true,
      createdMs: 1,
      sizeBytes: 2,
      etag: "e",
      headers: {},
      userMeta: {},
      checksum: null,
      parts: null,
      inline: null,
      tags: [],
    };
    for (const broken of [
      { ...valid, v: 2 },
      { ...valid, versionId: "not bytes" },
      { ...valid, sizeBytes: "2" },
      { ...valid, etag: 5 },
      { ...valid, createdMs: undefined },
    ]) {
      const encoded = records.object.encode(broken as ObjectRecord);
      expect(() => decodeObjectSummary(encoded)).toThrow("corrupt object record");
    }
    fc.assert(
      fc.property(bytes(200), (random) => {
        try {
          decodeObjectSummary(random);
        } catch (error) {
          expect(error).toEqual(new Error("corrupt object record"));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a record cut short before the fields it reads", () => {
    const encoded = records.object.encode({
      v: 1,
      versionId: Buffer.alloc(16),
      seq: 0,
      nullVersion: true,
      createdMs: 1_765_000_000_123,
      sizeBytes: 4096,
      etag: "0123456789abcdef0123456789abcdef",
      headers: { "content-type": "text/plain" },
      userMeta: { a: "b" },
      checksum: { algorithm: "CRC32", valueBase64: "AAAAAA==", type: "FULL_OBJECT" },
      parts: null,
      inline: Buffer.alloc(4096),
      tags: [],
    });
    const checksumEnd = encoded.indexOf("FULL_OBJECT") + "FULL_OBJECT".length;
    for (let length = 0; length < checksumEnd; length++)
      expect(() => decodeObjectSummary(encoded.subarray(0, length))).toThrow("corrupt object record");
    expect(decodeObjectSummary(encoded.subarray(0, checksumEnd)).sizeBytes).toBe(4096);
  });
});
