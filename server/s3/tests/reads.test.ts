import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import {
  bodyBytes,
  expectErrorXml,
  expectS3Error,
  expectStatus,
  md5Hex,
  newBucket,
  seededBytes,
  sharedS3TestEngine,
  xmlElement,
} from "./helpers";

/** GetObject and HeadObject: ranges, preconditions with AWS's precedence, response-* overrides, partNumber. */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

async function putSample(sizeBytes: number, prefix: string): Promise<{ bucket: string; data: Buffer; etag: string }> {
  const bucket = await newBucket(engine.client, prefix);
  const data = seededBytes(sizeBytes, prefix);
  const put = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "obj", Body: data }));
  return { bucket, data, etag: put.ETag ?? "" };
}

/** A presigned GET sent by fetch, to see the raw status, headers and body. */
async function presignedGet(
  bucket: string,
  key: string,
  headers: Record<string, string> = {},
  extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {},
): Promise<Response> {
  const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: key, ...extra }), {
    expiresIn: 300,
  });
  return fetch(url, { headers });
}

describe("ranges", () => {
  it.each([
    ["bytes=0-0", 0, 0],
    ["bytes=5-", 5, 9999],
    ["bytes=-3", 9997, 9999],
    ["bytes=100-199", 100, 199],
    ["bytes=9990-20000", 9990, 9999],
  ])("%s is 206 with the right bytes and Content-Range", async (range, first, last) => {
    const { bucket, data } = await putSample(10_000, "range");
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", Range: range }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe(`bytes ${first}-${last}/10000`);
    expect(got.ContentLength).toBe(last - first + 1);
    expect((await bodyBytes(got.Body)).equals(data.subarray(first, last + 1))).toBe(true);
  });

  it("serves ranges that cross block boundaries of a larger object", async () => {
    const { bucket, data } = await putSample(2 * MiB + 10, "rangebig");
    for (const [first, last] of [
      [MiB - 5, MiB + 5],
      [10, 2 * MiB + 9],
      [2 * MiB, 2 * MiB + 9],
    ]) {
      const got = await engine.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: "obj", Range: `bytes=${first}-${last}` }),
      );
      expect((await bodyBytes(got.Body)).equals(data.subarray(first, last + 1))).toBe(true);
    }
  });

  it("a range beyond the end is 416 InvalidRange with Content-Range: bytes */size", async () => {
    const { bucket } = await putSample(100, "range416");
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", Range: "bytes=100-" })),
      "InvalidRange",
      416,
    );
    const response = await presignedGet(bucket, "obj", { range: "bytes=500-600" });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */100");
    expectErrorXml(await response.text(), "InvalidRange");
  });

  it("a malformed range is ignored: the whole object, 200", async () => {
    const { bucket, data } = await putSample(50, "rangebad");
    const response = await presignedGet(bucket, "obj", { range: "bytes=abc" });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
  });
});

describe("preconditions", () => {
  const past = new Date(Date.now() - 24 * 3600 * 1000);
  const future = new Date(Date.now() + 24 * 3600 * 1000);

  it("If-Match: 200 on match, 412 otherwise", async () => {
    const { bucket, etag } = await putSample(10, "ifmatch");
    await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfMatch: etag }));
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfMatch: '"0123"' })),
      "PreconditionFailed",
      412,
    );
  });

  it("If-None-Match: 304 on match, 200 otherwise; HEAD the same", async () => {
    const { bucket, etag } = await putSample(10, "ifnone");
    await expectStatus(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfNoneMatch: etag })),
      304,
    );
    await expectStatus(
      engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "obj", IfNoneMatch: etag })),
      304,
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfNoneMatch: '"other"' }));
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it("If-Modified-Since: 304 when not modified since, 200 when modified", async () => {
    const { bucket } = await putSample(10, "ims");
    await expectStatus(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfModifiedSince: future })),
      304,
    );
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfModifiedSince: past }));
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it("If-Unmodified-Since: 412 when modified since, 200 otherwise", async () => {
    const { bucket } = await putSample(10, "ius");
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfUnmodifiedSince: past })),
      "PreconditionFailed",
      412,
    );
    await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", IfUnmodifiedSince: future }));
  });

  it("AWS precedence: If-Match true + If-Unmodified-Since false is 200", async () => {
    const { bucket, etag } = await putSample(10, "prec1");
    const got = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "obj", IfMatch: etag, IfUnmodifiedSince: past }),
    );
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it("AWS precedence: If-None-Match false + If-Modified-Since true is 304", async () => {
    const { bucket, etag } = await putSample(10, "prec2");
    await expectStatus(
      engine.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: "obj", IfNoneMatch: etag, IfModifiedSince: past }),
      ),
      304,
    );
  });

  it("AWS precedence: If-None-Match true + If-Modified-Since false is 200", async () => {
    const { bucket } = await putSample(10, "prec3");
    const got = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "obj", IfNoneMatch: '"other"', IfModifiedSince: future }),
    );
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it("a 304 carries the ETag and no body", async () => {
    const { bucket, etag } = await putSample(10, "304");
    const response = await presignedGet(bucket, "obj", { "if-none-match": etag });
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(etag);
    expect(await response.text()).toBe("");
  });

  it("a 412 body is S3 XML", async () => {
    const { bucket } = await putSample(10, "412");
    const response = await presignedGet(bucket, "obj", { "if-match": '"nope"' });
    expect(response.status).toBe(412);
    expectErrorXml(await response.text(), "PreconditionFailed");
  });
});

