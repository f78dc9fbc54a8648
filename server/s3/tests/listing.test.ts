import {
  DeleteObjectsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, signedFetch, sharedS3TestEngine, xmlElement } from "./helpers";

/** ListObjects (v1) and ListObjectsV2: prefixes, delimiters, paging in UTF-8 byte order, url encoding, owners. */

const engine = sharedS3TestEngine();

function byteOrder(keys: string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
}

async function putKeys(bucket: string, keys: string[]): Promise<void> {
  // A few at a time: enough to be quick, few enough for two cores.
  for (let index = 0; index < keys.length; index += 32) {
    await Promise.all(
      keys
        .slice(index, index + 32)
        .map((key) => engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "" }))),
    );
  }
}

/** Keys whose UTF-16 order differs from their UTF-8 byte order ("\uFF5E" < "\u{1F600}" in UTF-8 only). */
const trickyKeys = ["\uFF5E", "\u{1F600}", "\uE000", "\u{10000}", "z", "\u00e9", "a/b", "a%2Fb", "a+b", "a b"];

describe("ListObjectsV2", () => {
  it("pages 2,500 keys with continuation tokens: every key once, in UTF-8 byte order", async () => {
    const bucket = await newBucket(engine.client, "page2");
    const keys = [...Array.from({ length: 2490 }, (_, index) => `k/${String(index).padStart(5, "0")}`), ...trickyKeys];
    await putKeys(bucket, keys);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: engine.client, pageSize: 700 }, { Bucket: bucket })) {
      pages += 1;
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
      expect(page.MaxKeys).toBe(700);
      seen.push(...(page.Contents ?? []).map((object) => object.Key ?? ""));
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(byteOrder(keys));
    expect(seen.indexOf("\uFF5E")).toBeLessThan(seen.indexOf("\u{1F600}"));
  });

  it("defaults to 1000 keys a page and caps max-keys at 1000", async () => {
    const bucket = await newBucket(engine.client, "cap");
    await putKeys(
      bucket,
      Array.from({ length: 1005 }, (_, index) => `key-${String(index).padStart(4, "0")}`),
    );
    const first = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(first.Contents).toHaveLength(1000);
    expect(first.IsTruncated).toBe(true);
    const capped = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 5000 }));
    expect(capped.Contents).toHaveLength(1000);
    const rest = await engine.client.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: first.NextContinuationToken }),
    );
    expect(rest.Contents?.map((object) => object.Key)).toEqual([
      "key-1000",
      "key-1001",
      "key-1002",
      "key-1003",
      "key-1004",
    ]);
    expect(rest.IsTruncated).toBe(false);
    expect(rest.NextContinuationToken).toBeUndefined();
  });

  it("prefix, delimiter and CommonPrefixes, paged across both", async () => {
    const bucket = await newBucket(engine.client, "delim");
    const keys = [
      "photos/2023/a.jpg",
      "photos/2023/b.jpg",
      "photos/2024/c.jpg",
      "photos/top.jpg",
      "photos/zz/d",
      "photosx",
      "readme",
      "z/1",
    ];
    await putKeys(bucket, keys);
    const root = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: "/" }));
    expect(root.Contents?.map((object) => object.Key)).toEqual(["photosx", "readme"]);
    expect(root.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(["photos/", "z/"]);
    expect(root.KeyCount).toBe(4);
    const photos = await engine.client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: "photos/", Delimiter: "/" }),
    );
    expect(photos.Contents?.map((object) => object.Key)).toEqual(["photos/top.jpg"]);
    expect(photos.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual([
      "photos/2023/",
      "photos/2024/",
      "photos/zz/",
    ]);
    const seen: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: engine.client, pageSize: 1 },
      { Bucket: bucket, Prefix: "photos/", Delimiter: "/" },
    )) {
      seen.push(
        ...(page.CommonPrefixes ?? []).map((prefix) => `P:${prefix.Prefix}`),
        ...(page.Contents ?? []).map((object) => `K:${object.Key}`),
      );
    }
    expect(seen).toEqual(["P:photos/2023/", "P:photos/2024/", "K:photos/top.jpg", "P:photos/zz/"]);
    const none = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "nothing/" }));
    expect(none.KeyCount).toBe(0);
    expect(none.Contents).toBeUndefined();
  });

  it("StartAfter lists strictly after a key, in byte order", async () => {
    const bucket = await newBucket(engine.client, "after");
    await putKeys(bucket, trickyKeys);
    const ordered = byteOrder(trickyKeys);
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, StartAfter: "\uFF5E" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(ordered.slice(ordered.indexOf("\uFF5E") + 1));
    expect(listed.StartAfter).toBe("\uFF5E");
  });

  it("EncodingType url percent-encodes keys, prefixes and delimiters", async () => {
    const bucket = await newBucket(engine.client, "enc");
    const keys = ["sp ace/x", "caf\u00e9", "amp&lt", "plus+", "ctl\u0001char"];
    await putKeys(bucket, keys);
    const listed = await engine.client.send(
      new ListObjectsV2Command({ Bucket: bucket, EncodingType: "url", Delimiter: "/" }),
    );
    expect(listed.EncodingType).toBe("url");
    expect(listed.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(["sp%20ace/"]);
    expect(listed.Delimiter).toBe("/");
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const raw = await (
      await signedFetch(credentials, {
        method: "GET",
        path: `/${bucket}`,
        query: { "list-type": "2", "encoding-type": "url" },
      })
    ).text();
    expect(raw).toContain("<Key>caf%C3%A9</Key>");
    expect(raw).toContain("<Key>ctl%01char</Key>");
    expect(raw).toContain("<Key>plus%2B</Key>");
    expect(raw).toContain("<Key>sp%20ace/x</Key>");
  });

  it("FetchOwner adds the owner to each entry", async () => {
    const bucket = await newBucket(engine.client, "owner");
    await putKeys(bucket, ["a"]);
    const without = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(without.Contents?.[0].Owner).toBeUndefined();
    const withOwner = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, FetchOwner: true }));
    expect(withOwner.Contents?.[0].Owner?.ID).toBe(engine.accessKeyId);
    expect(withOwner.Contents?.[0].Size).toBe(0);
    expect(withOwner.Contents?.[0].ETag).toBe('"d41d8cd98f00b204e9800998ecf8427e"');
    expect(withOwner.Contents?.[0].StorageClass).toBe("STANDARD");
  });

  it("reflects writes and deletes at once (read-after-write for LIST)", async () => {
    const bucket = await newBucket(engine.client, "raw");
    await putKeys(bucket, ["one", "two"]);
    await engine.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "one" }] } }));
    await putKeys(bucket, ["three"]);
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["three", "two"]);
  });

  it("refuses a bad continuation token, max-keys and encoding type", async () => {
    const bucket = await newBucket(engine.client, "bad");
    await expectS3Error(
      engine.client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: "!!!" })),
      "InvalidArgument",
      400,
    );
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const badMax = await signedFetch(credentials, {
      method: "GET",
      path: `/${bucket}`,
      query: { "list-type": "2", "max-keys": "-1" },
    });
    expect(badMax.status).toBe(400);
    expect(xmlElement(await badMax.text(), "Code")).toBe("InvalidArgument");
    const badEncoding = await signedFetch(credentials, {
      method: "GET",
      path: `/${bucket}`,
      query: { "list-type": "2", "encoding-type": "base64" },
    });
    expect(badEncoding.status).toBe(400);
  });
});

