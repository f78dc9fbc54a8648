/**
 * The real AWS SDK (@aws-sdk/client-s3 and its presigner) against a bare HTTP
 * server that runs only our verifier and payload reader: whatever the SDK does
 * by default today (flexible checksums, aws-chunked with trailers) must pass.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import {
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import { authenticate, createPayloadReader } from "./index";

const REGION = "garage";
const KEY_ID = "GK31c2f218a2e44f485b94239e";
const SECRET = "b892c0665f0ada8a4755dae98baa3b133590e11dae3bcc1f9d769d67f16c3835";

interface Received {
  method: string;
  path: string;
  mode: string;
  body: Buffer;
  trailers: Record<string, string>;
}

let server: Server;
let endpoint = "";
const received: Received[] = [];

function writeError(res: ServerResponse, error: unknown): void {
  const s3 = error instanceof S3Error ? error : new S3Error("InternalError");
  const details = Object.entries(s3.details).map(
    ([name, value]) => `<${name}>${value.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</${name}>`,
  );
  res.writeHead(s3.status, { "content-type": "application/xml", ...s3.headers });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${s3.code}</Code><Message>${s3.message}</Message>${details.join("")}</Error>`,
  );
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const question = url.indexOf("?");
  const request = {
    method: req.method ?? "GET",
    rawPath: question < 0 ? url : url.slice(0, question),
    rawQuery: question < 0 ? "" : url.slice(question + 1),
    headers: req.headersDistinct,
  };
  const auth = authenticate(request, {
    region: REGION,
    now: new Date(),
    lookupSecret: (id) => (id === KEY_ID ? SECRET : null),
  });
  if (!auth) throw new S3Error("AccessDenied");
  const reader = createPayloadReader(auth);
  const parts: Buffer[] = [];
  await pipeline(req, reader, new Writable({ write: (chunk: Buffer, _encoding, done) => (parts.push(chunk), done()) }));
  received.push({
    method: request.method,
    path: decodeURIComponent(request.rawPath),
    mode: auth.payload.kind,
    body: Buffer.concat(parts),
    trailers: Object.fromEntries(reader.trailers),
  });
  if (request.method === "GET") {
    res.writeHead(200, { "content-type": "text/plain", "content-length": "5", etag: '"e"' });
    res.end("hello");
  } else {
    res.writeHead(200, { etag: '"e"', "content-length": "0" });
    res.end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      req.resume();
      writeError(res, error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(overrides: Partial<S3ClientConfig> = {}): S3Client {
  return new S3Client({
    region: REGION,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    maxAttempts: 1,
    ...overrides,
  });
}

const KEYS = ["simple.txt", "dir/with space+plus=eq&amp.txt", "100%/é/😀", "double//slash/", "tilde~!*'()"];

describe("the AWS SDK against our verifier", () => {
  it.each(KEYS)("PutObject with a string body, key %j", async (key) => {
    await client().send(new PutObjectCommand({ Bucket: "bucket", Key: key, Body: "small body" }));
    const last = received.at(-1);
    expect(last?.path).toBe(`/bucket/${key}`);
    expect(last?.body.toString()).toBe("small body");
  });

  it("PutObject with a stream body: aws-chunked with a CRC32 trailer, decoded", async () => {
    const data = Buffer.alloc(300_000, "z");
    const body = Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]);
    await client().send(
      new PutObjectCommand({ Bucket: "bucket", Key: "streamed", Body: body, ContentLength: data.length }),
    );
    const last = received.at(-1);
    expect(last?.mode).toMatch(/^STREAMING-/);
    expect(last?.body.equals(data)).toBe(true);
    expect(Object.keys(last?.trailers ?? {})).toEqual(["x-amz-checksum-crc32"]);
  });

  it("GetObject with a query parameter and a Range", async () => {
    const output = await client().send(
      new GetObjectCommand({
        Bucket: "bucket",
        Key: "a b",
        Range: "bytes=0-4",
        ResponseContentDisposition: 'attachment; filename="x y"',
      }),
    );
    expect(await output.Body?.transformToString()).toBe("hello");
  });

  it("a wrong secret gets SignatureDoesNotMatch", async () => {
    const wrong = client({ credentials: { accessKeyId: KEY_ID, secretAccessKey: "wrong" } });
    await expect(wrong.send(new GetObjectCommand({ Bucket: "bucket", Key: "k" }))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
    });
  });

  it("a wrong region gets AuthorizationHeaderMalformed naming ours; HeadBucket follows it", async () => {
    const elsewhere = client({ region: "us-east-1" });
    await expect(elsewhere.send(new GetObjectCommand({ Bucket: "bucket", Key: "k" }))).rejects.toMatchObject({
      name: "AuthorizationHeaderMalformed",
      Region: REGION,
    });
    const following = client({ region: "us-east-1", followRegionRedirects: true });
    await expect(following.send(new HeadBucketCommand({ Bucket: "bucket" }))).resolves.toBeDefined();
  });

  it("presigned GET and PUT URLs work with fetch", async () => {
    const key = "presigned dir/é+&=.txt";
    const getUrl = await getSignedUrl(client(), new GetObjectCommand({ Bucket: "bucket", Key: key }), {
      expiresIn: 300,
    });
    expect(await (await fetch(getUrl)).text()).toBe("hello");
    const putUrl = await getSignedUrl(client(), new PutObjectCommand({ Bucket: "bucket", Key: key }), {
      expiresIn: 300,
    });
    const response = await fetch(putUrl, { method: "PUT", body: "uploaded" });
    expect(response.status).toBe(200);
    expect(received.at(-1)?.body.toString()).toBe("uploaded");
    const tampered = await fetch(putUrl.replace("presigned%20dir", "presigned%20dis"), { method: "PUT", body: "x" });
    expect(tampered.status).toBe(403);
  });
});
