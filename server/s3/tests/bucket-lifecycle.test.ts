import {
  CreateMultipartUploadCommand,
  DeleteBucketLifecycleCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadObjectCommand,
  type LifecycleRule,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";
import { expectS3Error, newBucket } from "./helpers";

/** Lifecycle over S3: rules stored and refused as S3 does, and applied by the worker with its clock moved forward. */

const dayMs = 86_400_000;
let offsetMs = 0;
let engine: S3TestEngine;

beforeAll(async () => {
  engine = await startS3TestEngine({}, { lifecycleClock: () => Date.now() + offsetMs });
});
afterAll(async () => {
  await engine?.stop();
});

async function withRules(rules: LifecycleRule[], prefix = "lifecycle"): Promise<string> {
  const bucket = await newBucket(engine.client, prefix);
  await engine.client.send(
    new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }),
  );
  return bucket;
}

async function keys(bucket: string): Promise<string[]> {
  const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((item) => item.Key ?? "");
}

/** Runs the worker as if `days` had passed. */
async function runAfter(days: number) {
  offsetMs = days * dayMs;
  try {
    return await engine.running.engine.lifecycle.runNow();
  } finally {
    offsetMs = 0;
  }
}

describe("Put/Get/DeleteBucketLifecycleConfiguration", () => {
  it("stores every kind of rule and reads it back", async () => {
    const rules: LifecycleRule[] = [
      { ID: "logs", Status: "Enabled", Filter: { Prefix: "logs/" }, Expiration: { Days: 30 } },
      {
        ID: "tagged-small",
        Status: "Enabled",
        Filter: { And: { Prefix: "tmp/", Tags: [{ Key: "kind", Value: "scratch" }], ObjectSizeLessThan: 1024 } },
        Expiration: { Date: new Date("2030-01-01T00:00:00Z") },
      },
      { ID: "big", Status: "Disabled", Filter: { ObjectSizeGreaterThan: 1_000_000 }, Expiration: { Days: 1 } },
      {
        ID: "versions",
        Status: "Enabled",
        Filter: { Prefix: "" },
        NoncurrentVersionExpiration: { NoncurrentDays: 7, NewerNoncurrentVersions: 2 },
        Expiration: { ExpiredObjectDeleteMarker: true },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 },
      },
    ];
    const bucket = await withRules(rules);
    const read = await engine.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(read.Rules).toEqual(rules);
    await engine.client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
    await expectS3Error(
      engine.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })),
      "NoSuchLifecycleConfiguration",
      404,
    );
  });

  it.each<[string, LifecycleRule, string]>([
    ["a rule without an action", { Status: "Enabled", Filter: { Prefix: "" } }, "InvalidRequest"],
    ["zero days", { Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 0 } }, "InvalidArgument"],
    [
      "a date that is not midnight",
      { Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Date: new Date("2030-01-01T12:00:00Z") } },
      "InvalidArgument",
    ],
    [
      "uploads aborted by tag",
      {
        Status: "Enabled",
        Filter: { Tag: { Key: "a", Value: "b" } },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
      "InvalidRequest",
    ],
  ])("refuses %s", async (_name, rule, code) => {
    const bucket = await newBucket(engine.client, "lifecycle-bad");
    await expectS3Error(
      engine.client.send(
        new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [rule] } }),
      ),
      code,
      400,
    );
  });
});

