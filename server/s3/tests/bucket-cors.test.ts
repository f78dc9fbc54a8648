import {
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  GetObjectCommand,
  PutBucketCorsCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  type CORSRule,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine } from "./helpers";
import { webRequest } from "./web-request";

/** Bucket CORS over S3 and the admin API, applied to preflights and answers, presigned too, and on the website. */

const engine = sharedS3TestEngine();
const app = "https://app.example.com";

const rule: CORSRule = {
  ID: "app",
  AllowedOrigins: [app, "https://*.partner.example"],
  AllowedMethods: ["GET", "PUT", "POST"],
  AllowedHeaders: ["content-type", "x-amz-*"],
  ExposeHeaders: ["ETag", "x-amz-request-id"],
  MaxAgeSeconds: 600,
};

async function withRules(rules: CORSRule[] = [rule]): Promise<string> {
  const bucket = await newBucket(engine.client, "cors");
  await engine.client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }));
  return bucket;
}

function preflight(path: string, origin: string, method: string, headers?: string): Promise<Response> {
  return fetch(`${engine.running.s3Url}${path}`, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": method,
      ...(headers ? { "access-control-request-headers": headers } : {}),
    },
  });
}

describe("Put/Get/DeleteBucketCors", () => {
  it("stores the rules, reads them back, deletes them", async () => {
    const bucket = await withRules();
    const read = await engine.client.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(read.CORSRules).toEqual([rule]);
    await engine.client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    await expectS3Error(
      engine.client.send(new GetBucketCorsCommand({ Bucket: bucket })),
      "NoSuchCORSConfiguration",
      404,
    );
  });

  it("refuses a method S3 does not know and an origin with two wildcards", async () => {
    const bucket = await newBucket(engine.client, "cors-bad");
    const put = (bad: Partial<CORSRule>) =>
      engine.client.send(
        new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [{ ...rule, ...bad }] } }),
      );
    await expectS3Error(put({ AllowedMethods: ["PATCH"] }), "InvalidRequest", 400);
    await expectS3Error(put({ AllowedOrigins: ["https://*.*.example"] }), "InvalidRequest", 400);
  });
});

describe("preflight requests", () => {
  it("are allowed per rule: origin (with a wildcard), method and each requested header", async () => {
    const bucket = await withRules();
    const allowed = await preflight(`/${bucket}/photo.jpg`, app, "PUT", "Content-Type, x-amz-meta-owner");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(app);
    expect(allowed.headers.get("access-control-allow-methods")).toBe("GET, PUT, POST");
    expect(allowed.headers.get("access-control-allow-headers")).toBe("content-type, x-amz-meta-owner");
    expect(allowed.headers.get("access-control-expose-headers")).toBe("ETag, x-amz-request-id");
    expect(allowed.headers.get("access-control-max-age")).toBe("600");
    const partner = await preflight(`/${bucket}/photo.jpg`, "https://shop.partner.example", "GET");
    expect(partner.status).toBe(200);
    expect(partner.headers.get("access-control-allow-origin")).toBe("https://shop.partner.example");
  });

  it.each([
    ["another origin", "https://evil.example", "PUT", undefined],
    ["a method the rule does not allow", app, "DELETE", undefined],
    ["a header the rule does not allow", app, "PUT", "authorization-extra"],
  ])("are refused for %s", async (_why, origin, method, headers) => {
    const bucket = await withRules();
    const refused = await preflight(`/${bucket}/photo.jpg`, origin, method, headers);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(await refused.text()).toContain("<Code>AccessForbidden</Code>");
  });

  it("are refused when the bucket has no rules, and once they are deleted", async () => {
    const bucket = await withRules();
    expect((await preflight(`/${bucket}/k`, app, "GET")).status).toBe(200);
    await engine.client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    const refused = await preflight(`/${bucket}/k`, app, "GET");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("CORS is not enabled for this bucket");
  });

  it("without an Origin are 400", async () => {
    const bucket = await withRules();
    const response = await fetch(`${engine.running.s3Url}/${bucket}/k`, { method: "OPTIONS" });
    expect(response.status).toBe(400);
  });

  it("still admit the console's own origin whatever the bucket says", async () => {
    const bucket = await newBucket(engine.client, "cors-console");
    const consoleOrigin = engine.running.config.s3.consoleOrigins[0];
    const response = await preflight(`/${bucket}/k`, consoleOrigin, "PUT", "content-type");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(consoleOrigin);
  });
});

