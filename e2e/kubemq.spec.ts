import { PutObjectCommand } from "@aws-sdk/client-s3";
import { maxRequestBytes } from "../lib/kubemq/limits";
import { kubemqExamples } from "../tests/seeds/seed-examples";
import { adminCall, s3Client } from "./admin-seed";
import { api, apiOk, seedTenant } from "./console-api";
import { expect, test } from "./fixtures";

/**
 * KubeMQ's aws-s3 target at POST /api/v1/kubemq/s3: each of the nine methods with the
 * seed's own example bodies (each section's own method where the seed repeats another's),
 * then every error: unknown method, each missing field, bad base64, wrong key, no
 * permission, missing bucket or item, an oversized body.
 */
interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}
interface Envelope {
  metadata: Record<string, string>;
  data: string | null;
  is_error: boolean;
  error: string;
}

const sectionMethods: Record<string, string> = {
  "List Buckets": "list_buckets",
  "List Bucket Items": "list_bucket_items",
  "Create Bucket": "create_bucket",
  "Upload Item": "upload_item",
  "Get Item": "get_item",
  "Delete Item": "delete_item_from_bucket",
  "Delete All Items": "delete_all_items_from_bucket",
  "Copy Item": "copy_item",
  "Delete Bucket": "delete_bucket",
};

/** The seed's example of a section, with that section's method, and any metadata changed. */
function example(title: string, metadata: Record<string, string> = {}, data?: string | null) {
  const found = kubemqExamples().get(title);
  if (!found) throw new Error(`the seed has no example for ${title}`);
  return {
    metadata: { ...found.metadata, method: sectionMethods[title], ...metadata },
    data: data === undefined ? found.data : data,
  };
}

