import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";

/**
 * Bucket allowances on the real engine: keys sharing one spend it in S3 CreateBucket's
 * own transaction (two racing for the last bucket: exactly one wins), the bucket carries
 * the allowance's quota from its first byte, and setting it is conditional on what was read.
 */
let engine: TestEngine;
const mebibyte = 1024 * 1024;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface Allowance {
  id: string;
  bucketsLeft: number;
  bytesLeft: number;
  bucketQuotaBytes: number;
  generation: number;
}

const carport = (operation: string) => `/carport/v1/${operation}`;

async function keyDrawingOn(allowance: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const key = await engine.adminJson<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    body: { name: `draws-on-${allowance}`, allow: { createBucket: true } },
  });
  await engine.adminJson(carport("SetKeyBucketAllowance"), {
    query: { id: key.accessKeyId },
    body: { allowance },
  });
  return key;
}

describe("bucket allowances", () => {
  it("are spent by S3 CreateBucket: exactly one of two racing keys gets the last bucket, with its quota", async () => {
    const set = await engine.adminJson<Allowance>(carport("SetBucketAllowance"), {
      body: {
        id: "tenant:race",
        bucketsLeft: 1,
        bytesLeft: 10 * mebibyte,
        bucketQuotaBytes: 4 * mebibyte,
        ifGeneration: null,
      },
    });
    expect(set).toMatchObject({ bucketsLeft: 1, generation: 1 });
    const [first, second] = [await keyDrawingOn("tenant:race"), await keyDrawingOn("tenant:race")];
    const results = await Promise.allSettled(
      [first, second].map((key, index) =>
        engine
          .s3Client(key.accessKeyId, key.secretAccessKey)
          .send(new CreateBucketCommand({ Bucket: `race-${index}` })),
      ),
    );
    const won = results.flatMap((result, index) => (result.status === "fulfilled" ? [index] : []));
    expect(won).toHaveLength(1);
    const lost = results.find((result) => result.status === "rejected");
    expect(lost?.status === "rejected" && lost.reason).toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });

    const info = await engine.adminJson<{ quotas: { maxSize: number | null } }>("GetBucketInfo", {
      query: { globalAlias: `race-${won[0]}` },
    });
    expect(info.quotas.maxSize).toBe(4 * mebibyte);
    const winner = [first, second][won[0]];
    const s3 = engine.s3Client(winner.accessKeyId, winner.secretAccessKey);
    await expect(
      s3.send(new PutObjectCommand({ Bucket: `race-${won[0]}`, Key: "big", Body: Buffer.alloc(5 * mebibyte) })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await s3.send(new PutObjectCommand({ Bucket: `race-${won[0]}`, Key: "small", Body: Buffer.alloc(mebibyte) }));

    expect(await engine.adminJson<Allowance>(carport("GetBucketAllowance"), { query: { id: "tenant:race" } })).toEqual({
      id: "tenant:race",
      bucketsLeft: 0,
      bytesLeft: 6 * mebibyte,
      bucketQuotaBytes: 4 * mebibyte,
      generation: 2,
    });
  });

  it("gives the last bucket only what bytes are left, and none once no byte is", async () => {
    await engine.adminJson(carport("SetBucketAllowance"), {
      body: { id: "tenant:bytes", bucketsLeft: 5, bytesLeft: 3 * mebibyte, bucketQuotaBytes: 2 * mebibyte },
    });
    const key = await keyDrawingOn("tenant:bytes");
    const s3 = engine.s3Client(key.accessKeyId, key.secretAccessKey);
    await s3.send(new CreateBucketCommand({ Bucket: "bytes-a" }));
    await s3.send(new CreateBucketCommand({ Bucket: "bytes-b" }));
    const quota = async (name: string) =>
      (await engine.adminJson<{ quotas: { maxSize: number } }>("GetBucketInfo", { query: { globalAlias: name } }))
        .quotas.maxSize;
    expect([await quota("bytes-a"), await quota("bytes-b")]).toEqual([2 * mebibyte, mebibyte]);
    await expect(s3.send(new CreateBucketCommand({ Bucket: "bytes-c" }))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("are set only against the generation read; keys without one are unchanged", async () => {
    const read = await engine.adminJson<Allowance>(carport("SetBucketAllowance"), {
      body: { id: "tenant:cas", bucketsLeft: 2, bytesLeft: mebibyte, bucketQuotaBytes: mebibyte },
    });
    const key = await keyDrawingOn("tenant:cas");
    await engine.s3Client(key.accessKeyId, key.secretAccessKey).send(new CreateBucketCommand({ Bucket: "cas-a" }));
    const stale = await engine.adminFetch(carport("SetBucketAllowance"), {
      body: {
        id: "tenant:cas",
        bucketsLeft: 2,
        bytesLeft: mebibyte,
        bucketQuotaBytes: mebibyte,
        ifGeneration: read.generation,
      },
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: "AllowanceChanged" });
    const missing = await engine.adminFetch(carport("GetBucketAllowance"), { query: { id: "tenant:none" } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "NoSuchBucketAllowance" });

    const plain = await engine.adminJson<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
      body: { name: "plain", allow: { createBucket: true } },
    });
    const s3 = engine.s3Client(plain.accessKeyId, plain.secretAccessKey);
    await s3.send(new CreateBucketCommand({ Bucket: "plain-a" }));
    const info = await engine.adminJson<{ quotas: { maxSize: number | null } }>("GetBucketInfo", {
      query: { globalAlias: "plain-a" },
    });
    expect(info.quotas.maxSize).toBeNull();
  });

  it("answer only the admin token or a token of scope *", async () => {
    const scoped = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "narrow", scope: ["ListBuckets"] },
    });
    const refused = await engine.adminFetch(carport("GetBucketAllowance"), {
      query: { id: "tenant:race" },
      token: scoped.secretToken,
    });
    expect(refused.status).toBe(403);
    expect((await engine.adminFetch(carport("NoSuchOperation"))).status).toBe(404);
  });

  it("ListBucketExposure, a listing, answers a token that may ListBuckets and refuses one that may not", async () => {
    const bucket = await engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias: "exposure-listed" } });
    const lister = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "lister", scope: ["ListBuckets"] },
    });
    const other = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "status-only", scope: ["GetClusterStatus"] },
    });
    const exposure = (token: string) => engine.adminFetch(carport("ListBucketExposure"), { token });
    const listed = await exposure(lister.secretToken);
    expect(listed.status).toBe(200);
    const { buckets } = (await listed.json()) as { buckets: Array<{ id: string; public: boolean }> };
    expect(buckets.find((entry) => entry.id === bucket.id)).toMatchObject({ public: false });
    expect((await exposure(other.secretToken)).status).toBe(403);
  });
});
