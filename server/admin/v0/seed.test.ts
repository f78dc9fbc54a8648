import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand, DeleteObjectCommand } from "@aws-sdk/client-s3";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { compatCall, compatError } from "../v1/testing/compat-client";
import { seedBlocks } from "./testing/seed";

/**
 * The seed's v0 examples, sent as written (trailing commas included), on the
 * real engine; every answer is checked against the v0 spec. Only the ids the
 * page takes from its own cluster (node and bucket ids, the layout version)
 * are replaced by this cluster's.
 */

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

const v0 = <T = unknown>(method: string, route: string, init: Parameters<typeof compatCall>[4] = {}) =>
  compatCall<T>(engine, "v0", method, route, init);
const seedKeyId = "GK31c2f218a2e44f485b94239e";
const seedNodeId = "e2ee7984ee65b260682086ec70026165903c86e601a4a5a501c1900afe28d84b";
const seedBucketId = "e6a14cd6a27f48684579ec6b381c078ab11697e6bc8513b72b2f5307e25fff9b";

interface KeyInfo {
  accessKeyId: string;
  name: string;
  secretAccessKey: string;
  permissions: { createBucket: boolean };
}
interface BucketInfo {
  id: string;
  globalAliases: string[];
  websiteAccess: boolean;
  websiteConfig: { indexDocument: string; errorDocument?: string } | null;
  keys: Array<{ accessKeyId: string; permissions: Record<string, boolean>; bucketLocalAliases: string[] }>;
  quotas: { maxSize: number | null; maxObjects: number | null };
}
interface Layout {
  version: number;
  stagedRoleChanges: Record<string, unknown>;
}

describe("seed: cluster and layout", () => {
  it("ConnectClusterNodes: the example body answers one {success, error} per address", async () => {
    const results = await v0<Array<{ success: boolean; error: string | null }>>("POST", "/connect", {
      rawBody: seedBlocks("ConnectClusterNodes")[0],
      spec: "/connect",
    });
    expect(results).toHaveLength(2);
    for (const result of results) expect(typeof result.success).toBe("boolean");
  });

  it("stages the example's role change, applies with {version}, reverts with {version}", async () => {
    await v0("POST", "/connect", { body: [`node@${path.join(engine.rootDir, "node4")}`] });
    const status = await v0<{ knownNodes: Record<string, unknown>; layout: { roles: Record<string, unknown> } }>(
      "GET",
      "/status",
      { spec: "/status" },
    );
    const nodeId = Object.keys(status.knownNodes).find((id) => !(id in status.layout.roles)) ?? "";
    // The page's GetClusterLayout example stages node4 in dc2 with capacity 5: the same map is UpdateClusterLayout's body.
    const staged = (JSON.parse(seedBlocks("GetClusterLayout")[0]) as { stagedRoleChanges: Record<string, unknown> })
      .stagedRoleChanges;
    const body = JSON.stringify(staged).replace(seedNodeId, nodeId);
    expect(await v0("POST", "/layout", { rawBody: body })).toBeUndefined();
    expect((await v0<Layout>("GET", "/layout", { spec: "/layout" })).stagedRoleChanges).toEqual({
      [nodeId]: { zone: "dc2", capacity: 5, tags: ["node4"] },
    });
    const apply = seedBlocks("ApplyClusterLayout")[0];
    expect(JSON.parse(apply)).toEqual({ version: 13 });
    expect(await v0("POST", "/layout/apply", { rawBody: apply.replace("13", "2") })).toBeUndefined();
    expect((await v0<Layout>("GET", "/layout")).version).toBe(2);
    await v0("POST", "/layout", { body: { [nodeId]: null } });
    expect(
      await v0("POST", "/layout/revert", { rawBody: seedBlocks("RevertClusterLayout")[0].replace("13", "3") }),
    ).toBeUndefined();
    expect((await v0<Layout>("GET", "/layout")).stagedRoleChanges).toEqual({});
  });
});

