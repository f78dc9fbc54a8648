import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  bodyBytes,
  expectS3Error,
  md5Base64,
  md5Hex,
  newBucket,
  seededBytes,
  signedFetch,
  sharedS3TestEngine,
} from "./helpers";

/** PutObject, GetObject, HeadObject, DeleteObject(s): sizes, keys, bodies, metadata, conditional writes, races. */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

describe("object sizes", () => {
  it.each([0, 1, 4095, 4096, 33 * 1024, MiB, MiB + 1, 5 * MiB + 1])(
    "stores and returns %i bytes exactly, ETag = MD5",
    async (sizeBytes) => {
      const bucket = await newBucket(engine.client, "size");
      const data = seededBytes(sizeBytes, `size-${sizeBytes}`);
      const put = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "object", Body: data }));
      expect(put.ETag).toBe(`"${md5Hex(data)}"`);
      const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "object" }));
      expect(got.ContentLength).toBe(sizeBytes);
      expect(got.ETag).toBe(`"${md5Hex(data)}"`);
      const bytes = await bodyBytes(got.Body);
      expect(bytes.length).toBe(sizeBytes);
      expect(bytes.equals(data)).toBe(true);
      const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "object" }));
      expect(head.ContentLength).toBe(sizeBytes);
      expect(head.ETag).toBe(`"${md5Hex(data)}"`);
    },
  );
});

describe("object keys", () => {
  const keys = [
    "with space",
    "plus+sign",
    "equals=sign",
    "amp&ersand",
    "per%cent",
    "percent%20encoded-looking",
    "caf\u00e9",
    "emoji-\u{1F600}",
    "double//slash",
    "trailing/",
    "../x",
    "./dot",
    "..",
    ".",
    "a/../b",
    "/leading-slash",
    "question?mark",
    "hash#tag",
    "tilde~and*star",
    "a".repeat(1024),
    `${"\u00e9".repeat(511)}xy`,
  ];

  it.each(keys.map((key) => [key.length > 40 ? `${key.slice(0, 20)}… (${Buffer.byteLength(key)} bytes)` : key, key]))(
    "round-trips the key %s byte-exactly",
    async (_label, key) => {
      const bucket = await newBucket(engine.client, "key");
      const data = Buffer.from(`body of ${key}`);
      await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
      const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
      const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
      await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: key })), "NoSuchKey", 404);
    },
  );

  it("keeps ../x a key, never a path on disk", async () => {
    const bucket = await newBucket(engine.client, "dots");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "../x", Body: "one" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "x", Body: "two" }));
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["../x", "x"]);
    expect(
      (
        await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "../x" }))).Body)
      ).toString(),
    ).toBe("one");
  });

  it("refuses a 1025-byte key with KeyTooLongError", async () => {
    const bucket = await newBucket(engine.client, "long");
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k".repeat(1025), Body: "x" })),
      "KeyTooLongError",
      400,
    );
  });
});

describe("PutObject bodies and metadata", () => {
  it("accepts a string body", async () => {
    const bucket = await newBucket(engine.client, "str");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "s", Body: "h\u00e9llo w\u00f6rld" }));
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "s" }));
    expect(await got.Body?.transformToString()).toBe("h\u00e9llo w\u00f6rld");
  });

  it("accepts a stream body (aws-chunked with a CRC32 trailer)", async () => {
    const bucket = await newBucket(engine.client, "stream");
    const data = seededBytes(300 * 1024 + 7, "stream");
    const pieces = [data.subarray(0, 1000), data.subarray(1000, 200_000), data.subarray(200_000)];
    const put = await engine.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "streamed",
        Body: Readable.from(pieces),
        ContentLength: data.length,
      }),
    );
    expect(put.ETag).toBe(`"${md5Hex(data)}"`);
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "streamed" }));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
  });

  it("keeps x-amz-meta-* and the content headers, and returns them", async () => {
    const bucket = await newBucket(engine.client, "meta");
    const expires = new Date("2031-01-02T03:04:05Z");
    await engine.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: "m",
        Body: "x",
        Metadata: { colour: "blue", "two-words": "a b" },
        ContentType: "text/plain; charset=utf-8",
        ContentEncoding: "identity",
        ContentDisposition: 'attachment; filename="m.txt"',
        ContentLanguage: "fr-CA",
        CacheControl: "max-age=60",
        Expires: expires,
      }),
    );
    for (const output of [
      await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "m" })),
      await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "m" })),
    ]) {
      expect(output.Metadata).toEqual({ colour: "blue", "two-words": "a b" });
      expect(output.ContentType).toBe("text/plain; charset=utf-8");
      expect(output.ContentEncoding).toBe("identity");
      expect(output.ContentDisposition).toBe('attachment; filename="m.txt"');
      expect(output.ContentLanguage).toBe("fr-CA");
      expect(output.CacheControl).toBe("max-age=60");
      expect(output.Expires?.getTime()).toBe(expires.getTime());
      expect(output.LastModified).toBeInstanceOf(Date);
    }
  });

  it("defaults Content-Type to binary/octet-stream when the client sends none", async () => {
    const bucket = await newBucket(engine.client, "ctype");
    // The SDK always sends one, so the request is made by hand.
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const response = await signedFetch(credentials, {
      method: "PUT",
      path: `/${bucket}/b`,
      body: Buffer.from([1, 2, 3]),
    });
    expect(response.status).toBe(200);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "b" }));
    expect(head.ContentType).toBe("binary/octet-stream");
  });

  it("checks Content-MD5: a good one is accepted, a bad one is BadDigest and stores nothing", async () => {
    const bucket = await newBucket(engine.client, "md5");
    const data = seededBytes(5000, "md5");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "good", Body: data, ContentMD5: md5Base64(data) }),
    );
    await expectS3Error(
      engine.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "bad", Body: data, ContentMD5: md5Base64(Buffer.from("other")) }),
      ),
      "BadDigest",
      400,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "bad" })), "NotFound", 404);
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "bad", Body: data, ContentMD5: "not-base64" })),
      "InvalidDigest",
      400,
    );
  });
});

