import http from "node:http";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { rawExchange, requestHead } from "../../../tests/bad-input/raw-http";
import { buildChunkedBody } from "../sigv4/testing";
import { createChecksummer } from "../../engine/service/checksums";
import { bodyBytes, newBucket, sharedS3TestEngine, signRaw, uniqueBucketName, xmlElement } from "./helpers";

/** The details of the wire clients trip on: metadata bytes, Expect, listing edges, encodings, presigned expiry. */

const engine = sharedS3TestEngine();

function credentials() {
  return {
    endpoint: engine.running.s3Url,
    region: engine.running.config.s3.region,
    accessKeyId: engine.accessKeyId,
    secretAccessKey: engine.secretAccessKey,
  };
}

/** Sends header values as raw bytes (Node writes header strings one byte per character). */
function sendRaw(url: string, method: string, headers: Record<string, string>, body = Buffer.alloc(0)) {
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(url, { method, headers: { ...headers, "content-length": String(body.length) } });
    request.on("response", resolve);
    request.on("error", reject);
    request.end(body);
  });
}

async function crc32Base64(data: Buffer): Promise<string> {
  const checksummer = createChecksummer("CRC32");
  checksummer.update(data);
  return (await checksummer.digest()).toString("base64");
}

function asWireBytes(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

describe("metadata that is not ASCII", () => {
  it("verifies under SigV4 when its UTF-8 bytes are signed, and comes back byte for byte", async () => {
    const bucket = await newBucket(engine.client, "utf8meta");
    const value = "café 値 ü";
    // Signed over the value's UTF-8 bytes, sent as exactly those bytes (what a signer of raw bytes does).
    const signed = await signRaw(credentials(), {
      method: "PUT",
      path: `/${bucket}/k`,
      headers: { "x-amz-meta-note": value },
      body: Buffer.from("x"),
    });
    const headers = { ...signed.headers, "x-amz-meta-note": asWireBytes(value) };
    const put = await sendRaw(signed.url, "PUT", headers, Buffer.from("x"));
    put.resume();
    expect(put.statusCode).toBe(200);
    const headSigned = await signRaw(credentials(), { method: "HEAD", path: `/${bucket}/k` });
    const head = await sendRaw(headSigned.url, "HEAD", headSigned.headers);
    head.resume();
    expect(head.statusCode).toBe(200);
    expect(Buffer.from(String(head.headers["x-amz-meta-note"]), "latin1")).toEqual(Buffer.from(value, "utf8"));
  });
});

describe("Expect", () => {
  it("answers a refused 100-continue request with its final status and no 100 Continue", async () => {
    const exchange = await rawExchange(
      engine.running.s3Url,
      requestHead("PUT", `/${uniqueBucketName("absent")}/k`, [
        ["Host", new URL(engine.running.s3Url).host],
        ["Expect", "100-continue"],
        ["Content-Length", "5"],
      ]),
      { untilResponses: 1 },
    );
    expect(exchange.responses.map((response) => response.status)).toEqual([404]);
  });

  it("sends 100 Continue once a request is allowed, and ignores an empty or unknown Expect", async () => {
    const bucket = await newBucket(engine.client, "expect");
    for (const expectation of ["100-continue", "", "something-else"]) {
      const body = Buffer.from(`body for ${expectation || "empty"}`);
      const signed = await signRaw(credentials(), {
        method: "PUT",
        path: `/${bucket}/k`,
        headers: { expect: expectation },
        body,
      });
      const exchange = await rawExchange(
        engine.running.s3Url,
        requestHead("PUT", new URL(signed.url).pathname, [
          ["Host", new URL(engine.running.s3Url).host],
          ...Object.entries(signed.headers),
          ["Content-Length", String(body.length)],
        ]),
        { body, untilResponses: expectation === "100-continue" ? 2 : 1 },
      );
      const statuses = exchange.responses.map((response) => response.status);
      expect(statuses).toEqual(expectation === "100-continue" ? [100, 200] : [200]);
      const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }));
      expect((await bodyBytes(got.Body)).equals(body)).toBe(true);
    }
  });
});