describe("seed: keys", () => {
  it("ImportKey and CreateKey as written; the secret always shown", async () => {
    const imported = await v0<KeyInfo>("POST", "/key/import", {
      rawBody: seedBlocks("ImportKey")[0],
      spec: "/key/import",
    });
    expect(imported).toMatchObject({
      accessKeyId: seedKeyId,
      name: "NameOfMyKey",
      secretAccessKey: "b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f9d769d67f16c3835",
    });
    const created = await v0<KeyInfo>("POST", "/key", { rawBody: seedBlocks("CreateKey")[0], spec: "/key" });
    expect(created.name).toBe("NameOfMyKey");
    expect(created.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await compatError(engine, "v0", "POST", "/key/import", 409, { rawBody: seedBlocks("ImportKey")[0] })).code,
    ).toBe("KeyAlreadyExists");
  });

  it("ListKeys, GetKeyInfo by id and by search, with the secret", async () => {
    const keys = await v0<Array<{ id: string; name: string }>>("GET", "/key", { spec: "/key" });
    expect(keys.map((key) => key.name)).toEqual(["NameOfMyKey", "NameOfMyKey"]);
    const byId = await v0<KeyInfo>("GET", "/key", { query: { id: seedKeyId }, spec: "/key?id={access_key}" });
    const bySearch = await v0<KeyInfo>("GET", "/key", { query: { search: "GK31c2" }, spec: "/key?search={pattern}" });
    expect(bySearch).toEqual(byId);
    expect(byId.secretAccessKey).toHaveLength(64);
  });

  it("UpdateKey with the example's body (trailing comma) answers the key, secret included", async () => {
    const updated = await v0<KeyInfo>("POST", "/key", {
      query: { id: seedKeyId },
      rawBody: seedBlocks("UpdateKey")[0],
      spec: "/key?id={access_key}",
    });
    expect(updated).toMatchObject({ name: "NameOfMyKey", permissions: { createBucket: true } });
    expect(updated.secretAccessKey).toHaveLength(64);
  });
});