describe("ListObjects (v1)", () => {
  it("pages 2,500 keys with markers: every key once, in UTF-8 byte order", async () => {
    const bucket = await newBucket(engine.client, "page1");
    const keys = [...Array.from({ length: 2490 }, (_, index) => `m-${String(index).padStart(5, "0")}`), ...trickyKeys];
    await putKeys(bucket, keys);
    const seen: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await engine.client.send(new ListObjectsCommand({ Bucket: bucket, Marker: marker, MaxKeys: 900 }));
      seen.push(...(page.Contents ?? []).map((object) => object.Key ?? ""));
      if (!page.IsTruncated) break;
      // Clients use NextMarker when given, else the last key.
      marker = page.NextMarker ?? page.Contents?.at(-1)?.Key;
    }
    expect(seen).toEqual(byteOrder(keys));
  });

  it("delimiter with markers pages through common prefixes once each", async () => {
    const bucket = await newBucket(engine.client, "v1delim");
    await putKeys(bucket, ["a/1", "a/2", "b/1", "c", "d/1", "d/2", "e"]);
    const seen: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await engine.client.send(
        new ListObjectsCommand({ Bucket: bucket, Delimiter: "/", Marker: marker, MaxKeys: 2 }),
      );
      seen.push(
        ...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix ?? ""),
        ...(page.Contents ?? []).map((object) => object.Key ?? ""),
      );
      if (!page.IsTruncated) break;
      expect(page.NextMarker).toBeDefined();
      marker = page.NextMarker;
    }
    expect(seen.sort()).toEqual(["a/", "b/", "c", "d/", "e"]);
  });

  it("Prefix and EncodingType url", async () => {
    const bucket = await newBucket(engine.client, "v1enc");
    await putKeys(bucket, ["dir/\u00e9 1", "dir/x", "other"]);
    const listed = await engine.client.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: "dir/", EncodingType: "url" }),
    );
    // The JS SDK hands the encoded form back as is (boto3 decodes it).
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["dir/x", "dir/%C3%A9%201"]);
    expect(listed.Contents?.map((object) => decodeURIComponent(object.Key ?? ""))).toEqual(["dir/x", "dir/\u00e9 1"]);
    expect(listed.Contents?.[0].Owner?.ID).toBe(engine.accessKeyId);
  });
});
