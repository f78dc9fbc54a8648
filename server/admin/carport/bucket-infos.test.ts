import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { limits } from "../../util/limits";

/**
 * GetBucketInfos on the real engine: many buckets' GetBucketInfo in one call, each exactly
 * as GetBucketInfo answers it, in the order asked, a missing bucket left out; bounded, and
 * open to a token that may GetBucketInfo only.
 */
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

const infos = (ids: string[], token?: string) =>
  engine.adminFetch("/carport/v1/GetBucketInfos", { body: { ids }, token });

describe("GetBucketInfos", () => {
  it("answers each bucket as GetBucketInfo does, in the order asked, without the missing ones", async () => {
    const created = await Promise.all(
      ["infos-a", "infos-b", "infos-c"].map((globalAlias) =>
        engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias } }),
      ),
    );
    const key = await engine.adminJson<{ accessKeyId: string }>("CreateKey", { body: { name: "infos-reader" } });
    await engine.adminJson("AllowBucketKey", {
      body: { bucketId: created[1].id, accessKeyId: key.accessKeyId, permissions: { read: true } },
    });
    const asked = [created[2].id, "0".repeat(64), created[1].id, created[2].id];
    const response = await infos(asked);
    expect(response.status).toBe(200);
    const { buckets } = (await response.json()) as { buckets: unknown[] };
    const one = (id: string) => engine.adminJson("GetBucketInfo", { query: { id } });
    expect(buckets).toEqual([await one(created[2].id), await one(created[1].id)]);
    expect(buckets[1]).toMatchObject({ keys: [{ accessKeyId: key.accessKeyId, permissions: { read: true } }] });
  });

  it("refuses more ids than its limit, and a body that is not a list of ids", async () => {
    const tooMany = Array.from({ length: limits.maxBucketInfosPerRequest + 1 }, (_, index) => `bucket-${index}`);
    const refused = await infos(tooMany);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "InvalidRequest" });
    const malformed = await engine.adminFetch("/carport/v1/GetBucketInfos", { body: { ids: "not-a-list" } });
    expect(malformed.status).toBe(400);
    expect((await engine.adminFetch("/carport/v1/GetBucketInfos", { method: "GET" })).status).toBe(405);
  });

  it("answers a token that may GetBucketInfo and refuses one that may not", async () => {
    const bucket = await engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias: "infos-scoped" } });
    const reader = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "bucket-reader", scope: ["GetBucketInfo"] },
    });
    const other = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "lister-only", scope: ["ListBuckets"] },
    });
    const allowed = await infos([bucket.id], reader.secretToken);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { buckets: Array<{ id: string }> }).buckets.map((item) => item.id)).toEqual([
      bucket.id,
    ]);
    expect((await infos([bucket.id], other.secretToken)).status).toBe(403);
  });
});