describe("conditional writes", () => {
  it("If-None-Match: * creates once, then 412", async () => {
    const bucket = await newBucket(engine.client, "inm");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "first", IfNoneMatch: "*" }));
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "second", IfNoneMatch: "*" })),
      "PreconditionFailed",
      412,
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(await got.Body?.transformToString()).toBe("first");
  });

  it("If-Match replaces only the expected version", async () => {
    const bucket = await newBucket(engine.client, "im");
    const first = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "first" }));
    await expectS3Error(
      engine.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", IfMatch: `"${md5Hex(Buffer.from("nope"))}"` }),
      ),
      "PreconditionFailed",
      412,
    );
    const second = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "second", IfMatch: first.ETag }),
    );
    expect(second.ETag).toBe(`"${md5Hex(Buffer.from("second"))}"`);
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "third", IfMatch: first.ETag })),
      "PreconditionFailed",
      412,
    );
  });

  it("If-Match on a missing key is NoSuchKey", async () => {
    const bucket = await newBucket(engine.client, "imm");
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "absent", Body: "x", IfMatch: '"abc"' })),
      "NoSuchKey",
      404,
    );
  });

  it("16 concurrent If-None-Match: * PUTs to one key: exactly one winner, the others 412 or 409", async () => {
    const bucket = await newBucket(engine.client, "race");
    const bodies = Array.from({ length: 16 }, (_, index) => seededBytes(4096 + index, `race-${index}`));
    const outcomes = await Promise.allSettled(
      bodies.map((body) =>
        engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "once", Body: body, IfNoneMatch: "*" })),
      ),
    );
    const winners = outcomes.flatMap((outcome, index) => (outcome.status === "fulfilled" ? [index] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected")
        expect([412, 409]).toContain(
          (outcome.reason as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode,
        );
    }
    const got = await bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "once" }))).Body);
    expect(got.equals(bodies[winners[0]])).toBe(true);
  });

  it("concurrent PUTs of different bodies leave one whole body", async () => {
    const bucket = await newBucket(engine.client, "torn");
    const bodies = Array.from({ length: 8 }, (_, index) => seededBytes(2 * MiB + 100 * index, `torn-${index}`));
    await Promise.all(
      bodies.map((body) => engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: body }))),
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
    const bytes = await bodyBytes(got.Body);
    const match = bodies.findIndex((body) => body.equals(bytes));
    expect(match).toBeGreaterThanOrEqual(0);
    expect(got.ETag).toBe(`"${md5Hex(bodies[match])}"`);
  });
});

describe("DeleteObject and DeleteObjects", () => {
  it("DeleteObject answers 204, even for a missing key", async () => {
    const bucket = await newBucket(engine.client, "del");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const deleted = await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const again = await engine.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "k" }));
    expect(again.$metadata.httpStatusCode).toBe(204);
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "NoSuchKey", 404);
  });

  it("DeleteObjects reports each key, and quiet mode reports none", async () => {
    const bucket = await newBucket(engine.client, "dels");
    const keys = Array.from({ length: 10 }, (_, index) => `k${index}`);
    for (const key of keys) await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const loud = await engine.client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [...keys.slice(0, 5), "missing"].map((Key) => ({ Key })) },
      }),
    );
    expect(loud.Deleted?.map((entry) => entry.Key).sort()).toEqual([...keys.slice(0, 5), "missing"].sort());
    expect(loud.Errors ?? []).toEqual([]);
    const quiet = await engine.client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Quiet: true, Objects: keys.slice(5).map((Key) => ({ Key })) },
      }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Errors ?? []).toEqual([]);
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.KeyCount).toBe(0);
  });

  it("DeleteObjects takes 1000 keys and refuses 1001 with MalformedXML", async () => {
    const bucket = await newBucket(engine.client, "del1000");
    const thousand = Array.from({ length: 1000 }, (_, index) => ({ Key: `key-${index}` }));
    const ok = await engine.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: thousand } }));
    expect(ok.Deleted).toHaveLength(1000);
    await expectS3Error(
      engine.client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [...thousand, { Key: "one-more" }] } }),
      ),
      "MalformedXML",
      400,
    );
  });
});
