import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateMultipartUploadCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { callV2, callV2Error } from "../testing/admin-client";

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface KeyInfo {
  accessKeyId: string;
  secretAccessKey: string | null;
  name: string;
  permissions: { createBucket: boolean };
  buckets: Array<{ id: string; permissions: { read: boolean; write: boolean; owner: boolean } }>;
}
interface BucketInfo {
  id: string;
  globalAliases: string[];
  websiteAccess: boolean;
  objects: number;
  bytes: number;
  unfinishedUploads: number;
  keys: Array<{
    accessKeyId: string;
    permissions: { read: boolean; write: boolean; owner: boolean };
    bucketLocalAliases: string[];
  }>;
}

describe("keys", () => {
  it("creates, lists, finds, updates and deletes keys", async () => {
    const created = await callV2<KeyInfo>(engine, "CreateKey", {
      body: { name: "alice", allow: { createBucket: true } },
    });
    expect(created.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
    expect(created.permissions.createBucket).toBe(true);
    expect((await callV2<Array<{ id: string }>>(engine, "ListKeys")).map((key) => key.id)).toContain(
      created.accessKeyId,
    );
    expect(
      (await callV2<KeyInfo>(engine, "GetKeyInfo", { query: { id: created.accessKeyId } })).secretAccessKey,
    ).toBeNull();
    expect(
      (await callV2<KeyInfo>(engine, "GetKeyInfo", { query: { search: "alice", showSecretKey: "true" } }))
        .secretAccessKey,
    ).toBe(created.secretAccessKey);
    const updated = await callV2<KeyInfo>(engine, "UpdateKey", {
      query: { id: created.accessKeyId },
      body: { name: "alice2", deny: { createBucket: true } },
    });
    expect(updated).toMatchObject({ name: "alice2", permissions: { createBucket: false }, secretAccessKey: null });
    await callV2(engine, "DeleteKey", { method: "POST", query: { id: created.accessKeyId } });
    expect(await callV2Error(engine, "GetKeyInfo", { query: { id: created.accessKeyId } })).toMatchObject({
      status: 404,
      code: "NoSuchAccessKey",
    });
  });

  it("imports a key once (409 the second time)", async () => {
    const body = { accessKeyId: "GK0123456789abcdef01234567", secretAccessKey: "a".repeat(64), name: "imported" };
    expect(await callV2<KeyInfo>(engine, "ImportKey", { body })).toMatchObject({
      accessKeyId: body.accessKeyId,
      secretAccessKey: body.secretAccessKey,
    });
    expect(await callV2Error(engine, "ImportKey", { body })).toMatchObject({ status: 409, code: "KeyAlreadyExists" });
  });
});

describe("buckets", () => {
  it("creates buckets, finds them, refuses a taken alias", async () => {
    const bucket = await callV2<BucketInfo>(engine, "CreateBucket", { body: { globalAlias: "photos" } });
    expect(bucket.globalAliases).toEqual(["photos"]);
    expect(await callV2Error(engine, "CreateBucket", { body: { globalAlias: "photos" } })).toMatchObject({
      status: 409,
      code: "BucketAlreadyExists",
    });
    expect((await callV2<BucketInfo>(engine, "GetBucketInfo", { query: { globalAlias: "photos" } })).id).toBe(
      bucket.id,
    );
    expect((await callV2<BucketInfo>(engine, "GetBucketInfo", { query: { search: bucket.id.slice(0, 8) } })).id).toBe(
      bucket.id,
    );
    expect((await callV2<Array<{ id: string }>>(engine, "ListBuckets")).map((entry) => entry.id)).toContain(bucket.id);
    expect(await callV2Error(engine, "GetBucketInfo", { query: { id: "f".repeat(64) } })).toMatchObject({
      status: 404,
      code: "NoSuchBucket",
    });
  });

  it("updates website access, quotas, CORS and lifecycle rules; /check follows website access", async () => {
    const { id } = await callV2<BucketInfo>(engine, "CreateBucket", { body: { globalAlias: "site" } });
    const updated = await callV2<
      BucketInfo & { websiteConfig: unknown; quotas: unknown; corsRules: unknown; lifecycleRules: unknown }
    >(engine, "UpdateBucket", {
      query: { id },
      body: {
        websiteAccess: { enabled: true, indexDocument: "index.html", errorDocument: "404.html" },
        quotas: { maxSize: 1_000_000, maxObjects: 10 },
        corsRules: [
          { AllowedOrigin: ["*"], AllowedMethod: ["GET"], AllowedHeader: [], ExposeHeader: [], MaxAgeSeconds: 60 },
        ],
        lifecycleRules: [{ ID: "expire", Status: "Enabled", Filter: { Prefix: "tmp/" }, Expiration: { Days: 7 } }],
      },
    });
    expect(updated).toMatchObject({
      websiteAccess: true,
      websiteConfig: { indexDocument: "index.html", errorDocument: "404.html" },
      quotas: { maxSize: 1_000_000, maxObjects: 10 },
    });
    expect(updated.corsRules).toHaveLength(1);
    expect(updated.lifecycleRules).toHaveLength(1);
    expect((await engine.adminFetch("/check", { token: null, query: { domain: "site" } })).status).toBe(200);
    expect(
      await callV2Error(engine, "UpdateBucket", { query: { id }, body: { websiteAccess: { enabled: true } } }),
    ).toMatchObject({ status: 400 });
    await callV2(engine, "UpdateBucket", {
      query: { id },
      body: { websiteAccess: { enabled: false }, quotas: null, corsRules: null },
    });
    expect((await engine.adminFetch("/check", { token: null, query: { domain: "site" } })).status).toBe(400);
  });

  it("refuses rules S3 refuses: And beside other filter terms, And inside And, a routing rule without Redirect", async () => {
    const { id } = await callV2<BucketInfo>(engine, "CreateBucket", { body: { globalAlias: "strict-rules" } });
    const lifecycle = (Filter: unknown) => ({
      query: { id },
      body: { lifecycleRules: [{ Status: "Enabled", Filter, Expiration: { Days: 1 } }] },
    });
    const and = { Prefix: "a/", ObjectSizeGreaterThan: 1 };
    for (const Filter of [{ Prefix: "b/", And: and }, { And: { ...and, And: and } }])
      expect(await callV2Error(engine, "UpdateBucket", lifecycle(Filter))).toMatchObject({
        status: 400,
        code: "InvalidRequest",
      });
    await callV2(engine, "UpdateBucket", lifecycle({ And: and }));
    const website = {
      enabled: true,
      indexDocument: "index.html",
      routingRules: [{ Condition: { KeyPrefixEquals: "x/" } }],
    };
    expect(
      await callV2Error(engine, "UpdateBucket", { query: { id }, body: { websiteAccess: website } }),
    ).toMatchObject({
      status: 400,
      code: "InvalidRequest",
    });
  });

  it("allows and denies only the flags sent as true, and manages aliases", async () => {
    const key = await callV2<KeyInfo>(engine, "CreateKey", { body: { name: "bob" } });
    const { id } = await callV2<BucketInfo>(engine, "CreateBucket", { body: { globalAlias: "shared" } });
    await callV2(engine, "AllowBucketKey", {
      body: { bucketId: id, accessKeyId: key.accessKeyId, permissions: { read: true, write: true } },
    });
    const denied = await callV2<BucketInfo>(engine, "DenyBucketKey", {
      body: { bucketId: id, accessKeyId: key.accessKeyId, permissions: { write: true, read: false } },
    });
    expect(denied.keys[0].permissions).toEqual({ read: true, write: false, owner: false });
    const aliased = await callV2<BucketInfo>(engine, "AddBucketAlias", {
      body: { bucketId: id, accessKeyId: key.accessKeyId, localAlias: "mine" },
    });
    expect(aliased.keys[0].bucketLocalAliases).toEqual(["mine"]);
    expect(
      (await callV2<BucketInfo>(engine, "AddBucketAlias", { body: { bucketId: id, globalAlias: "shared2" } }))
        .globalAliases,
    ).toEqual(["shared", "shared2"]);
    expect(
      (await callV2<BucketInfo>(engine, "RemoveBucketAlias", { body: { bucketId: id, globalAlias: "shared2" } }))
        .globalAliases,
    ).toEqual(["shared"]);
    await callV2(engine, "RemoveBucketAlias", {
      body: { bucketId: id, accessKeyId: key.accessKeyId, localAlias: "mine" },
    });
    expect((await callV2<KeyInfo>(engine, "GetKeyInfo", { query: { id: key.accessKeyId } })).buckets).toHaveLength(1);
    expect(
      await callV2Error(engine, "AllowBucketKey", {
        body: { bucketId: id, accessKeyId: "GKnope", permissions: { read: true } },
      }),
    ).toMatchObject({ status: 404, code: "NoSuchAccessKey" });
  });
});

describe("objects and blocks", () => {
  it("counts objects, inspects them, finds their blocks, refuses to delete a non-empty bucket", async () => {
    const key = await callV2<KeyInfo>(engine, "CreateKey", { body: { name: "writer" } });
    const { id } = await callV2<BucketInfo>(engine, "CreateBucket", {
      body: {
        globalAlias: "data",
        localAlias: { accessKeyId: key.accessKeyId, alias: "data-local", allow: { read: true, write: true } },
      },
    });
    const s3 = engine.s3Client(key.accessKeyId, key.secretAccessKey ?? "");
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "big.bin", Body: Buffer.alloc(100_000, 7) }));
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "small.txt", Body: "hello" }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: "data", Key: "pending" }));
    const info = await callV2<BucketInfo>(engine, "GetBucketInfo", { query: { id } });
    expect(info).toMatchObject({ objects: 2, bytes: 100_005, unfinishedUploads: 1 });
    const statistics = await callV2<{ totalObjectCount: number; totalObjectBytes: number }>(
      engine,
      "GetClusterStatistics",
    );
    expect(statistics).toMatchObject({ totalObjectCount: 2, totalObjectBytes: 100_005 });
    const inspected = await callV2<{ versions: Array<{ inline: boolean; blocks: Array<{ hash: string }> }> }>(
      engine,
      "InspectObject",
      { query: { bucketId: id, key: "big.bin" } },
    );
    expect(inspected.versions[0].inline).toBe(false);
    const hash = inspected.versions[0].blocks[0].hash;
    const block = await callV2<{
      success: Record<string, { refcount: number; versions: Array<{ backlink: unknown }> }>;
    }>(engine, "GetBlockInfo", { query: { node: "self" }, body: { blockHash: hash } });
    expect(Object.values(block.success)[0]).toMatchObject({
      refcount: 1,
      versions: [{ backlink: { object: { bucketId: id, key: "big.bin" } } }],
    });
    expect(await callV2Error(engine, "InspectObject", { query: { bucketId: id, key: "absent" } })).toMatchObject({
      status: 404,
    });
    expect(await callV2Error(engine, "DeleteBucket", { method: "POST", query: { id } })).toMatchObject({
      status: 400,
      code: "BucketNotEmpty",
    });
    expect(await callV2(engine, "CleanupIncompleteUploads", { body: { bucketId: id, olderThanSecs: 0 } })).toEqual({
      uploadsDeleted: 1,
    });
    const purged = await callV2<{ success: Record<string, { objectsDeleted: number; blocksPurged: number }> }>(
      engine,
      "PurgeBlocks",
      { query: { node: "self" }, body: [hash] },
    );
    expect(Object.values(purged.success)[0]).toMatchObject({ objectsDeleted: 1, blocksPurged: 1 });
    expect(await callV2(engine, "GetBucketInfo", { query: { id } })).toMatchObject({ objects: 1, bytes: 5 });
  });

  it("deletes an empty bucket", async () => {
    const { id } = await callV2<BucketInfo>(engine, "CreateBucket", { body: { globalAlias: "empty" } });
    await callV2(engine, "DeleteBucket", { method: "POST", query: { id } });
    expect(await callV2Error(engine, "GetBucketInfo", { query: { id } })).toMatchObject({ status: 404 });
  });
});
