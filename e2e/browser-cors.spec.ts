import http from "node:http";
import type { AddressInfo } from "node:net";
import { DeleteBucketCorsCommand, GetObjectCommand, PutBucketCorsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { adminCall, s3Client } from "./admin-seed";
import { engineUrls, expect, test } from "./fixtures";
import { signedPostFields } from "../server/s3/tests/post-helpers";

/**
 * A page on another origin uploads straight to S3, as web applications do: a form
 * upload (POST with a signed policy) and a presigned PUT, both by fetch. With the
 * bucket's CORS rule allowing the page's origin, Chromium lets both through; once the
 * rule is removed, Chromium refuses them: the PUT's preflight is denied so the PUT is
 * never sent, and the form's answer is withheld from the page.
 */

const pageHtml = `<!doctype html><title>uploader</title><h1>Uploader</h1>
<script>
  async function outcome(call) {
    try { const response = await call(); return "status:" + response.status; }
    catch (error) { return "refused:" + error.name; }
  }
  window.presignedPut = (url, text) =>
    outcome(() => fetch(url, { method: "PUT", body: text, headers: { "content-type": "text/plain" } }));
  window.formUpload = (action, fields, text) => outcome(() => {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, value);
    form.append("file", new Blob([text], { type: "text/plain" }), "note.txt");
    return fetch(action, { method: "POST", body: form });
  });
</script>`;

/** The page's own little server: another origin than the S3 API's (another port). */
async function startPageServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(pageHtml);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("a page on another origin uploads by form and presigned PUT while the bucket's CORS allows it", async ({
  page,
}) => {
  const pageServer = await startPageServer();
  try {
    const name = `browser-cors-${Date.now()}`;
    const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
    const created = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", { name });
    const key = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
    const permissions = { read: true, write: true, owner: true };
    await adminCall("AllowBucketKey", { bucketId: bucket.id, accessKeyId: key.accessKeyId, permissions });
    const s3 = s3Client(key);
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: name,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [pageServer.origin],
              AllowedMethods: ["PUT", "POST"],
              AllowedHeaders: ["*"],
              ExposeHeaders: ["ETag"],
            },
          ],
        },
      }),
    );
    const region = process.env.CARPORT_S3_REGION ?? "garage";
    const formFields = (objectKey: string) =>
      Object.entries({
        key: objectKey,
        ...signedPostFields({ ...key, region }, [{ bucket: name }, { key: objectKey }]),
      });
    const presigned = (objectKey: string) =>
      getSignedUrl(s3, new PutObjectCommand({ Bucket: name, Key: objectKey, ContentType: "text/plain" }), {
        expiresIn: 300,
      });
    const action = `${engineUrls.s3()}/${name}`;
    await page.goto(pageServer.origin);

    const put = await page.evaluate(
      ([url]) => window.presignedPut(url, "put from the page"),
      [await presigned("put.txt")],
    );
    expect(put).toBe("status:200");
    const posted = await page.evaluate(([url, fields]) => window.formUpload(url, fields, "posted from the page"), [
      action,
      formFields("posted.txt"),
    ] as const);
    expect(posted).toBe("status:204");
    const read = async (objectKey: string) =>
      (await (await s3.send(new GetObjectCommand({ Bucket: name, Key: objectKey }))).Body?.transformToString()) ?? "";
    expect(await read("put.txt")).toBe("put from the page");
    expect(await read("posted.txt")).toBe("posted from the page");

    await s3.send(new DeleteBucketCorsCommand({ Bucket: name }));
    const refusedPut = await page.evaluate(
      ([url]) => window.presignedPut(url, "should not land"),
      [await presigned("refused.txt")],
    );
    expect(refusedPut).toBe("refused:TypeError");
    const refusedPost = await page.evaluate(([url, fields]) => window.formUpload(url, fields, "answer withheld"), [
      action,
      formFields("refused-post.txt"),
    ] as const);
    expect(refusedPost).toBe("refused:TypeError");
    // The preflight was denied, so the PUT itself never reached S3.
    await expect(read("refused.txt")).rejects.toThrow();
  } finally {
    await pageServer.close();
  }
});

declare global {
  interface Window {
    presignedPut(url: string, text: string): Promise<string>;
    formUpload(action: string, fields: ReadonlyArray<readonly [string, string]>, text: string): Promise<string>;
  }
}
