import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";
import { postForm, signedPostFields } from "./post-helpers";
import {
  bodyBytes,
  expectS3Error,
  expectStatus,
  md5Hex,
  newBucket,
  seededBytes,
  sharedS3TestEngine,
  signedFetch,
} from "./helpers";

/** SSE-C: round trips, wrong and missing keys, ranges, copies between keys, multipart, and what is on disk. */

const engine = sharedS3TestEngine({ CARPORT_SSEC_ALLOW_HTTP: "1" });

function customerKey() {
  const key = crypto.randomBytes(32);
  return {
    key,
    sdk: { SSECustomerAlgorithm: "AES256", SSECustomerKey: key.toString("base64") },
    source: { CopySourceSSECustomerAlgorithm: "AES256", CopySourceSSECustomerKey: key.toString("base64") },
    headers: {
      "x-amz-server-side-encryption-customer-algorithm": "AES256",
      "x-amz-server-side-encryption-customer-key": key.toString("base64"),
      "x-amz-server-side-encryption-customer-key-md5": crypto.createHash("md5").update(key).digest("base64"),
    },
  };
}

/** Every file under a directory whose bytes contain `needle`. */
function filesContaining(directory: string, needle: Buffer): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(needle)) found.push(file);
  }
  return found;
}

describe("SSE-C round trip", () => {
  it("stores sealed blocks, reads back with the key, and never keeps the key", async () => {
    const bucket = await newBucket(engine.client, "ssec");
    const key = customerKey();
    const data = seededBytes(2 * 1024 * 1024 + 100, "ssec-round-trip");
    const put = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "secret.bin", Body: data, ...key.sdk }),
    );
    expect(put.SSECustomerAlgorithm).toBe("AES256");
    expect(put.SSECustomerKeyMD5).toBe(key.headers["x-amz-server-side-encryption-customer-key-md5"]);
    expect(put.ETag).not.toBe(`"${md5Hex(data)}"`);
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "secret.bin", ...key.sdk }));
    expect(md5Hex(await bodyBytes(read.Body))).toBe(md5Hex(data));
    expect(read.SSECustomerAlgorithm).toBe("AES256");
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "secret.bin", ...key.sdk }));
    expect(head.ContentLength).toBe(data.length);
    // Data at rest is sealed; the key and its base64 are nowhere on disk (a plain object's bytes are, as a control).
    const plain = seededBytes(64 * 1024, "ssec-control");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "plain.bin", Body: plain }));
    expect(filesContaining(engine.dataDir, plain.subarray(1000, 1064)).length).toBeGreaterThan(0);
    expect(filesContaining(engine.dataDir, data.subarray(1000, 1064))).toEqual([]);
    expect(filesContaining(engine.dataDir, data.subarray(2 * 1024 * 1024, 2 * 1024 * 1024 + 64))).toEqual([]);
    expect(filesContaining(engine.dataDir, key.key)).toEqual([]);
    expect(filesContaining(engine.dataDir, Buffer.from(key.sdk.SSECustomerKey))).toEqual([]);
  });

  it("refuses a wrong key (403), a missing key (400) and a key for an object stored in clear (400)", async () => {
    const bucket = await newBucket(engine.client, "ssec-keys");
    const key = customerKey();
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "classified", ...key.sdk }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "clear", Body: "open" }));
    const wrong = await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k", ...customerKey().sdk })),
      "AccessDenied",
      403,
    );
    expect(wrong.message).toMatch(/correct secret key/);
    const missing = await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })),
      "InvalidRequest",
      400,
    );
    expect(missing.message).toMatch(/stored using a form of Server Side Encryption/);
    await expectStatus(engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k" })), 400);
    await expectStatus(
      engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ...customerKey().sdk })),
      403,
    );
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "clear", ...key.sdk })),
      "InvalidRequest",
      400,
    );
  });

  it("serves ranges across sealed block boundaries", async () => {
    const bucket = await newBucket(engine.client, "ssec-range");
    const key = customerKey();
    const data = seededBytes(3 * 1024 * 1024, "ssec-range");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "r", Body: data, ...key.sdk }));
    for (const [start, end] of [
      [0, 0],
      [1024 * 1024 - 10, 1024 * 1024 + 10],
      [2 * 1024 * 1024 - 1, 3 * 1024 * 1024 - 1],
    ]) {
      const read = await engine.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: "r", Range: `bytes=${start}-${end}`, ...key.sdk }),
      );
      expect((await bodyBytes(read.Body)).equals(data.subarray(start, end + 1))).toBe(true);
    }
  });

  it("refuses malformed SSE-C headers with S3's answers", async () => {
    const bucket = await newBucket(engine.client, "ssec-headers");
    const key = customerKey();
    const put = (headers: Record<string, string>) =>
      signedFetch(
        {
          endpoint: engine.running.s3Url,
          region: engine.running.config.s3.region,
          accessKeyId: engine.accessKeyId,
          secretAccessKey: engine.secretAccessKey,
        },
        { method: "PUT", path: `/${bucket}/h`, headers, body: Buffer.from("x") },
      );
    const code = async (response: Response) => /<Code>(\w+)<\/Code>/.exec(await response.text())?.[1];
    expect(await code(await put({ ...key.headers, "x-amz-server-side-encryption-customer-algorithm": "AES512" }))).toBe(
      "InvalidEncryptionAlgorithmError",
    );
    expect(
      await code(
        await put({ ...key.headers, "x-amz-server-side-encryption-customer-key-md5": "AAAAAAAAAAAAAAAAAAAAAA==" }),
      ),
    ).toBe("InvalidArgument");
    const short = crypto.randomBytes(16);
    expect(
      await code(
        await put({
          ...key.headers,
          "x-amz-server-side-encryption-customer-key": short.toString("base64"),
          "x-amz-server-side-encryption-customer-key-md5": crypto.createHash("md5").update(short).digest("base64"),
        }),
      ),
    ).toBe("InvalidArgument");
    expect(await code(await put({ ...key.headers, "x-amz-server-side-encryption": "AES256" }))).toBe("InvalidArgument");
    const { "x-amz-server-side-encryption-customer-algorithm": _algorithm, ...noAlgorithm } = key.headers;
    expect(await code(await put(noAlgorithm))).toBe("InvalidArgument");
  });
});