describe("actual requests", () => {
  it("carry CORS headers when a rule allows their origin and method, errors included", async () => {
    const bucket = await withRules();
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 300,
    });
    const allowed = await fetch(url, { headers: { origin: app } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(app);
    expect(allowed.headers.get("access-control-expose-headers")).toBe("ETag, x-amz-request-id");
    const other = await fetch(url, { headers: { origin: "https://evil.example" } });
    expect(other.status).toBe(200);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const missing = await fetch(`${engine.running.s3Url}/${bucket}/absent`, { headers: { origin: app } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe(app);
  });

  it("presigned PUTs: their preflight and their answer follow the rules", async () => {
    const bucket = await withRules();
    const url = await getSignedUrl(engine.client, new PutObjectCommand({ Bucket: bucket, Key: "upload.txt" }), {
      expiresIn: 300,
    });
    const path = url.slice(engine.running.s3Url.length);
    expect((await preflight(path, app, "PUT", "content-type")).status).toBe(200);
    expect((await preflight(path, "https://evil.example", "PUT", "content-type")).status).toBe(403);
    const put = await fetch(url, { method: "PUT", body: "from the browser", headers: { origin: app } });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(app);
  });
});

describe("rules set through the admin API", () => {
  it("are the same rules S3 reads and applies", async () => {
    const bucket = await newBucket(engine.client, "cors-admin");
    const bucketId = engine.running.engine.buckets.resolveName(bucket, null)?.id ?? "";
    const response = await fetch(`${engine.running.adminUrl}/v2/UpdateBucket?id=${bucketId}`, {
      method: "POST",
      headers: { authorization: `Bearer ${engine.running.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        corsRules: [{ AllowedOrigin: [app], AllowedMethod: ["GET"], AllowedHeader: [], ExposeHeader: [] }],
      }),
    });
    expect(response.status, await response.text()).toBe(200);
    expect((await preflight(`/${bucket}/k`, app, "GET")).status).toBe(200);
    const read = await engine.client.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(read.CORSRules?.[0]?.AllowedOrigins).toEqual([app]);
    await engine.client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [rule] } }));
    const info = await fetch(`${engine.running.adminUrl}/v2/GetBucketInfo?id=${bucketId}`, {
      headers: { authorization: `Bearer ${engine.running.adminToken}` },
    });
    const body = (await info.json()) as { corsRules: Array<{ ID: string }> };
    expect(body.corsRules[0]?.ID).toBe("app");
  });
});

describe("the website endpoint", () => {
  it("applies the bucket's rules to its answers and preflights", async () => {
    const bucket = await withRules();
    await engine.client.send(
      new PutBucketWebsiteCommand({
        Bucket: bucket,
        WebsiteConfiguration: { IndexDocument: { Suffix: "index.html" } },
      }),
    );
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "index.html", Body: "<h1>hi</h1>" }));
    const page = await webRequest(engine.running.webUrl, bucket, "/", "GET", { origin: app });
    expect(page.status).toBe(200);
    expect(page.headers["access-control-allow-origin"]).toBe(app);
    const other = await webRequest(engine.running.webUrl, bucket, "/", "GET", { origin: "https://evil.example" });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    const allowed = await webRequest(engine.running.webUrl, bucket, "/", "OPTIONS", {
      origin: app,
      "access-control-request-method": "GET",
    });
    expect(allowed.status).toBe(200);
    const refused = await webRequest(engine.running.webUrl, bucket, "/", "OPTIONS", {
      origin: "https://evil.example",
      "access-control-request-method": "GET",
    });
    expect(refused.status).toBe(403);
  });
});
