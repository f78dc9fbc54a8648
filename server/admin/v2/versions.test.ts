import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { callV2 } from "../testing/admin-client";

/** The admin API over a versioned bucket: every version counted, inspected, found by its blocks, purgeable. */

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface InspectedVersion {
  uuid: string;
  deleteMarker: boolean;
  size: number | null;
  etag: string | null;
  inline: boolean;
  blocks: Array<{ hash: string }>;
}

describe("versions in the admin API", () => {
  it("counts, inspects and purges every version, delete markers included", async () => {
    const key = await callV2<{ accessKeyId: string; secretAccessKey: string }>(engine, "CreateKey", {
      body: { name: "versions" },
    });
    const { id } = await callV2<{ id: string }>(engine, "CreateBucket", {
      body: {
        globalAlias: "versioned",
        localAlias: {
          accessKeyId: key.accessKeyId,
          alias: "vers-local",
          allow: { read: true, write: true, owner: true },
        },
      },
    });
    const s3 = engine.s3Client(key.accessKeyId, key.secretAccessKey);
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: "vers-local", VersioningConfiguration: { Status: "Enabled" } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: "vers-local", Key: "doc", Body: Buffer.alloc(40_000, 1) }));
    await s3.send(new PutObjectCommand({ Bucket: "vers-local", Key: "doc", Body: "second" }));
    await s3.send(new DeleteObjectCommand({ Bucket: "vers-local", Key: "doc" }));
    await s3.send(new PutObjectCommand({ Bucket: "vers-local", Key: "other", Body: "abc" }));

    // One current object; every stored version takes space.
    expect(await callV2(engine, "GetBucketInfo", { query: { id } })).toMatchObject({ objects: 1, bytes: 40_009 });
    const statistics = await callV2<{ totalObjectCount: number; totalObjectBytes: number; freeform: string }>(
      engine,
      "GetClusterStatistics",
    );
    expect(statistics).toMatchObject({ totalObjectCount: 1, totalObjectBytes: 40_009 });
    expect(statistics.freeform).toContain("Older versions: 2, delete markers: 1");

    const inspected = await callV2<{ versions: InspectedVersion[] }>(engine, "InspectObject", {
      query: { bucketId: id, key: "doc" },
    });
    expect(inspected.versions.map((version) => [version.deleteMarker, version.size, version.inline])).toEqual([
      [false, 40_000, false],
      [false, 6, true],
      [true, null, false],
    ]);
    const hash = inspected.versions[0].blocks[0].hash;
    const block = await callV2<{ success: Record<string, { versions: Array<{ backlink: unknown }> }> }>(
      engine,
      "GetBlockInfo",
      { query: { node: "self" }, body: { blockHash: hash } },
    );
    expect(Object.values(block.success)[0].versions).toEqual([
      expect.objectContaining({ backlink: { object: { bucketId: id, key: "doc" } } }),
    ]);

    // Purging the old version's block removes that version alone.
    await callV2(engine, "PurgeBlocks", { query: { node: "self" }, body: [hash] });
    const after = await callV2<{ versions: InspectedVersion[] }>(engine, "InspectObject", {
      query: { bucketId: id, key: "doc" },
    });
    expect(after.versions.map((version) => version.deleteMarker)).toEqual([false, true]);
    expect(await callV2(engine, "GetBucketInfo", { query: { id } })).toMatchObject({ objects: 1, bytes: 9 });
  });
});