async function kubemq(key: KeyPair | null, body: unknown): Promise<{ status: number; body: Envelope }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (key)
    headers.Authorization = `Basic ${Buffer.from(`${key.accessKeyId}:${key.secretAccessKey}`).toString("base64")}`;
  const response = await fetch(`${process.env.CARPORT_E2E_BASE_URL}/api/v1/kubemq/s3`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

/** A success envelope's data: JSON decoded, or the raw text for get_item. */
async function ok(key: KeyPair, body: unknown): Promise<Envelope> {
  const answer = await kubemq(key, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body).toMatchObject({ metadata: { result: "ok" }, is_error: false, error: "" });
  return answer.body;
}
const json = (envelope: Envelope) => JSON.parse(Buffer.from(envelope.data ?? "", "base64").toString("utf8"));
const text = (envelope: Envelope) => Buffer.from(envelope.data ?? "", "base64").toString("utf8");

async function refused(key: KeyPair | null, body: unknown, status: number, message: string | RegExp): Promise<void> {
  const answer = await kubemq(key, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(Object.keys(answer.body)).toEqual(["metadata", "data", "is_error", "error"]);
  expect(answer.body).toMatchObject({ metadata: {}, data: null, is_error: true });
  expect(answer.body.error).toMatch(message);
}

async function tenantKey(label: string, limits: Record<string, number> = {}) {
  const { tenant, user } = await seedTenant(label, limits);
  const key = await apiOk<KeyPair>("POST", "/keys", 201, { as: user, body: { name: `${label}-kubemq` } });
  return { tenant, user, key };
}

test("kubemq: the nine methods with the seed's example bodies, acting as the caller's key", async () => {
  const { user, key } = await tenantKey("kubemq-co");
  expect(json(await ok(key, example("Create Bucket")))).toEqual({ Location: "/my_bucket_name" });
  await ok(key, example("Create Bucket", { bucket_name: "my_bucket_source_name", wait_for_completion: "true" }));
  // The buckets are the tenant's, with its default quota.
  const buckets = await apiOk<{ items: { name: string; quotaBytes: number }[] }>("GET", "/buckets", 200, { as: user });
  expect(buckets.items.map((item) => item.name).sort()).toEqual(["my_bucket_name", "my_bucket_source_name"]);

  const uploaded = json(await ok(key, example("Upload Item", { wait_for_completion: "true" })));
  expect(uploaded).toEqual({
    Location: `${process.env.CARPORT_E2E_S3_URL}/my_bucket_name/my_item_name`,
    VersionID: null,
    UploadID: "",
    ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
  });
  expect(text(await ok(key, example("Get Item")))).toBe("my item here");

  const listed = json(await ok(key, example("List Bucket Items")));
  expect(listed).toMatchObject({ Name: "my_bucket_name", KeyCount: 1, IsTruncated: false });
  expect(listed.Contents).toEqual([
    { ETag: uploaded.ETag, Key: "my_item_name", LastModified: expect.any(String), Size: 12, StorageClass: "STANDARD" },
  ]);
  const all = json(await ok(key, example("List Buckets")));
  expect(all.Buckets.map((bucket: { Name: string }) => bucket.Name).sort()).toEqual([
    "my_bucket_name",
    "my_bucket_source_name",
  ]);
  expect(all.Buckets[0].CreationDate).toMatch(/^\d{4}-\d\d-\d\dT/);

  // copy_item: the seed's copy_source is a bucket name, whose item of the same name is copied.
  await ok(
    key,
    example("Upload Item", { bucket_name: "my_bucket_source_name" }, Buffer.from("from the source").toString("base64")),
  );
  const copied = json(await ok(key, example("Copy Item", { wait_for_completion: "true" })));
  expect(copied.CopyObjectResult).toEqual({ ETag: expect.any(String), LastModified: expect.any(String) });
  expect(text(await ok(key, example("Get Item")))).toBe("from the source");
  // … or bucket/key.
  await ok(
    key,
    example("Copy Item", { copy_source: "my_bucket_source_name/my_item_name", item_name: "nested/copy.txt" }),
  );
  expect(text(await ok(key, example("Get Item", { item_name: "nested/copy.txt" })))).toBe("from the source");

  expect((await ok(key, example("Delete Item", { wait_for_completion: "true" }))).data).toBeNull();
  await refused(key, example("Get Item"), 404, /NoSuchKey/);

  // delete_all_items_from_bucket goes page by page: more objects than one page holds.
  const s3 = s3Client(key);
  const keys = Array.from({ length: 1005 }, (_, index) => `bulk/${String(index).padStart(4, "0")}`);
  for (let start = 0; start < keys.length; start += 25)
    await Promise.all(
      keys
        .slice(start, start + 25)
        .map((item) => s3.send(new PutObjectCommand({ Bucket: "my_bucket_name", Key: item, Body: "x" }))),
    );
  expect(json(await ok(key, example("List Bucket Items"))).IsTruncated).toBe(true);
  expect((await ok(key, example("Delete All Items"))).data).toBeNull();
  expect(json(await ok(key, example("List Bucket Items")))).toMatchObject({ KeyCount: 0, Contents: [] });

  await ok(key, example("Delete All Items", { bucket_name: "my_bucket_source_name" }));
  expect((await ok(key, example("Delete Bucket", { wait_for_completion: "true" }))).data).toBeNull();
  await ok(key, example("Delete Bucket", { bucket_name: "my_bucket_source_name" }));
  expect(json(await ok(key, example("List Buckets"))).Buckets).toEqual([]);
  expect((await apiOk<{ items: unknown[] }>("GET", "/buckets", 200, { as: user })).items).toEqual([]);
});

test("kubemq: every error gets the target's envelope with its status", async () => {
  const owner = await tenantKey("kubemq-owner", { maxBuckets: 1 });
  const stranger = await tenantKey("kubemq-stranger");
  const bucket = `${owner.tenant.name}-data`;
  await ok(owner.key, example("Create Bucket", { bucket_name: bucket }));
  await ok(owner.key, example("Upload Item", { bucket_name: bucket }));

  await refused(
    owner.key,
    { metadata: { method: "rename_bucket" }, data: null },
    400,
    /list_buckets, list_bucket_items, create_bucket/,
  );
  await refused(owner.key, { metadata: {}, data: null }, 400, "error parsing method");
  for (const title of [
    "List Bucket Items",
    "Create Bucket",
    "Upload Item",
    "Get Item",
    "Delete Item",
    "Delete All Items",
    "Copy Item",
    "Delete Bucket",
  ])
    await refused(owner.key, example(title, { bucket_name: "" }), 400, "error parsing bucket_name");
  for (const title of ["Upload Item", "Get Item", "Delete Item", "Copy Item"])
    await refused(owner.key, example(title, { bucket_name: bucket, item_name: "" }), 400, "error parsing item_name");
  await refused(
    owner.key,
    example("Copy Item", { bucket_name: bucket, copy_source: "" }),
    400,
    "error parsing copy_source",
  );
  await refused(owner.key, example("Upload Item", { bucket_name: bucket }, null), 400, "error parsing data");
  await refused(
    owner.key,
    example("Upload Item", { bucket_name: bucket }, "not base64!"),
    400,
    "error parsing data, not valid base64",
  );
  await refused(owner.key, "{not json", 400, "not valid JSON");

  await refused(null, example("List Buckets"), 401, "HTTP Basic");
  await refused(
    { accessKeyId: "GK000000000000000000000000", secretAccessKey: "x".repeat(64) },
    example("List Buckets"),
    401,
    "unknown aws_key or wrong aws_secret_key",
  );
  await refused(
    { ...owner.key, secretAccessKey: "0".repeat(64) },
    example("List Buckets"),
    401,
    "unknown aws_key or wrong aws_secret_key",
  );

  // Exactly the key's permissions: another tenant's key is refused by the engine itself.
  await refused(stranger.key, example("Get Item", { bucket_name: bucket }), 403, /AccessDenied/);
  await refused(stranger.key, example("List Bucket Items", { bucket_name: bucket }), 403, /AccessDenied/);
  await refused(stranger.key, example("Delete Bucket", { bucket_name: bucket }), 403, /AccessDenied/);
  await refused(owner.key, example("Get Item", { bucket_name: bucket, item_name: "missing" }), 404, /NoSuchKey/);
  await refused(owner.key, example("List Bucket Items", { bucket_name: "no-such-bucket-kubemq" }), 404, /NoSuchBucket/);
  // The tenant's rules: its bucket limit.
  await refused(
    owner.key,
    example("Create Bucket", { bucket_name: `${owner.tenant.name}-more` }),
    403,
    /limit of 1 bucket/,
  );

  // A key no tenant owns needs its own create-bucket right.
  const plain = await adminCall<KeyPair>("CreateKey", { name: "kubemq-plain" });
  const name = `kubemq-plain-${Date.now()}`;
  await refused(plain, example("Create Bucket", { bucket_name: name }), 403, /AccessDenied/);
  await adminCall("UpdateKey", { allow: { createBucket: true } }, { id: plain.accessKeyId });
  await ok(plain, example("Create Bucket", { bucket_name: name }));
  await ok(plain, example("Delete Bucket", { bucket_name: name }));

  const tooLarge = await kubemq(
    owner.key,
    `{"metadata":{"method":"upload_item"},"data":"${"A".repeat(maxRequestBytes)}"}`,
  );
  expect(tooLarge.status).toBe(400);
  expect(tooLarge.body).toMatchObject({ is_error: true, error: expect.stringContaining("64 MiB") });

  await ok(owner.key, example("Delete All Items", { bucket_name: bucket }));
  await ok(owner.key, example("Delete Bucket", { bucket_name: bucket }));
  const document = await apiOk<{ paths: Record<string, unknown> }>("GET", "/openapi.json", 200, { as: null });
  expect(document.paths["/kubemq/s3"]).toBeDefined();
  expect((await api("GET", "/buckets", { as: owner.user })).body).toEqual({ items: [] });
});
