import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApiError } from "../../lib/admin-api/errors";
import { oldAdminCalls } from "../../lib/server/admin-api/calls-v1";
import { v2AdminCalls } from "../../lib/server/admin-api/calls-v2";
import type { AdminCalls, BucketInfo, KeyInfo } from "../../lib/server/admin-api/calls";
import type { Connection } from "../../lib/connections/types";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";

/**
 * The console's bucket and key calls against each admin API version the real engine
 * serves (v2, and Garage 0.9–1.x's v1 and 0.7–0.8's v0, as the engine translates them):
 * the same steps give the same answers in v2's shapes, minus what the older versions
 * cannot say (creation dates), and what they cannot do is refused as UnsupportedVersion.
 */
let engine: TestEngine;
let connection: Connection;

beforeAll(async () => {
  engine = await startTestEngine();
  connection = {
    id: "test",
    name: "Test engine",
    adminUrl: engine.running.adminUrl,
    adminToken: engine.running.adminToken,
    s3Endpoint: engine.running.s3Url,
    region: "garage",
  };
});

afterAll(async () => {
  await engine?.cleanup();
});

const versions = {
  v2: () => v2AdminCalls(connection),
  v1: () => oldAdminCalls(connection, "v1"),
  v0: () => oldAdminCalls(connection, "v0"),
};

/** The fields the console's calls promise (their types), so v2's extra fields are left out. */
function bucketFields(info: BucketInfo) {
  const { id, globalAliases, keys, objects, bytes, quotas, websiteAccess, unfinishedUploads } = info;
  const website = info.websiteConfig
    ? { indexDocument: info.websiteConfig.indexDocument, errorDocument: info.websiteConfig.errorDocument }
    : null;
  return { id, globalAliases, keys, objects, bytes, quotas, websiteAccess, website, unfinishedUploads };
}

function keyFields(info: KeyInfo) {
  const { accessKeyId, name, expiration, expired, permissions } = info;
  return { accessKeyId, name, expiration, expired, permissions };
}

/** One pass over every call; returns what a page would show, with the version's own ids replaced. */
async function scenario(calls: AdminCalls, suffix: string) {
  const key = await calls.createKey({ name: `writer-${suffix}`, neverExpires: true, allow: { createBucket: true } });
  expect(key.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
  const renamed = await calls.updateKey(key.accessKeyId, { name: `renamed-${suffix}` });
  const secret = (await calls.getKeyInfo(key.accessKeyId, true)).secretAccessKey;
  const bucket = await calls.createBucket({ globalAlias: `photos-${suffix}` });
  await calls.updateBucket(bucket.id, { quotas: { maxSize: 1_000_000, maxObjects: 10 } });
  await calls.updateBucket(bucket.id, {
    websiteAccess: { enabled: true, indexDocument: "index.html", errorDocument: "404.html" },
  });
  await calls.addBucketAlias({ bucketId: bucket.id, globalAlias: `pictures-${suffix}` });
  await calls.addBucketAlias({ bucketId: bucket.id, accessKeyId: key.accessKeyId, localAlias: "mine" });
  await calls.allowBucketKey({ bucketId: bucket.id, accessKeyId: key.accessKeyId, permissions: { read: true } });
  await calls.allowBucketKey({ bucketId: bucket.id, accessKeyId: key.accessKeyId, permissions: { write: true } });
  const afterDeny = await calls.denyBucketKey({
    bucketId: bucket.id,
    accessKeyId: key.accessKeyId,
    permissions: { read: true },
  });
  const afterRemove = await calls.removeBucketAlias({ bucketId: bucket.id, globalAlias: `photos-${suffix}` });
  const keyGrants = (await calls.getKeyInfo(key.accessKeyId, false)).buckets;
  const byAlias = (await calls.getBucketInfoByAlias(`pictures-${suffix}`)).id === bucket.id;
  const listed = (await calls.listBuckets()).find((item) => item.id === bucket.id);
  const keys = (await calls.listKeys()).filter((item) => item.id === key.accessKeyId);
  const info = await calls.getBucketInfo(bucket.id);
  await calls.removeBucketAlias({ bucketId: bucket.id, accessKeyId: key.accessKeyId, localAlias: "mine" });
  await calls.deleteBucket(bucket.id);
  await calls.deleteKey(key.accessKeyId);
  const keysAfter = (await calls.listKeys()).filter((item) => item.id === key.accessKeyId);
  const masked = (text: string) =>
    text.replaceAll(suffix, "*").replaceAll(key.accessKeyId, "KEY").replaceAll(bucket.id, "BUCKET");
  return JSON.parse(
    masked(
      JSON.stringify({
        renamed: keyFields(renamed),
        secretMatches: secret === key.secretAccessKey,
        afterDeny: afterDeny.keys,
        afterRemove: afterRemove.globalAliases,
        keyGrants,
        byAlias,
        listed: { ...listed, created: null },
        keys: keys.map((item) => ({ ...item, created: null })),
        info: bucketFields(info),
        rules: { cors: info.corsRules ?? null, lifecycle: info.lifecycleRules ?? null },
        keysAfter,
      }),
    ),
  );
}

describe("the console's admin calls on every API version", () => {
  it("v1 and v0 answer as v2 does, dates aside", async () => {
    const v2 = await scenario(versions.v2(), "two");
    expect(v2.secretMatches).toBe(true);
    expect(v2.info).toMatchObject({
      globalAliases: ["pictures-*"],
      quotas: { maxSize: 1_000_000, maxObjects: 10 },
      websiteAccess: true,
      website: { indexDocument: "index.html", errorDocument: "404.html" },
      keys: [{ accessKeyId: "KEY", name: "renamed-*", permissions: { read: false, write: true, owner: false } }],
    });
    expect(v2.keysAfter).toEqual([]);
    expect(v2.byAlias).toBe(true);
    expect(v2.keyGrants).toEqual([
      {
        id: "BUCKET",
        globalAliases: ["pictures-*"],
        localAliases: ["mine"],
        permissions: { read: false, write: true, owner: false },
      },
    ]);
    for (const version of ["v1", "v0"] as const) {
      const older = await scenario(versions[version](), version === "v1" ? "one" : "zero");
      // The older APIs have no rules to answer: null, where v2 says it has none.
      expect(older).toEqual({ ...v2, rules: { cors: null, lifecycle: null } });
    }
  });

  it("refuses on v1 what only v2 can do, with UnsupportedVersion", async () => {
    const calls = versions.v1();
    const bucket = await calls.createBucket({ globalAlias: "rules-v1" });
    const refusals = [
      calls.updateBucket(bucket.id, { corsRules: [] }),
      calls.updateBucket(bucket.id, { lifecycleRules: null }),
      calls.createKey({ name: "expiring", expiration: "2099-01-01T00:00:00Z" }),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toSatisfy(
        (error) => error instanceof AdminApiError && error.code === "UnsupportedVersion",
      );
    expect((await calls.listKeys()).map((item) => item.name)).not.toContain("expiring");
    await calls.deleteBucket(bucket.id);
  });
});
