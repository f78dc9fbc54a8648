import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketIdByName, getScopedBucket, listScopedBuckets } from "@/lib/server/tenancy/buckets-read";
import { createScopedBucket, deleteScopedBucket, setScopedQuotas } from "@/lib/server/tenancy/buckets-write";
import { BucketNameTakenError, LimitExceededError } from "@/lib/server/tenancy/errors";
import { createScopedBucketKey, readScopedMatrix, setScopedGrant } from "@/lib/server/tenancy/grants";
import {
  createScopedKey,
  deleteScopedKey,
  getScopedKey,
  listScopedKeys,
  readScopedSecret,
} from "@/lib/server/tenancy/keys";
import { assertInputInScope, authorizeScope, type Scope } from "@/lib/server/tenancy/scope";
import { startTenancyFixture, type TenancyFixture } from "./fixture";

let fixture: TenancyFixture;
let tenantA: Extract<Scope, { kind: "tenant" }>;
let tenantB: Extract<Scope, { kind: "tenant" }>;
let bucketOfA: { id: string; name: string };
let keyOfA: { id: string };
const missingBucketId = "0".repeat(64);
const missingKeyId = "GK000000000000000000000000";

beforeAll(async () => {
  fixture = await startTenancyFixture();
  tenantA = await fixture.tenantScope("scope-a");
  tenantB = await fixture.tenantScope("scope-b", { maxKeys: 1 });
  const created = await createScopedBucket(fixture.store, tenantA, { name: "scope-a-photos" });
  bucketOfA = { id: created.id, name: "scope-a-photos" };
  keyOfA = await createScopedBucketKey(fixture.store, tenantA, created.id, "a-key");
});
afterAll(() => fixture?.cleanup());

/** What a call throws, as the surfaces render it: the error's type, code and message. */
async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    return error instanceof Error ? `${error.name}|${code}|${error.message}` : String(error);
  }
  return "no refusal";
}

