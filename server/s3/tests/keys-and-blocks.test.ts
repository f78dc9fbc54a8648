import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectS3Error, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/**
 * Keys that XML bodies must carry byte-exactly (spaces at the ends, markup
 * characters, line breaks), and shared blocks that collection must keep while
 * any object still references them.
 */

const engine = sharedS3TestEngine();

const xmlKeys = [" leading space", "trailing space ", "  ", "a&b<c>\"d'", "line\nbreak", "tab\there", "cr\r\nlf"];

describe("keys through XML", () => {
  it("ListObjectsV2 returns keys with markup characters and white space exactly", async () => {
    const bucket = await newBucket(engine.client, "xmlkeys");
    for (const key of xmlKeys) await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(new Set(listed.Contents?.map((object) => object.Key))).toEqual(new Set(xmlKeys));
  });

  it("DeleteObjects deletes exactly the keys named, white space and markup included", async () => {
    const bucket = await newBucket(engine.client, "xmldel");
    const decoys = ["leading space", "trailing space", "a&b<c>\"d'x"];
    for (const key of [...xmlKeys, ...decoys])
      await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const result = await engine.client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: xmlKeys.map((Key) => ({ Key })) } }),
    );
    expect(result.Errors ?? []).toEqual([]);
    expect(new Set(result.Deleted?.map((entry) => entry.Key))).toEqual(new Set(xmlKeys));
    const left = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(left.Contents?.map((object) => object.Key).sort()).toEqual([...decoys].sort());
  });
});

describe("shared blocks", () => {
  it("identical bodies share blocks: deleting one object and collecting keeps the other whole", async () => {
    const bucket = await newBucket(engine.client, "dedup");
    const data = seededBytes(3 * 1024 * 1024 + 5, "dedup");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "a", Body: data }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "b", Body: data }));
    await engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "c", CopySource: `${bucket}/a` }));
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "a" }));
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "c" }));
    await engine.running.engine.collector.collectDue(Date.now() + 60_000);
    const got = await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "b" }))).Body);
    expect(got.equals(data)).toBe(true);
  });

  it("overwriting an object with the same bytes keeps them readable after collection", async () => {
    const bucket = await newBucket(engine.client, "sameagain");
    const data = seededBytes(2 * 1024 * 1024, "same");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data }));
    await engine.running.engine.collector.collectDue(Date.now() + 60_000);
    const got = await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).Body);
    expect(got.equals(data)).toBe(true);
  });

  it("a deleted object's blocks are collected and the object is gone", async () => {
    const bucket = await newBucket(engine.client, "gone");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: seededBytes(1024 * 1024 + 1, "gone") }),
    );
    await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    const collected = await engine.running.engine.collector.collectDue(Date.now() + 60_000);
    expect(collected).toBeGreaterThanOrEqual(2);
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });
});
