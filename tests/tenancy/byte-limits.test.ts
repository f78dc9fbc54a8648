import { PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScopedBucket, setScopedQuotas } from "@/lib/server/tenancy/buckets-write";
import { LimitExceededError } from "@/lib/server/tenancy/errors";
import { createScopedBucketKey } from "@/lib/server/tenancy/grants";
import { readBucketInfo } from "@/lib/server/admin-api/buckets";
import { startTenancyFixture, type TenancyFixture } from "./fixture";

const mebibyte = 1024 * 1024;
let fixture: TenancyFixture;
beforeAll(async () => {
  fixture = await startTenancyFixture();
});
afterAll(() => fixture?.cleanup());

/** The quotas Garage holds for the tenant's buckets, summed: the figure the engine enforces. */
async function garageQuotaSum(tenantId: string): Promise<number> {
  const infos = await Promise.all(
    fixture.store.tenants.bucketsOf(tenantId).map((owned) => readBucketInfo(fixture.connection, owned.bucketId)),
  );
  return infos.reduce((sum, info) => sum + (info.quotas.maxSize ?? Number.POSITIVE_INFINITY), 0);
}

describe("a tenant's byte limit", () => {
  it("keeps the sum of its bucket quotas within 10 MiB, on the cluster itself", async () => {
    const scope = await fixture.tenantScope("bytes-co", { maxBytes: 10 * mebibyte });
    const { store } = fixture;
    await createScopedBucket(store, scope, { name: "bytes-first", quotaBytes: 6 * mebibyte });
    await expect(createScopedBucket(store, scope, { name: "bytes-over", quotaBytes: 5 * mebibyte })).rejects.toThrow(
      LimitExceededError,
    );
    // Without a quota: the 10 GiB default, capped at the 4 MiB left.
    const second = await createScopedBucket(store, scope, { name: "bytes-second" });
    expect(second.quotas.maxSizeBytes).toBe(4 * mebibyte);
    await expect(createScopedBucket(store, scope, { name: "bytes-third" })).rejects.toThrow(/Nothing is left/);
    expect(await garageQuotaSum(scope.tenant.id)).toBe(10 * mebibyte);

    const first = store.tenants.bucketByName(scope.tenant.id, "bytes-first");
    if (!first) throw new Error("bytes-first was not recorded");
    await expect(
      setScopedQuotas(store, scope, first.bucketId, { maxSizeBytes: 7 * mebibyte, maxObjects: null }),
    ).rejects.toThrow(LimitExceededError);
    await expect(
      setScopedQuotas(store, scope, first.bucketId, { maxSizeBytes: null, maxObjects: null }),
    ).rejects.toThrow(LimitExceededError);
    await setScopedQuotas(store, scope, first.bucketId, { maxSizeBytes: 2 * mebibyte, maxObjects: null });
    // The admin is held to the same sum on a tenant's bucket.
    await expect(
      setScopedQuotas(store, fixture.adminScope(), first.bucketId, { maxSizeBytes: 7 * mebibyte, maxObjects: null }),
    ).rejects.toThrow(LimitExceededError);
    expect(await garageQuotaSum(scope.tenant.id)).toBe(6 * mebibyte);
    expect(store.tenants.usage(scope.tenant.id).allocatedBytes).toBe(6 * mebibyte);
  });

  it("has the engine refuse a PUT past a bucket's quota with S3's QuotaExceeded", async () => {
    const scope = await fixture.tenantScope("quota-co", { maxBytes: 10 * mebibyte });
    const { store } = fixture;
    const bucket = await createScopedBucket(store, scope, { name: "quota-bucket", quotaBytes: mebibyte });
    const key = await createScopedBucketKey(store, scope, bucket.id, "uploader");
    const s3 = fixture.engine.s3Client(key.id, key.secretAccessKey);
    await s3.send(new PutObjectCommand({ Bucket: "quota-bucket", Key: "fits", Body: Buffer.alloc(mebibyte / 2) }));
    const refused = await s3
      .send(new PutObjectCommand({ Bucket: "quota-bucket", Key: "too-much", Body: Buffer.alloc(mebibyte) }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(S3ServiceException);
    expect((refused as S3ServiceException).name).toBe("QuotaExceeded");
    expect((refused as S3ServiceException).$metadata.httpStatusCode).toBe(403);
  });
});