describe("seed: buckets, permissions, aliases", () => {
  let bucket: BucketInfo;
  const byId = (id: string) => ({ query: { id } });
  // Admin API aliases follow S3's legacy naming rules, so the page's mixed-case name is accepted.
  const alias = "NameOfMyBucket";

  it("CreateBucket: the three example bodies, as written", async () => {
    const [global, local, none] = seedBlocks("CreateBucket");
    expect(
      (await compatError(engine, "v0", "POST", "/bucket", 400, { rawBody: global.replace(alias, "bad..name") })).code,
    ).toBe("InvalidBucketName");
    bucket = await v0<BucketInfo>("POST", "/bucket", { rawBody: global, spec: "/bucket" });
    expect(bucket.globalAliases).toEqual([alias]);
    const localBucket = await v0<BucketInfo>("POST", "/bucket", { rawBody: local, spec: "/bucket" });
    expect(localBucket.keys).toEqual([
      {
        accessKeyId: seedKeyId,
        name: "NameOfMyKey",
        permissions: { read: true, write: true, owner: false },
        bucketLocalAliases: [alias],
      },
    ]);
    const anonymous = await v0<BucketInfo>("POST", "/bucket", { rawBody: none, spec: "/bucket" });
    expect(anonymous.globalAliases).toEqual([]);
    const list = await v0<Array<{ id: string }>>("GET", "/bucket", { spec: "/bucket" });
    expect(list.map((item) => item.id).sort()).toEqual([bucket.id, localBucket.id, anonymous.id].sort());
    await v0("DELETE", "/bucket", { ...byId(anonymous.id), status: 204 });
  });

  it("GetBucketInfo by id and by global alias", async () => {
    const info = await v0<BucketInfo>("GET", "/bucket", { ...byId(bucket.id), spec: "/bucket?id={bucket_id}" });
    expect(await v0("GET", "/bucket", { query: { globalAlias: alias }, spec: "/bucket?globalAlias={alias}" })).toEqual(
      info,
    );
    expect(info).not.toHaveProperty("unfinishedMultipartUploads");
  });

  it("UpdateBucket with the example's body (trailing comma)", async () => {
    const updated = await v0<BucketInfo>("PUT", "/bucket", {
      ...byId(bucket.id),
      rawBody: seedBlocks("UpdateBucket")[0],
      spec: "/bucket?id={bucket_id}",
    });
    expect(updated).toMatchObject({
      websiteAccess: true,
      websiteConfig: { indexDocument: "index.html", errorDocument: "404.html" },
      quotas: { maxSize: 19029801, maxObjects: null },
    });
  });

  it("BucketAllowKey then BucketDenyKey with the example bodies", async () => {
    const allowed = await v0<BucketInfo>("POST", "/bucket/allow", {
      rawBody: seedBlocks("BucketAllowKey")[0].replace(seedBucketId, bucket.id),
      spec: "/bucket/allow",
    });
    expect(allowed.keys[0]).toMatchObject({
      accessKeyId: seedKeyId,
      permissions: { read: true, write: true, owner: true },
    });
    const denied = await v0<BucketInfo>("POST", "/bucket/deny", {
      rawBody: seedBlocks("BucketDenyKey")[0].replace(seedBucketId, bucket.id),
      spec: "/bucket/deny",
    });
    expect(denied.keys[0].permissions).toEqual({ read: true, write: true, owner: false });
  });

  it("global and local aliases: PUT and DELETE with query parameters", async () => {
    const global = { id: bucket.id, alias: "documents" };
    expect(
      (
        await v0<BucketInfo>("PUT", "/bucket/alias/global", { query: global, spec: "/bucket/alias/global" })
      ).globalAliases.sort(),
    ).toEqual([alias, "documents"].sort());
    expect(
      (await v0<BucketInfo>("DELETE", "/bucket/alias/global", { query: global, spec: "/bucket/alias/global" }))
        .globalAliases,
    ).toEqual([alias]);
    const local = { id: bucket.id, accessKeyId: seedKeyId, alias: "docs" };
    expect(
      (await v0<BucketInfo>("PUT", "/bucket/alias/local", { query: local, spec: "/bucket/alias/local" })).keys[0]
        .bucketLocalAliases,
    ).toEqual(["docs"]);
    expect(
      (await v0<BucketInfo>("DELETE", "/bucket/alias/local", { query: local, spec: "/bucket/alias/local" })).keys[0]
        .bucketLocalAliases,
    ).toEqual([]);
  });

  it("DeleteBucket refuses a non-empty bucket, then answers 204; DeleteKey answers 204", async () => {
    const key = await v0<KeyInfo>("GET", "/key", { query: { id: seedKeyId } });
    const s3 = engine.s3Client(seedKeyId, key.secretAccessKey);
    // The key's local alias of the same name points at the other bucket, so S3 reaches this one by a second global alias.
    await v0("PUT", "/bucket/alias/global", { query: { id: bucket.id, alias: "seed-full" } });
    await s3.send(new PutObjectCommand({ Bucket: "seed-full", Key: "x", Body: "x" }));
    expect((await compatError(engine, "v0", "DELETE", "/bucket", 400, byId(bucket.id))).code).toBe("BucketNotEmpty");
    await s3.send(new DeleteObjectCommand({ Bucket: "seed-full", Key: "x" }));
    expect(await v0("DELETE", "/bucket", { ...byId(bucket.id), status: 204 })).toBeUndefined();
    expect((await compatError(engine, "v0", "GET", "/bucket", 404, byId(bucket.id))).code).toBe("NoSuchBucket");
    expect(await v0("DELETE", "/key", { ...byId(seedKeyId), status: 204 })).toBeUndefined();
    expect((await compatError(engine, "v0", "GET", "/key", 404, byId(seedKeyId))).code).toBe("NoSuchAccessKey");
  });
});