describe("the tenant scope", () => {
  it("shows a tenant only its own buckets and keys, by its own names", async () => {
    const { store } = fixture;
    expect((await listScopedBuckets(store, tenantA)).map((bucket) => bucket.name)).toEqual(["scope-a-photos"]);
    expect(await listScopedBuckets(store, tenantB)).toEqual([]);
    expect((await listScopedKeys(store, tenantA)).map((key) => key.id)).toEqual([keyOfA.id]);
    expect(await listScopedKeys(store, tenantB)).toEqual([]);
    const admin = await listScopedBuckets(store, fixture.adminScope());
    expect(admin.find((bucket) => bucket.id === bucketOfA.id)?.owner?.name).toBe("scope-a");
    const detail = await getScopedBucket(store, tenantA, bucketOfA.id);
    // The console's own key and other keys never show in a tenant's view of its bucket.
    expect(detail.keys.map((key) => key.accessKeyId)).toEqual([keyOfA.id]);
    expect((await getScopedKey(store, tenantA, keyOfA.id)).buckets).toMatchObject([
      { bucketId: bucketOfA.id, name: "scope-a-photos", permissions: { read: true, write: true, owner: false } },
    ]);
  });

  it("answers B about A's bucket and key exactly as about missing ones", async () => {
    const { store } = fixture;
    const pairs: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "get bucket",
        () => getScopedBucket(store, tenantB, bucketOfA.id),
        () => getScopedBucket(store, tenantB, missingBucketId),
      ],
      [
        "bucket by name",
        () => bucketIdByName(store, tenantB, bucketOfA.name),
        () => bucketIdByName(store, tenantB, "no-such-name"),
      ],
      [
        "bucket by id",
        () => bucketIdByName(store, tenantB, bucketOfA.id),
        () => bucketIdByName(store, tenantB, missingBucketId),
      ],
      [
        "delete bucket",
        () => deleteScopedBucket(store, tenantB, bucketOfA.id),
        () => deleteScopedBucket(store, tenantB, missingBucketId),
      ],
      [
        "quota",
        () => setScopedQuotas(store, tenantB, bucketOfA.id, { maxSizeBytes: 1, maxObjects: null }),
        () => setScopedQuotas(store, tenantB, missingBucketId, { maxSizeBytes: 1, maxObjects: null }),
      ],
      ["get key", () => getScopedKey(store, tenantB, keyOfA.id), () => getScopedKey(store, tenantB, missingKeyId)],
      [
        "secret",
        () => readScopedSecret(store, tenantB, keyOfA.id),
        () => readScopedSecret(store, tenantB, missingKeyId),
      ],
      [
        "delete key",
        () => deleteScopedKey(store, tenantB, keyOfA.id),
        () => deleteScopedKey(store, tenantB, missingKeyId),
      ],
      [
        "connect key",
        () => createScopedBucketKey(store, tenantB, bucketOfA.id, "sneaky"),
        () => createScopedBucketKey(store, tenantB, missingBucketId, "sneaky"),
      ],
    ];
    const ownKey = await createScopedKey(store, tenantB, { name: "b-key" });
    const ownBucket = await createScopedBucket(store, tenantB, { name: "scope-b-data", quotaBytes: 1000 });
    pairs.push(
      [
        "grant B's key on A's bucket",
        () =>
          setScopedGrant(store, tenantB, {
            bucketId: bucketOfA.id,
            accessKeyId: ownKey.id,
            flags: { read: true },
          }),
        () =>
          setScopedGrant(store, tenantB, {
            bucketId: missingBucketId,
            accessKeyId: ownKey.id,
            flags: { read: true },
          }),
      ],
      [
        "grant A's key on B's bucket",
        () =>
          setScopedGrant(store, tenantB, {
            bucketId: ownBucket.id,
            accessKeyId: keyOfA.id,
            flags: { read: true },
          }),
        () =>
          setScopedGrant(store, tenantB, { bucketId: ownBucket.id, accessKeyId: missingKeyId, flags: { read: true } }),
      ],
    );
    for (const [label, aimedAtA, aimedAtNothing] of pairs) {
      const [toA, toNothing] = [await refusal(aimedAtA), await refusal(aimedAtNothing)];
      expect(toA, label).not.toBe("no refusal");
      expect(toA, label).toBe(toNothing);
    }
    expect(() =>
      assertInputInScope(store, tenantB, { sourceBucketId: ownBucket.id, targetBucketId: bucketOfA.id }),
    ).toThrow(/No such bucket/);
    // A's things are untouched.
    expect((await getScopedBucket(store, tenantA, bucketOfA.id)).id).toBe(bucketOfA.id);
    expect(store.tenants.usage(tenantB.tenant.id)).toMatchObject({ keys: 1, buckets: 1 });
    const matrixB = await readScopedMatrix(store, tenantB);
    expect(matrixB.buckets.map((bucket) => bucket.name)).toEqual(["scope-b-data"]);
    expect(matrixB.keys.map((key) => key.id)).toEqual([ownKey.id]);
  });

  it("says a name is taken without saying by whom, and counts keys against the limit", async () => {
    const { store } = fixture;
    const taken = await refusal(() => createScopedBucket(store, tenantB, { name: bucketOfA.name }));
    expect(taken).toContain(BucketNameTakenError.name);
    expect(taken).toContain("“scope-a-photos” is already taken");
    expect(taken).not.toContain(tenantA.tenant.id);
    expect(taken).not.toMatch(/tenant|owner/i);
    await expect(createScopedKey(store, tenantB, { name: "over the limit" })).rejects.toThrow(LimitExceededError);
  });

  it("keeps viewers from changing anything and tenants off the operators' surfaces", () => {
    const viewer = { ...fixture.adminScope(), canWrite: false };
    expect(() => authorizeScope(viewer, "tenant:read")).not.toThrow();
    expect(() => authorizeScope(viewer, "cluster:read")).not.toThrow();
    expect(() => authorizeScope(viewer, "tenant:write")).toThrow(/admin role/);
    expect(() => authorizeScope(tenantA, "cluster:read")).toThrow(/admin role/);
    expect(() => authorizeScope(tenantA, "tenant:write")).not.toThrow();
  });
});