describe("the lifecycle worker", () => {
  it("expires objects by prefix, tag and size once their days have passed, and nothing else", async () => {
    const bucket = await withRules([
      { ID: "logs", Status: "Enabled", Filter: { Prefix: "logs/" }, Expiration: { Days: 2 } },
      { ID: "tagged", Status: "Enabled", Filter: { Tag: { Key: "kind", Value: "scratch" } }, Expiration: { Days: 2 } },
      { ID: "large", Status: "Enabled", Filter: { ObjectSizeGreaterThan: 10 }, Expiration: { Days: 2 } },
    ]);
    const put = (key: string, body: string, tagging?: string) =>
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Tagging: tagging }));
    await put("logs/a.txt", "a");
    await put("notes/tagged.txt", "t", "kind=scratch");
    await put("notes/untagged.txt", "u", "kind=keep");
    await put("notes/large.bin", "more than ten bytes");
    expect((await runAfter(1)).objectsExpired).toBe(0);
    expect(await keys(bucket)).toHaveLength(4);
    const counts = await runAfter(3);
    expect(counts.objectsExpired).toBeGreaterThanOrEqual(3);
    expect(await keys(bucket)).toEqual(["notes/untagged.txt"]);
  });

  it("expires by date, and a disabled rule does nothing", async () => {
    const tomorrow = new Date(Math.ceil((Date.now() + dayMs) / dayMs) * dayMs);
    const bucket = await withRules([
      { ID: "date", Status: "Enabled", Filter: { Prefix: "dated/" }, Expiration: { Date: tomorrow } },
      { ID: "off", Status: "Disabled", Filter: { Prefix: "kept/" }, Expiration: { Days: 1 } },
    ]);
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "dated/x", Body: "x" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "kept/y", Body: "y" }));
    await runAfter(0);
    expect(await keys(bucket)).toEqual(["dated/x", "kept/y"]);
    await runAfter(2);
    expect(await keys(bucket)).toEqual(["kept/y"]);
  });

  it("aborts unfinished uploads after their days", async () => {
    const bucket = await withRules([
      {
        ID: "abort",
        Status: "Enabled",
        Filter: { Prefix: "" },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
    await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "big.bin" }));
    await runAfter(0);
    expect((await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads).toHaveLength(1);
    expect((await runAfter(2)).uploadsAborted).toBe(1);
    expect((await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toHaveLength(
      0,
    );
  });

  it("in a versioned bucket, expires older versions and then the delete marker left alone", async () => {
    const bucket = await withRules([
      {
        ID: "versions",
        Status: "Enabled",
        Filter: { Prefix: "" },
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Expiration: { ExpiredObjectDeleteMarker: true },
      },
    ]);
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "one" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "two" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "gone", Body: "x" }));
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "gone" }));
    const versions = async () => await engine.client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect((await versions()).Versions).toHaveLength(3);
    const first = await runAfter(2);
    expect(first.noncurrentVersionsExpired).toBe(2);
    const after = await versions();
    expect(after.Versions?.map((version) => version.Key)).toEqual(["k"]);
    expect(after.DeleteMarkers?.map((marker) => marker.Key)).toEqual(["gone"]);
    expect((await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" }))).ContentLength).toBe(3);
    // The marker is now alone: the next run removes it.
    expect((await runAfter(2)).deleteMarkersRemoved).toBe(1);
    expect((await versions()).DeleteMarkers ?? []).toHaveLength(0);
  });

  it("shows in ListWorkers and in the metrics, and runs on demand through the admin API", async () => {
    const bucket = await withRules([{ ID: "now", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 1 } }]);
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "old", Body: "x" }));
    const admin = (path: string, body?: object) =>
      fetch(`${engine.running.adminUrl}${path}`, {
        method: body ? "POST" : "GET",
        headers: { authorization: `Bearer ${engine.running.adminToken}`, "content-type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
    offsetMs = 2 * dayMs;
    try {
      const launched = await admin("/v2/LaunchRepairOperation?node=self", { repairType: "lifecycle" });
      expect(launched.status, await launched.text()).toBe(200);
      // The launched run is in progress: runNow joins it (or, finished, runs again on the same clock).
      await engine.running.engine.lifecycle.runNow();
    } finally {
      offsetMs = 0;
    }
    expect(await keys(bucket)).toEqual([]);
    const workers = (await (await admin("/v2/ListWorkers?node=self", {})).json()) as {
      success: Record<string, Array<{ name: string; freeform: string[] }>>;
    };
    const lifecycle = Object.values(workers.success)[0]?.find((worker) => worker.name === "Lifecycle");
    expect(lifecycle?.freeform.join("\n")).toMatch(/Objects expired since start: [1-9]/);
    const metrics = await (await admin("/metrics")).text();
    expect(metrics).toMatch(/carport_lifecycle_objects_expired_total [1-9]/);
    expect(metrics).toMatch(/carport_lifecycle_runs_total [1-9]/);
  });
});
