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
        // Written as older engines did: every JSON object was accepted as a routing rule.
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

describe("bucket rules in older records", () => {
  it("reads CORS and lifecycle rules written in the older spelling in S3's names", () => {
    const bytes = rawCodec.encode({
      v: 1,
      id: "b".repeat(64),
      createdMs: 1,
      globalAliases: ["old"],
      localAliases: [],
      website: null,
      quotas: { maxSizeBytes: null, maxObjects: null },
      cors: [
        {
          id: null,
          maxAgeSeconds: 60,
          allowOrigins: ["*"],
          allowMethods: ["GET"],
          allowHeaders: [],
          exposeHeaders: ["ETag"],
        },
      ],
      lifecycle: [
        {
          id: "tmp",
          enabled: false,
          filter: { prefix: "tmp/", sizeGreaterThan: null, sizeLessThan: 5 },
          abortIncompleteMpuDays: null,
          expirationDays: null,
          expirationDate: "2030-01-01T00:00:00Z",
        },
        {
          id: null,
          enabled: true,
          filter: { prefix: null, sizeGreaterThan: null, sizeLessThan: null },
          abortIncompleteMpuDays: 3,
          expirationDays: null,
          expirationDate: null,
        },
      ],
    });
    const decoded = records.bucket.decode(bytes);
    expect(decoded.cors).toEqual([
      {
        ID: null,
        AllowedOrigin: ["*"],
        AllowedMethod: ["GET"],
        AllowedHeader: [],
        ExposeHeader: ["ETag"],
        MaxAgeSeconds: 60,
      },
    ]);
    expect(decoded.lifecycle).toEqual([
      {
        ID: "tmp",
        Status: "Disabled",
        Filter: { Prefix: "tmp/", ObjectSizeGreaterThan: null, ObjectSizeLessThan: 5, And: null },
        Expiration: { Days: null, Date: "2030-01-01T00:00:00Z" },
        AbortIncompleteMultipartUpload: null,
      },
      {
        ID: null,
        Status: "Enabled",
        Filter: null,
        Expiration: null,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 },
      },
    ]);
    expect(records.bucket.decode(records.bucket.encode(decoded))).toEqual(decoded);
  });
});
