import http from "node:http";
import type { LookupFunction } from "node:net";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";
import { bodyBytes, expectErrorXml, expectS3Error, seededBytes, signedFetch, uniqueBucketName } from "./helpers";

/**
 * Virtual-host style addressing (`<bucket>.<root domain>`), driven by the SDK
 * with forcePathStyle false. Every name under the test domain resolves to the
 * engine's loopback address through the client's own HTTP agent.
 */

const rootDomain = "s3.carport.test";
let engine: S3TestEngine;
let agent: http.Agent;
let vhost: S3Client;

const loopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

beforeAll(async () => {
  engine = await startS3TestEngine({}, { rootDomain });
  const port = new URL(engine.running.s3Url).port;
  agent = new http.Agent({ lookup: loopback });
  vhost = new S3Client({
    endpoint: `http://${rootDomain}:${port}`,
    region: engine.running.config.s3.region,
    forcePathStyle: false,
    credentials: { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey },
    maxAttempts: 1,
    requestHandler: { httpAgent: agent },
  });
});

afterAll(async () => {
  vhost?.destroy();
  agent?.destroy();
  await engine?.stop();
});

describe("virtual-host style", () => {
  it("creates, writes, lists and reads a bucket through <bucket>.<root domain>", async () => {
    const bucket = uniqueBucketName("vh");
    const seen: string[] = [];
    vhost.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { hostname?: string; path?: string };
        seen.push(`${request.hostname}${request.path}`);
        return next(args);
      },
      { step: "finalizeRequest", name: "recordHost" + bucket },
    );
    await vhost.send(new CreateBucketCommand({ Bucket: bucket }));
    await vhost.send(new HeadBucketCommand({ Bucket: bucket }));
    const data = seededBytes(5000, "vhost");
    await vhost.send(new PutObjectCommand({ Bucket: bucket, Key: "dir/file name+1", Body: data }));
    const listed = await vhost.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "dir/" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["dir/file name+1"]);
    expect(listed.Name).toBe(bucket);
    const got = await vhost.send(new GetObjectCommand({ Bucket: bucket, Key: "dir/file name+1" }));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
    // The SDK really addressed the bucket by host name, not by path.
    expect(seen.length).toBeGreaterThan(0);
    for (const target of seen) expect(target.startsWith(`${bucket}.${rootDomain}/`)).toBe(true);
    // Path style still reaches the same bucket.
    const pathStyle = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "dir/file name+1" }));
    expect((await bodyBytes(pathStyle.Body)).equals(data)).toBe(true);
  });

  it("a missing bucket by host name is NoSuchBucket", async () => {
    await expectS3Error(
      vhost.send(new GetObjectCommand({ Bucket: uniqueBucketName("vhmissing"), Key: "k" })),
      "NoSuchBucket",
      404,
    );
  });

  it("presigned virtual-host URLs work with a Host header", async () => {
    const bucket = uniqueBucketName("vhpre");
    await engine.client.send(new CreateBucketCommand({ Bucket: bucket }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "by host" }));
    const url = new URL(
      await getSignedUrl(vhost, new GetObjectCommand({ Bucket: bucket, Key: "k" }), { expiresIn: 60 }),
    );
    expect(url.hostname).toBe(`${bucket}.${rootDomain}`);
    const body = await new Promise<string>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: url.port, path: `${url.pathname}${url.search}`, headers: { host: url.host } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(`${response.statusCode} ${Buffer.concat(chunks).toString()}`));
        },
      );
      request.on("error", reject);
      request.end();
    });
    expect(body).toBe("200 by host");
  });

  it("the root domain itself is the service endpoint (ListBuckets), anonymous is refused", async () => {
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const listed = await signedFetch(credentials, { method: "GET", path: "/" });
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain("<ListAllMyBucketsResult");
    const anonymous = await fetch(`${engine.running.s3Url}/`);
    expect(anonymous.status).toBe(403);
    expectErrorXml(await anonymous.text(), "AccessDenied");
  });
});