describe("SSE-C on a form upload", () => {
  it("seals the file under the key given in the form's fields", async () => {
    const bucket = await newBucket(engine.client, "ssec-post");
    const key = customerKey();
    const signing = {
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
      region: engine.running.config.s3.region,
    };
    const fields = { key: "posted", ...key.headers };
    const signed = signedPostFields(signing, [
      { bucket },
      ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
    ]);
    const response = await fetch(`${engine.running.s3Url}/${bucket}`, {
      method: "POST",
      body: postForm({ ...fields, ...signed }, { body: "sealed form" }),
    });
    expect(response.status, await response.text()).toBe(204);
    expect(response.headers.get("x-amz-server-side-encryption-customer-algorithm")).toBe("AES256");
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "posted" })),
      "InvalidRequest",
      400,
    );
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "posted", ...key.sdk }));
    expect(await read.Body?.transformToString()).toBe("sealed form");
  });
});

describe("SSE-C copies", () => {
  it("copies between two customer keys, and into and out of encryption", async () => {
    const bucket = await newBucket(engine.client, "ssec-copy");
    const first = customerKey();
    const second = customerKey();
    const data = seededBytes(1024 * 1024 + 5, "ssec-copy");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "a", Body: data, ...first.sdk }));
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "b", CopySource: `${bucket}/a`, ...first.source, ...second.sdk }),
    );
    const underSecond = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "b", ...second.sdk }));
    expect(md5Hex(await bodyBytes(underSecond.Body))).toBe(md5Hex(data));
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "b", ...first.sdk })),
      "AccessDenied",
      403,
    );
    const stillFirst = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "a", ...first.sdk }));
    expect(md5Hex(await bodyBytes(stillFirst.Body))).toBe(md5Hex(data));
    // Without the source's key the copy is refused.
    await expectS3Error(
      engine.client.send(new CopyObjectCommand({ Bucket: bucket, Key: "c", CopySource: `${bucket}/a`, ...second.sdk })),
      "InvalidRequest",
      400,
    );
    // Out of encryption, and back in.
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "clear", CopySource: `${bucket}/a`, ...first.source }),
    );
    const clear = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "clear" }));
    expect(md5Hex(await bodyBytes(clear.Body))).toBe(md5Hex(data));
    await engine.client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "again", CopySource: `${bucket}/clear`, ...second.sdk }),
    );
    const again = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "again", ...second.sdk }));
    expect(md5Hex(await bodyBytes(again.Body))).toBe(md5Hex(data));
    await expectS3Error(
      engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "again" })),
      "InvalidRequest",
      400,
    );
  });
});