describe("response-* overrides and presigned GETs", () => {
  it("presigned GET honours ResponseContentType and ResponseContentDisposition", async () => {
    const { bucket, data } = await putSample(100, "override");
    const response = await presignedGet(
      bucket,
      "obj",
      {},
      {
        ResponseContentType: "text/x-override",
        ResponseContentDisposition: 'attachment; filename="x.bin"',
        ResponseCacheControl: "no-store",
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-override");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x.bin"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(data)).toBe(true);
  });

  it("the SDK's own GetObject honours ResponseContentType", async () => {
    const { bucket } = await putSample(10, "override2");
    const got = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "obj", ResponseContentType: "image/png" }),
    );
    expect(got.ContentType).toBe("image/png");
  });
});

describe("GET with partNumber", () => {
  it("serves each part of a multipart object with its range and the parts count", async () => {
    const bucket = await newBucket(engine.client, "partget");
    const partA = seededBytes(5 * MiB, "partA");
    const partB = seededBytes(1000, "partB");
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mp" }));
    const a = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "mp", UploadId, PartNumber: 1, Body: partA }),
    );
    const b = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "mp", UploadId, PartNumber: 2, Body: partB }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "mp",
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: a.ETag },
            { PartNumber: 2, ETag: b.ETag },
          ],
        },
      }),
    );
    const second = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp", PartNumber: 2 }));
    expect(second.$metadata.httpStatusCode).toBe(206);
    expect(second.PartsCount).toBe(2);
    expect(second.ContentRange).toBe(`bytes ${5 * MiB}-${5 * MiB + 999}/${5 * MiB + 1000}`);
    expect((await bodyBytes(second.Body)).equals(partB)).toBe(true);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "mp", PartNumber: 1 }));
    expect(head.ContentLength).toBe(5 * MiB);
    expect(head.PartsCount).toBe(2);
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "mp", PartNumber: 3 })),
      "InvalidPart",
      400,
    );
  });

  it("partNumber=1 of a single-PUT object is the whole object", async () => {
    const { bucket, data } = await putSample(500, "partone");
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "obj", PartNumber: 1 }));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
    expect(got.ETag).toBe(`"${md5Hex(data)}"`);
  });
});

describe("missing objects", () => {
  it("GET and HEAD of a missing key: NoSuchKey / 404; of a missing bucket: NoSuchBucket", async () => {
    const bucket = await newBucket(engine.client, "missing");
    const error = await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "nope" })),
      "NoSuchKey",
      404,
    );
    expect(error.message.length).toBeGreaterThan(0);
    await expectS3Error(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "nope" })), "NotFound", 404);
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: `${bucket}-gone`, Key: "nope" })),
      "NoSuchBucket",
      404,
    );
    const response = await presignedGet(bucket, "nope");
    const body = await response.text();
    expectErrorXml(body, "NoSuchKey");
    expect(xmlElement(body, "Key")).toBe("nope");
  });
});
