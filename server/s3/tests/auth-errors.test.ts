import {
  GetBucketAccelerateConfigurationCommand,
  GetObjectCommand,
  GetObjectTorrentCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";
import { buildChunkedBody, exampleSigningKey } from "../sigv4/testing";
import {
  expectErrorXml,
  expectS3Error,
  newBucket,
  seededBytes,
  signedFetch,
  signRaw,
  xmlElement,
  type RawCredentials,
} from "./helpers";

/** Authentication and error answers: signatures, presigned URLs, clock skew, aws-chunked tampering, permissions, XML errors. */

let engine: S3TestEngine;
let credentials: RawCredentials;

beforeAll(async () => {
  engine = await startS3TestEngine();
  credentials = {
    endpoint: engine.running.s3Url,
    region: engine.running.config.s3.region,
    accessKeyId: engine.accessKeyId,
    secretAccessKey: engine.secretAccessKey,
  };
});

afterAll(async () => {
  await engine?.stop();
});

describe("signatures", () => {
  it("a wrong secret is SignatureDoesNotMatch (403)", async () => {
    const bucket = await newBucket(engine.client, "wrongsecret");
    const client = engine.clientFor(engine.accessKeyId, "0".repeat(64));
    await expectS3Error(client.send(new ListObjectsV2Command({ Bucket: bucket })), "SignatureDoesNotMatch", 403);
    await expectS3Error(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" })),
      "SignatureDoesNotMatch",
      403,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });

  it("an unknown access key is InvalidAccessKeyId (403)", async () => {
    const client = engine.clientFor("GK000000000000000000000000", "0".repeat(64));
    await expectS3Error(client.send(new ListObjectsV2Command({ Bucket: "whatever" })), "InvalidAccessKeyId", 403);
  });

  it.each([20, -20])("a clock %i minutes off is RequestTimeTooSkewed (403)", async (minutes) => {
    const client = new S3Client({
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey },
      // One attempt: the SDK would otherwise correct its clock from the answer and retry.
      maxAttempts: 1,
      systemClockOffset: minutes * 60 * 1000,
    });
    try {
      await expectS3Error(client.send(new ListObjectsV2Command({ Bucket: "any-bucket" })), "RequestTimeTooSkewed", 403);
    } finally {
      client.destroy();
    }
  });

  it("a tampered aws-chunked body is refused and nothing is stored; the untampered one is accepted", async () => {
    const bucket = await newBucket(engine.client, "chunked");
    const data = seededBytes(70_000, "chunked");
    const send = async (key: string, tamper: boolean) => {
      const headers = { "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(data.length) };
      const signed = await signRaw(credentials, {
        method: "PUT",
        path: `/${bucket}/${key}`,
        headers,
        payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      });
      const signing = {
        key: exampleSigningKey(signed.amzDate.slice(0, 8), credentials.region, credentials.secretAccessKey),
        seedSignature: signed.seedSignature,
        amzDate: signed.amzDate,
        scope: signed.scope,
      };
      const body = buildChunkedBody({ chunks: [data.subarray(0, 65_536), data.subarray(65_536)], signing });
      // Flip one payload byte inside the first chunk, after its header line.
      if (tamper) body[body.indexOf("\r\n") + 2 + 100] ^= 0x01;
      return fetch(signed.url, { method: "PUT", headers: signed.headers, body });
    };
    const good = await send("good", false);
    expect(good.status, await good.text()).toBe(200);
    const bad = await send("bad", true);
    expect(bad.status).toBe(403);
    expectErrorXml(await bad.text(), "SignatureDoesNotMatch");
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "bad" })), "NotFound", 404);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "good" }));
    expect(Buffer.from(await (got.Body?.transformToByteArray() ?? new Uint8Array())).equals(data)).toBe(true);
  });

  it("a wrong checksum in an unsigned-payload trailer is BadDigest and nothing is stored", async () => {
    const bucket = await newBucket(engine.client, "trailer");
    const data = Buffer.from("trailer body");
    const headers = {
      "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": String(data.length),
      "x-amz-trailer": "x-amz-checksum-crc32",
    };
    const signed = await signRaw(credentials, {
      method: "PUT",
      path: `/${bucket}/k`,
      headers,
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    });
    const body = buildChunkedBody({ chunks: [data], trailers: [["x-amz-checksum-crc32", "AAAAAA=="]] });
    const response = await fetch(signed.url, { method: "PUT", headers: signed.headers, body });
    expect(response.status).toBe(400);
    expectErrorXml(await response.text(), "BadDigest");
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });

  it("a body that does not match its signed SHA-256 is refused and nothing is stored", async () => {
    const bucket = await newBucket(engine.client, "sha");
    const signed = await signRaw(credentials, {
      method: "PUT",
      path: `/${bucket}/k`,
      body: Buffer.from("signed body"),
    });
    const response = await fetch(signed.url, {
      method: "PUT",
      headers: signed.headers,
      body: Buffer.from("other body!"),
    });
    expect(response.status).toBe(400);
    expectErrorXml(await response.text(), "XAmzContentSHA256Mismatch");
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });
});

