import http from "node:http";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";

/** The website endpoint: buckets with website access, by Host, anonymous GET/HEAD with index and error documents. */

let engine: S3TestEngine;

beforeAll(async () => {
  engine = await startS3TestEngine();
  const { engine: core } = engine.running;
  const site = await core.buckets.create({ globalAlias: "site" });
  await core.buckets.update(site.id, (bucket) => ({
    ...bucket,
    website: { indexDocument: "index.html", errorDocument: "404.html", routingRules: [] },
  }));
  await core.buckets.changeKeyPermission(site.id, engine.accessKeyId, { read: true, write: true }, true);
  await core.buckets.create({ globalAlias: "private" });
  const put = (key: string, body: string, contentType = "text/html") =>
    engine.client.send(new PutObjectCommand({ Bucket: "site", Key: key, Body: body, ContentType: contentType }));
  await put("index.html", "<h1>home</h1>");
  await put("404.html", "<h1>not here</h1>");
  await put("docs/index.html", "<h1>docs</h1>");
  await put("data.txt", "0123456789", "text/plain");
});
afterAll(async () => {
  await engine?.stop();
});

function get(
  host: string,
  path: string,
  method = "GET",
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(engine.running.webUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path, method, headers: { host, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end();
  });
}

describe("website endpoint", () => {
  it("serves the index document for the root and for folders, anonymously", async () => {
    expect(await get("site", "/")).toMatchObject({ status: 200, body: "<h1>home</h1>" });
    const docs = await get("site", "/docs/");
    expect(docs).toMatchObject({ status: 200, body: "<h1>docs</h1>" });
    expect(docs.headers["content-type"]).toBe("text/html");
  });

  it("redirects a folder named without its slash", async () => {
    const response = await get("site", "/docs");
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/docs/");
  });

  it("answers a missing page with the error document and 404", async () => {
    expect(await get("site", "/nope.html")).toMatchObject({ status: 404, body: "<h1>not here</h1>" });
  });

  it("serves HEAD and byte ranges", async () => {
    const head = await get("site", "/data.txt", "HEAD");
    expect(head).toMatchObject({ status: 200, body: "" });
    expect(head.headers["content-length"]).toBe("10");
    const range = await get("site", "/data.txt", "GET", { range: "bytes=2-4" });
    expect(range).toMatchObject({ status: 206, body: "234" });
    expect(range.headers["content-range"]).toBe("bytes 2-4/10");
  });

  it("serves nothing for buckets without website access, unknown hosts, other methods or bad paths", async () => {
    expect((await get("private", "/")).status).toBe(404);
    expect((await get("unknown.example", "/")).status).toBe(404);
    expect((await get("site", "/index.html", "DELETE")).status).toBe(405);
    expect((await get("site", "/%E0%A4%A")).status).toBe(400);
  });
});
