import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { compatCall, compatError } from "./testing/compat-client";

/** /v1 key, bucket, permission and alias endpoints over HTTP, each answer checked against the v1 spec. */

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface KeyInfo {
  name: string;
  accessKeyId: string;
  secretAccessKey: string | null;
  permissions: { createBucket: boolean };
  buckets: Array<{ id: string; globalAliases: string[]; localAliases: string[]; permissions: Record<string, boolean> }>;
}
interface BucketInfo {
  id: string;
  globalAliases: string[];
  websiteAccess: boolean;
  websiteConfig: { indexDocument: string; errorDocument?: string } | null;
  keys: Array<{ accessKeyId: string; permissions: Record<string, boolean>; bucketLocalAliases: string[] }>;
  objects: number;
  quotas: { maxSize: number | null; maxObjects: number | null };
}

const v1 = <T = unknown>(method: string, route: string, init: Parameters<typeof compatCall>[4] = {}) =>
  compatCall<T>(engine, "v1", method, route, init);
const imported = {
  accessKeyId: "GK31c2f218a2e44f485b94239e",
  secretAccessKey: "b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f9d769d67f16c3835",
  name: "imported",
};
let alice: KeyInfo;
let bucket: BucketInfo;

describe("v1 keys", () => {
  it("CreateKey answers the key with its secret", async () => {
    alice = await v1<KeyInfo>("POST", "/key", { body: { name: "alice" }, spec: "/key?list" });
    expect(alice).toMatchObject({ name: "alice", permissions: { createBucket: false }, buckets: [] });
    expect(alice.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
    expect(alice).not.toHaveProperty("created");
  });

  it("ImportKey, then 409 KeyAlreadyExists for the same id", async () => {
    expect(await v1<KeyInfo>("POST", "/key/import", { body: imported, spec: "/key/import" })).toMatchObject({
      accessKeyId: imported.accessKeyId,
      name: "imported",
    });
    expect((await compatError(engine, "v1", "POST", "/key/import", 409, { body: imported })).code).toBe(
      "KeyAlreadyExists",
    );
  });

  it("ListKeys with or without ?list", async () => {
    for (const query of [{ list: "" }, undefined]) {
      const keys = await v1<Array<{ id: string; name: string }>>("GET", "/key", { query, spec: "/key?list" });
      expect(keys.map((key) => key.name).sort()).toEqual(["alice", "imported"]);
      expect(Object.keys(keys[0]).sort()).toEqual(["id", "name"]);
    }
  });

  it("GetKeyInfo by id or search; the secret only with showSecretKey=true", async () => {
    const hidden = await v1<KeyInfo>("GET", "/key", { query: { id: alice.accessKeyId }, spec: "/key" });
    expect(hidden.secretAccessKey).toBeNull();
    const shown = await v1<KeyInfo>("GET", "/key", { query: { search: "alice", showSecretKey: "true" }, spec: "/key" });
    expect(shown.secretAccessKey).toBe(alice.secretAccessKey);
    const byPrefix = await v1<KeyInfo>("GET", "/key", {
      query: { search: alice.accessKeyId.slice(0, 10), showSecretKey: "false" },
    });
    expect(byPrefix).toMatchObject({ accessKeyId: alice.accessKeyId, secretAccessKey: null });
    expect(
      (await compatError(engine, "v1", "GET", "/key", 404, { query: { id: "GK000000000000000000000000" } })).code,
    ).toBe("NoSuchAccessKey");
  });

  it("UpdateKey: name and createBucket; the secret is null", async () => {
    const updated = await v1<KeyInfo>("POST", "/key", {
      query: { id: alice.accessKeyId },
      body: { name: "alice2", allow: { createBucket: true } },
      spec: "/key",
    });
    expect(updated).toMatchObject({ name: "alice2", permissions: { createBucket: true }, secretAccessKey: null });
    const denied = await v1<KeyInfo>("POST", "/key", {
      query: { id: alice.accessKeyId },
      body: { deny: { createBucket: true } },
    });
    expect(denied.permissions.createBucket).toBe(false);
  });
});

describe("v1 buckets", () => {
  it("CreateBucket with a global alias; GetBucketInfo by id and by alias", async () => {
    bucket = await v1<BucketInfo>("POST", "/bucket", { body: { globalAlias: "photos" }, spec: "/bucket" });
    expect(bucket).toMatchObject({ globalAliases: ["photos"], websiteAccess: false, websiteConfig: null, objects: 0 });
    expect(bucket).not.toHaveProperty("created");
    expect(await v1("GET", "/bucket", { query: { id: bucket.id }, spec: "/bucket" })).toEqual(bucket);
    expect(await v1("GET", "/bucket", { query: { globalAlias: "photos" }, spec: "/bucket" })).toEqual(bucket);
    expect((await compatError(engine, "v1", "GET", "/bucket", 404, { query: { globalAlias: "nope" } })).code).toBe(
      "NoSuchBucket",
    );
  });

  it("CreateBucket with a local alias and permissions; ListBuckets", async () => {
    const local = await v1<BucketInfo>("POST", "/bucket", {
      body: {
        localAlias: { accessKeyId: alice.accessKeyId, alias: "mine", allow: { read: true, write: true, owner: false } },
      },
      spec: "/bucket",
    });
    expect(local.keys).toEqual([
      {
        accessKeyId: alice.accessKeyId,
        name: "alice2",
        permissions: { read: true, write: true, owner: false },
        bucketLocalAliases: ["mine"],
      },
    ]);
    const list = await v1<Array<{ id: string; localAliases: unknown[] }>>("GET", "/bucket", {
      query: { list: "" },
      spec: "/bucket?list",
    });
    expect(list.find((item) => item.id === local.id)?.localAliases).toEqual([
      { accessKeyId: alice.accessKeyId, alias: "mine" },
    ]);
    await v1("DELETE", "/bucket", { query: { id: local.id }, status: 204 });
  });

  it("UpdateBucket: website and quotas", async () => {
    const body = {
      websiteAccess: { enabled: true, indexDocument: "index.html", errorDocument: "404.html" },
      quotas: { maxSize: 19029801, maxObjects: null },
    };
    const updated = await v1<BucketInfo>("PUT", "/bucket", { query: { id: bucket.id }, body, spec: "/bucket" });
    expect(updated).toMatchObject({
      websiteAccess: true,
      websiteConfig: { indexDocument: "index.html", errorDocument: "404.html" },
      quotas: { maxSize: 19029801, maxObjects: null },
    });
    const cleared = await v1<BucketInfo>("PUT", "/bucket", {
      query: { id: bucket.id },
      body: { websiteAccess: { enabled: false }, quotas: {} },
    });
    expect(cleared).toMatchObject({
      websiteAccess: false,
      websiteConfig: null,
      quotas: { maxSize: null, maxObjects: null },
    });
  });

  it("AllowBucketKey sets only true flags; DenyBucketKey clears only true flags", async () => {
    const change = (permissions: object) => ({ bucketId: bucket.id, accessKeyId: alice.accessKeyId, permissions });
    const allowed = await v1<BucketInfo>("POST", "/bucket/allow", {
      body: change({ read: true, write: true, owner: false }),
      spec: "/bucket/allow",
    });
    expect(allowed.keys[0].permissions).toEqual({ read: true, write: true, owner: false });
    const denied = await v1<BucketInfo>("POST", "/bucket/deny", {
      body: change({ read: false, write: true, owner: false }),
      spec: "/bucket/deny",
    });
    expect(denied.keys[0].permissions).toEqual({ read: true, write: false, owner: false });
    const key = await v1<KeyInfo>("GET", "/key", { query: { id: alice.accessKeyId } });
    expect(key.buckets.find((entry) => entry.id === bucket.id)?.permissions).toEqual({
      read: true,
      write: false,
      owner: false,
    });
  });

  it("global and local aliases: add and remove", async () => {
    const global = await v1<BucketInfo>("PUT", "/bucket/alias/global", {
      query: { id: bucket.id, alias: "pictures" },
      spec: "/bucket/alias/global",
    });
    expect(global.globalAliases.sort()).toEqual(["photos", "pictures"]);
    const unaliased = await v1<BucketInfo>("DELETE", "/bucket/alias/global", {
      query: { id: bucket.id, alias: "pictures" },
      spec: "/bucket/alias/global",
    });
    expect(unaliased.globalAliases).toEqual(["photos"]);
    const local = await v1<BucketInfo>("PUT", "/bucket/alias/local", {
      query: { id: bucket.id, accessKeyId: alice.accessKeyId, alias: "pics" },
      spec: "/bucket/alias/local",
    });
    expect(local.keys[0].bucketLocalAliases).toEqual(["pics"]);
    const removed = await v1<BucketInfo>("DELETE", "/bucket/alias/local", {
      query: { id: bucket.id, accessKeyId: alice.accessKeyId, alias: "pics" },
      spec: "/bucket/alias/local",
    });
    expect(removed.keys[0].bucketLocalAliases).toEqual([]);
    expect(
      (await compatError(engine, "v1", "PUT", "/bucket/alias/global", 400, { query: { id: bucket.id } })).message,
    ).toContain("alias");
  });

  it("DeleteBucket: 400 BucketNotEmpty, then 204 once empty", async () => {
    const s3 = engine.s3Client(alice.accessKeyId, alice.secretAccessKey ?? "");
    await v1("POST", "/bucket/allow", {
      body: { bucketId: bucket.id, accessKeyId: alice.accessKeyId, permissions: { write: true } },
    });
    await s3.send(new PutObjectCommand({ Bucket: "photos", Key: "a.txt", Body: "hello" }));
    expect((await compatError(engine, "v1", "DELETE", "/bucket", 400, { query: { id: bucket.id } })).code).toBe(
      "BucketNotEmpty",
    );
    await s3.send(new DeleteObjectCommand({ Bucket: "photos", Key: "a.txt" }));
    expect(await v1("DELETE", "/bucket", { query: { id: bucket.id }, status: 204 })).toBeUndefined();
    expect((await compatError(engine, "v1", "GET", "/bucket", 404, { query: { id: bucket.id } })).code).toBe(
      "NoSuchBucket",
    );
  });

  it("DeleteKey: 204, then 404", async () => {
    expect(await v1("DELETE", "/key", { query: { id: alice.accessKeyId }, status: 204 })).toBeUndefined();
    expect((await compatError(engine, "v1", "DELETE", "/key", 404, { query: { id: alice.accessKeyId } })).code).toBe(
      "NoSuchAccessKey",
    );
  });
});