describe("presigned URLs", () => {
  it("a presigned PUT and GET work with plain fetch", async () => {
    const bucket = await newBucket(engine.client, "presign");
    const putUrl = await getSignedUrl(engine.client, new PutObjectCommand({ Bucket: bucket, Key: "via url" }), {
      expiresIn: 60,
    });
    const put = await fetch(putUrl, { method: "PUT", body: "presigned bytes" });
    expect(put.status, await put.text()).toBe(200);
    const getUrl = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "via url" }), {
      expiresIn: 60,
    });
    const get = await fetch(getUrl);
    expect(await get.text()).toBe("presigned bytes");
  });

  it("an expired presigned URL is AccessDenied", async () => {
    const bucket = await newBucket(engine.client, "expired");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3600_000),
    });
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const body = await response.text();
    expectErrorXml(body, "AccessDenied");
    expect(xmlElement(body, "Message")).toMatch(/expired/i);
  });

  it("a presigned URL whose query was altered is SignatureDoesNotMatch", async () => {
    const bucket = await newBucket(engine.client, "altered");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 60,
    });
    const response = await fetch(`${url}&response-content-type=text%2Fhtml`);
    expect(response.status).toBe(403);
    expectErrorXml(await response.text(), "SignatureDoesNotMatch");
  });
});

describe("permissions", () => {
  it("a key without read permission is AccessDenied on reads and writes", async () => {
    const bucket = await newBucket(engine.client, "private");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "secret", Body: "x" }));
    const key = await engine.newKey("outsider");
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    await expectS3Error(client.send(new GetObjectCommand({ Bucket: bucket, Key: "secret" })), "AccessDenied", 403);
    await expectS3Error(client.send(new ListObjectsV2Command({ Bucket: bucket })), "AccessDenied", 403);
    await expectS3Error(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: "mine", Body: "y" })),
      "AccessDenied",
      403,
    );
  });

  it("a read-only key can read but not write", async () => {
    const bucket = await newBucket(engine.client, "readonly");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const key = await engine.newKey("reader");
    const bucketId = engine.running.engine.buckets.resolveName(bucket, null)?.id ?? "";
    await engine.running.engine.buckets.changeKeyPermission(bucketId, key.accessKeyId, { read: true }, true);
    const client = engine.clientFor(key.accessKeyId, key.secretAccessKey);
    expect(
      await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).Body?.transformToString(),
    ).toBe("x");
    await expectS3Error(
      client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "overwritten" })),
      "AccessDenied",
      403,
    );
  });
});

describe("error answers", () => {
  it("anonymous GET / is 403 AccessDenied in S3 XML", async () => {
    const response = await fetch(`${engine.running.s3Url}/`);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(response.headers.get("x-amz-request-id")).toBeTruthy();
    const body = await response.text();
    expectErrorXml(body, "AccessDenied");
    expect(xmlElement(body, "RequestId")).toBe(response.headers.get("x-amz-request-id"));
  });

  it("anonymous object reads are 403", async () => {
    const bucket = await newBucket(engine.client, "anon");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const response = await fetch(`${engine.running.s3Url}/${bucket}/k`);
    expect(response.status).toBe(403);
    expectErrorXml(await response.text(), "AccessDenied");
  });

  it("missing bucket and key: NoSuchBucket / NoSuchKey with the Resource", async () => {
    const bucket = await newBucket(engine.client, "missing");
    const noKey = await signedFetch(credentials, { method: "GET", path: `/${bucket}/absent` });
    expect(noKey.status).toBe(404);
    const body = await noKey.text();
    expectErrorXml(body, "NoSuchKey");
    expect(xmlElement(body, "Resource")).toBe(`/${bucket}/absent`);
    const noBucket = await signedFetch(credentials, {
      method: "GET",
      path: `/${bucket}-absent`,
      query: { "list-type": "2" },
    });
    expect(noBucket.status).toBe(404);
    expectErrorXml(await noBucket.text(), "NoSuchBucket");
  });

  it("a malformed DeleteObjects body is MalformedXML", async () => {
    const bucket = await newBucket(engine.client, "badxml");
    for (const text of [
      "<Delete><Object><Key>a</Key></Object>",
      "garbage",
      "<Delete></Delete>",
      "<Delete><Object><VersionId>x</VersionId></Object></Delete>",
    ]) {
      const response = await signedFetch(credentials, {
        method: "POST",
        path: `/${bucket}`,
        query: { delete: "" },
        body: Buffer.from(text),
      });
      expect(response.status, text).toBe(400);
      expectErrorXml(await response.text(), "MalformedXML");
    }
  });

  it("an unsupported sub-resource (?torrent, ?accelerate) is 501 NotImplemented, never a silent success", async () => {
    const bucket = await newBucket(engine.client, "torrent");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    await expectS3Error(
      engine.client.send(new GetObjectTorrentCommand({ Bucket: bucket, Key: "k" })),
      "NotImplemented",
      501,
    );
    await expectS3Error(
      engine.client.send(new GetBucketAccelerateConfigurationCommand({ Bucket: bucket })),
      "NotImplemented",
      501,
    );
    const response = await signedFetch(credentials, {
      method: "PUT",
      path: `/${bucket}`,
      query: { accelerate: "" },
      body: Buffer.from("<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>"),
    });
    expect(response.status).toBe(501);
    expectErrorXml(await response.text(), "NotImplemented");
  });

  it("object lock on PutObject (x-amz-object-lock-legal-hold) is refused with 501, not dropped", async () => {
    const bucket = await newBucket(engine.client, "lock");
    await expectS3Error(
      engine.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ObjectLockLegalHoldStatus: "ON" }),
      ),
      "NotImplemented",
      501,
    );
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), "NotFound", 404);
  });

  it("a method a resource does not have is 405 MethodNotAllowed", async () => {
    const bucket = await newBucket(engine.client, "method");
    const response = await signedFetch(credentials, { method: "POST", path: `/${bucket}/k` });
    expect(response.status).toBe(405);
    expectErrorXml(await response.text(), "MethodNotAllowed");
  });
});