describe("SSE-C multipart", () => {
  it("seals every part under the upload's key and refuses parts without it or with another", async () => {
    const bucket = await newBucket(engine.client, "ssec-mpu");
    const key = customerKey();
    const partOne = seededBytes(5 * 1024 * 1024, "ssec-part-1");
    const partTwo = seededBytes(300 * 1024, "ssec-part-2");
    const upload = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "m", ...key.sdk }));
    expect(upload.SSECustomerAlgorithm).toBe("AES256");
    const part = (partNumber: number, body: Buffer, sdk: object) =>
      engine.client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: "m",
          UploadId: upload.UploadId,
          PartNumber: partNumber,
          Body: body,
          ...sdk,
        }),
      );
    await expectS3Error(part(1, partOne, {}), "InvalidRequest", 400);
    await expectS3Error(part(1, partOne, customerKey().sdk), "InvalidRequest", 400);
    const one = await part(1, partOne, key.sdk);
    // The second part is copied from another customer-encrypted object.
    const sourceKey = customerKey();
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "src", Body: partTwo, ...sourceKey.sdk }));
    const two = await engine.client.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "m",
        UploadId: upload.UploadId,
        PartNumber: 2,
        CopySource: `${bucket}/src`,
        ...sourceKey.source,
        ...key.sdk,
      }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "m",
        UploadId: upload.UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag },
            { PartNumber: 2, ETag: two.CopyPartResult?.ETag },
          ],
        },
      }),
    );
    const whole = Buffer.concat([partOne, partTwo]);
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "m", ...key.sdk }));
    expect(md5Hex(await bodyBytes(read.Body))).toBe(md5Hex(whole));
    const across = await engine.client.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: "m",
        Range: `bytes=${partOne.length - 3}-${partOne.length + 3}`,
        ...key.sdk,
      }),
    );
    expect((await bodyBytes(across.Body)).equals(whole.subarray(partOne.length - 3, partOne.length + 4))).toBe(true);
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "m" })), "InvalidRequest", 400);
  });
});

describe("SSE-C over plain HTTP", () => {
  let strict: S3TestEngine;
  beforeAll(async () => {
    strict = await startS3TestEngine({ CARPORT_S3_TRUST_FORWARDED: "1" });
  });
  afterAll(async () => {
    await strict.stop();
  });

  it("is refused unless a trusted proxy says the client came over TLS", async () => {
    const bucket = await newBucket(strict.client, "ssec-http");
    const key = customerKey();
    const refused = await expectS3Error(
      strict.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", ...key.sdk })),
      "InvalidRequest",
      400,
    );
    expect(refused.message).toMatch(/secure connection/);
    const credentials = {
      endpoint: strict.running.s3Url,
      region: strict.running.config.s3.region,
      accessKeyId: strict.accessKeyId,
      secretAccessKey: strict.secretAccessKey,
    };
    const viaProxy = await signedFetch(credentials, {
      method: "PUT",
      path: `/${bucket}/k`,
      headers: { ...key.headers, "x-forwarded-proto": "https" },
      body: Buffer.from("x"),
    });
    expect(viaProxy.status, await viaProxy.text()).toBe(200);
  });
});