describe("listing edges", () => {
  it("max-keys=0 is an empty page that is not truncated, for both list versions", async () => {
    const bucket = await newBucket(engine.client, "zero");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const v2 = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 0 }));
    expect([v2.IsTruncated, v2.KeyCount, v2.Contents]).toEqual([false, 0, undefined]);
    const v1 = await engine.client.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 0 }));
    expect([v1.IsTruncated, v1.Contents]).toEqual([false, undefined]);
  });

  it("returns keys and prefixes with control characters raw without encoding-type", async () => {
    const bucket = await newBucket(engine.client, "controls");
    const key = "tab\there/line\u0001x";
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "x" }));
    const signed = await signRaw(credentials(), {
      method: "GET",
      path: `/${bucket}`,
      query: { "list-type": "2", delimiter: "/" },
    });
    const text = await (await fetch(signed.url, { headers: signed.headers })).text();
    expect(xmlElement(text, "Prefix")).toBe("");
    expect(text).toContain("<CommonPrefixes><Prefix>tab\there/</Prefix></CommonPrefixes>");
    const flat = await signRaw(credentials(), { method: "GET", path: `/${bucket}`, query: { "list-type": "2" } });
    expect(await (await fetch(flat.url, { headers: flat.headers })).text()).toContain(`<Key>${key}</Key>`);
  });

  it("ListBuckets pages with max-buckets and continuation-token", async () => {
    const { accessKeyId, secretAccessKey } = await engine.newKey("pager");
    const client = engine.clientFor(accessKeyId, secretAccessKey);
    const names = [uniqueBucketName("pa"), uniqueBucketName("pb"), uniqueBucketName("pc")];
    for (const name of names) await client.send(new CreateBucketCommand({ Bucket: name }));
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const listed = await client.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: token }));
      expect(listed.Buckets?.length).toBeLessThanOrEqual(2);
      seen.push(...(listed.Buckets ?? []).map((bucket) => bucket.Name ?? ""));
      token = listed.ContinuationToken;
      if (!token) break;
    }
    expect(seen).toEqual([...names].sort());
    const all = await client.send(new ListBucketsCommand({}));
    expect(all.Buckets?.map((bucket) => bucket.Name)).toEqual([...names].sort());
    expect(all.ContinuationToken).toBeUndefined();
  });
});

describe("encodings and presigned URLs", () => {
  it("stores Content-Encoding exactly as sent, less aws-chunked", async () => {
    const bucket = await newBucket(engine.client, "encoding");
    const data = Buffer.from("compressed, twice");
    const trailer = await crc32Base64(data);
    for (const [key, sent] of [
      ["after", "deflate, gzip, aws-chunked"],
      ["before", "aws-chunked, deflate, gzip"],
    ]) {
      const signed = await signRaw(credentials(), {
        method: "PUT",
        path: `/${bucket}/${key}`,
        headers: {
          "content-encoding": sent,
          "x-amz-decoded-content-length": String(data.length),
          "x-amz-trailer": "x-amz-checksum-crc32",
        },
        payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      });
      const body = buildChunkedBody({ chunks: [data], trailers: [["x-amz-checksum-crc32", trailer]] });
      expect((await fetch(signed.url, { method: "PUT", headers: signed.headers, body })).status).toBe(200);
      const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.ContentEncoding).toBe("deflate, gzip");
    }
  });

  it("refuses presigned URLs that expire at once, in the past, or beyond a week with 403 AccessDenied", async () => {
    const bucket = await newBucket(engine.client, "presign");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 60,
    });
    expect((await fetch(url)).status).toBe(200);
    const cases: Array<[string, string]> = [
      [url.replace("X-Amz-Expires=60", "X-Amz-Expires=0"), "Request has expired"],
      [url.replace("X-Amz-Expires=60", "X-Amz-Expires=-5"), "X-Amz-Expires must be non-negative"],
      [
        url.replace("X-Amz-Expires=60", "X-Amz-Expires=604801"),
        "X-Amz-Expires must be less than a week (in seconds) that is 604800",
      ],
      [
        await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
          expiresIn: 1,
          signingDate: new Date(Date.now() - 60_000),
        }),
        "Request has expired",
      ],
    ];
    for (const [refused, message] of cases) {
      const response = await fetch(refused);
      const text = await response.text();
      expect([response.status, xmlElement(text, "Code"), xmlElement(text, "Message")]).toEqual([
        403,
        "AccessDenied",
        message,
      ]);
    }
  });
});
