import { describe, expect, it } from "vitest";
import { rawCodec, records, validatedRecords } from "./records";
import type { ObjectRecord } from "./records";

const sample: ObjectRecord = {
  v: 1,
  versionId: Buffer.alloc(16, 1),
  seq: 0,
  nullVersion: true,
  createdMs: 1_700_000_000_000,
  sizeBytes: 5,
  etag: "5d41402abc4b2a76b9719d911017c592",
  headers: { "content-type": "text/plain" },
  userMeta: { colour: "blue" },
  checksum: { algorithm: "CRC32", valueBase64: "NhCmhg==", type: "FULL_OBJECT" },
  parts: null,
  inline: Buffer.from("hello"),
  tags: [["colour", "blue"]],
};

describe("records", () => {
  it("decodes hot records the same with and without full validation", () => {
    const bytes = records.object.encode(sample);
    expect(records.object.decode(bytes)).toEqual(validatedRecords.object.decode(bytes));
    expect(validatedRecords.object.decode(bytes)).toEqual(sample);
    const row = records.blockRow.encode({ hash: Buffer.alloc(32, 2), sizeBytes: 1024 });
    expect(records.blockRow.decode(row)).toEqual(validatedRecords.blockRow.decode(row));
  });

  it("refuses a record of another shape, on the hot path too", () => {
    const bucketBytes = records.counter.encode({
      v: 1,
      objects: 1,
      bytes: 2,
      uploads: 0,
      uploadParts: 0,
      uploadBytes: 0,
      versions: 0,
      versionBytes: 0,
      deleteMarkers: 0,
    });
    expect(() => records.object.decode(bucketBytes)).toThrow("corrupt object record");
    expect(() => validatedRecords.object.decode(bucketBytes)).toThrow("corrupt object record");
    expect(() => records.blockRef.decode(records.blockRow.encode({ hash: Buffer.alloc(32), sizeBytes: 1 }))).toThrow(
      "corrupt block ref record",
    );
  });
});

describe("bucket records", () => {
  const bucket = (routingRules: unknown[]) =>
    rawCodec.encode({
      v: 1,
      id: "a".repeat(64),
      createdMs: 1,
      globalAliases: ["site"],
      localAliases: [],
      website: {
        indexDocument: "index.html",
        errorDocument: null,
        // Written as older engines did: any JSON object was accepted as a routing rule.
        routingRules,
      },
      quotas: { maxSizeBytes: null, maxObjects: null },
      cors: null,
      lifecycle: null,
    });

  it("keeps routing rules and leaves out stored objects that are not routing rules", () => {
    const rule = { Condition: { KeyPrefixEquals: "old/" }, Redirect: { ReplaceKeyPrefixWith: "new/" } };
    const decoded = records.bucket.decode(bucket([rule, { nonsense: true }]));
    expect(decoded.website?.routingRules).toEqual([rule]);
  });
});
