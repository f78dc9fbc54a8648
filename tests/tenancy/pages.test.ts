import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketPageSize, noOwner } from "@/lib/resources/buckets";
import { firstMatrixPage, matrixBucketsPerPage, matrixKeysPerPage } from "@/lib/resources/permissions";
import { pageScopedBuckets } from "@/lib/server/tenancy/bucket-pages";
import { createScopedBucket } from "@/lib/server/tenancy/buckets-write";
import { createScopedBucketKey, setScopedGrant } from "@/lib/server/tenancy/grants";
import { createScopedKey } from "@/lib/server/tenancy/keys";
import { pageScopedMatrix } from "@/lib/server/tenancy/matrix-pages";
import type { Scope } from "@/lib/server/tenancy/scope";
import { startTenancyFixture, type TenancyFixture } from "./fixture";

/** The bucket list and the permission matrix a page at a time, on the real engine. */

let fixture: TenancyFixture;
let tenant: Extract<Scope, { kind: "tenant" }>;
const operatorBuckets = bucketPageSize + 7;
const operatorKeys = matrixKeysPerPage + 3;
let tenantBucket: { id: string };
let tenantKey: { id: string };

beforeAll(async () => {
  fixture = await startTenancyFixture();
  const admin = fixture.adminScope();
  tenant = await fixture.tenantScope("pages-t");
  for (let index = 0; index < operatorBuckets; index++)
    await createScopedBucket(fixture.store, admin, { name: `pages-${String(index).padStart(3, "0")}` });
  for (let index = 0; index < operatorKeys; index++)
    await createScopedKey(fixture.store, admin, { name: `pages-key-${String(index).padStart(3, "0")}` });
  tenantBucket = await createScopedBucket(fixture.store, tenant, { name: "pages-tenant-own" });
  tenantKey = await createScopedBucketKey(fixture.store, tenant, tenantBucket.id, "pages-tenant-key");
}, 120_000);
afterAll(() => fixture?.cleanup());

describe("the bucket list, a page at a time", () => {
  it("cuts the sorted list on the server and reads usage for the page's buckets only", async () => {
    const admin = fixture.adminScope();
    const first = await pageScopedBuckets(fixture.store, admin, { page: 0, query: "pages-", owner: "" });
    expect(first.total).toBe(operatorBuckets + 1);
    expect(first.buckets).toHaveLength(bucketPageSize);
    expect(first.buckets[0]).toMatchObject({ name: "pages-000", objects: 0, bytes: 0, owner: null });
    const names = first.buckets.map((bucket) => bucket.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // A page past the end is the last one.
    const last = await pageScopedBuckets(fixture.store, admin, { page: 99, query: "pages-", owner: "" });
    expect(last.page).toBe(1);
    expect(last.buckets).toHaveLength(operatorBuckets + 1 - bucketPageSize);
  });

  it("filters by search and by owner, and lists the owners", async () => {
    const admin = fixture.adminScope();
    const searched = await pageScopedBuckets(fixture.store, admin, { page: 0, query: "PAGES-05", owner: "" });
    expect(searched.buckets.map((bucket) => bucket.name)).toEqual(
      Array.from({ length: 7 }, (_, index) => `pages-05${index}`),
    );
    const owned = await pageScopedBuckets(fixture.store, admin, { page: 0, query: "", owner: tenant.tenant.id });
    expect(owned.buckets.map((bucket) => bucket.id)).toEqual([tenantBucket.id]);
    expect(owned.owners).toContainEqual({ id: tenant.tenant.id, name: "pages-t" });
    const unowned = await pageScopedBuckets(fixture.store, admin, { page: 0, query: "pages-", owner: noOwner });
    expect(unowned.total).toBe(operatorBuckets);
  });

  it("shows a tenant only its own buckets, by its names", async () => {
    const page = await pageScopedBuckets(fixture.store, tenant, { page: 0, query: "", owner: "" });
    expect(page).toMatchObject({ total: 1, page: 0, owners: [] });
    expect(page.buckets.map((bucket) => [bucket.id, bucket.name])).toEqual([[tenantBucket.id, "pages-tenant-own"]]);
  });
});

describe("the permission matrix, a page at a time", () => {
  it("pages both axes on the server and carries the shown cells only", async () => {
    const admin = fixture.adminScope();
    const filtered = { ...firstMatrixPage, keyQuery: "pages-key-", bucketQuery: "pages-0" };
    const first = await pageScopedMatrix(fixture.store, admin, filtered);
    expect(first).toMatchObject({ keyTotal: operatorKeys, keyPage: 0, bucketTotal: operatorBuckets, bucketPage: 0 });
    expect(first.keys).toHaveLength(matrixKeysPerPage);
    expect(first.buckets.map((bucket) => bucket.name)).toEqual(
      Array.from({ length: matrixBucketsPerPage }, (_, index) => `pages-00${index}`),
    );
    expect(first.cells).toEqual({});
    const [key] = first.keys;
    const [bucket] = first.buckets;
    await setScopedGrant(fixture.store, admin, {
      bucketId: bucket.id,
      accessKeyId: key.id,
      flags: { read: true },
    });
    const granted = await pageScopedMatrix(fixture.store, admin, filtered);
    expect(granted.cells).toEqual({ [`${bucket.id}/${key.id}`]: { read: true, write: false, owner: false } });
    const second = await pageScopedMatrix(fixture.store, admin, { ...filtered, keyPage: 1, bucketPage: 1 });
    expect(second.keys.map((item) => item.name)).toEqual(["pages-key-020", "pages-key-021", "pages-key-022"]);
    expect(second.cells).toEqual({});
  });

  it("gives a tenant only its keys and its buckets", async () => {
    const page = await pageScopedMatrix(fixture.store, tenant, firstMatrixPage);
    expect(page.keys.map((key) => key.id)).toEqual([tenantKey.id]);
    expect(page.buckets).toEqual([{ id: tenantBucket.id, name: "pages-tenant-own", public: false }]);
    expect(page.cells).toEqual({
      [`${tenantBucket.id}/${tenantKey.id}`]: { read: true, write: true, owner: false },
    });
  });
});
