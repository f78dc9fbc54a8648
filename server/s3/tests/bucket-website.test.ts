import {
  DeleteBucketWebsiteCommand,
  GetBucketWebsiteCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  type WebsiteConfiguration,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, sharedS3TestEngine } from "./helpers";
import { webRequest } from "./web-request";

/** Put/Get/DeleteBucketWebsite over S3, and routing rules and RedirectAllRequestsTo on the website endpoint. */

const engine = sharedS3TestEngine();

async function site(configuration: WebsiteConfiguration, objects: Record<string, string> = {}): Promise<string> {
  const bucket = await newBucket(engine.client, "site");
  for (const [key, body] of Object.entries(objects))
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "text/html" }));
  await engine.client.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: configuration }));
  return bucket;
}

function get(bucket: string, path: string) {
  return webRequest(engine.running.webUrl, bucket, path, "GET");
}

describe("Put/Get/DeleteBucketWebsite", () => {
  it("stores the configuration, reads it back, and turns the website off when deleted", async () => {
    const configuration: WebsiteConfiguration = {
      IndexDocument: { Suffix: "index.html" },
      ErrorDocument: { Key: "error.html" },
      RoutingRules: [
        { Condition: { KeyPrefixEquals: "old/" }, Redirect: { ReplaceKeyPrefixWith: "new/", HttpRedirectCode: "302" } },
      ],
    };
    const bucket = await site(configuration, { "index.html": "home" });
    const read = await engine.client.send(new GetBucketWebsiteCommand({ Bucket: bucket }));
    expect(read.IndexDocument).toEqual(configuration.IndexDocument);
    expect(read.ErrorDocument).toEqual(configuration.ErrorDocument);
    expect(read.RoutingRules).toEqual(configuration.RoutingRules);
    expect((await get(bucket, "/")).body).toBe("home");
    await engine.client.send(new DeleteBucketWebsiteCommand({ Bucket: bucket }));
    await expectS3Error(
      engine.client.send(new GetBucketWebsiteCommand({ Bucket: bucket })),
      "NoSuchWebsiteConfiguration",
      404,
    );
    expect((await get(bucket, "/")).status).toBe(404);
  });

  it("refuses a configuration S3 refuses", async () => {
    const bucket = await newBucket(engine.client, "site-bad");
    const put = (configuration: WebsiteConfiguration) =>
      engine.client.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: configuration }));
    await expectS3Error(put({ ErrorDocument: { Key: "e.html" } }), "InvalidArgument", 400);
    await expectS3Error(
      put({ IndexDocument: { Suffix: "index.html" }, RedirectAllRequestsTo: { HostName: "example.com" } }),
      "InvalidRequest",
      400,
    );
    await expectS3Error(
      put({
        IndexDocument: { Suffix: "index.html" },
        RoutingRules: [{ Redirect: { ReplaceKeyWith: "a", ReplaceKeyPrefixWith: "b" } }],
      }),
      "InvalidRequest",
      400,
    );
  });
});

describe("routing rules on the website endpoint", () => {
  it("redirect a key prefix: replaced prefix, host, protocol and code", async () => {
    const bucket = await site({
      IndexDocument: { Suffix: "index.html" },
      RoutingRules: [
        { Condition: { KeyPrefixEquals: "docs/" }, Redirect: { ReplaceKeyPrefixWith: "documents/" } },
        {
          Condition: { KeyPrefixEquals: "shop/" },
          Redirect: {
            HostName: "shop.example.com",
            Protocol: "https",
            ReplaceKeyPrefixWith: "",
            HttpRedirectCode: "302",
          },
        },
        {
          Condition: { KeyPrefixEquals: "moved.html" },
          Redirect: { ReplaceKeyWith: "here.html", HttpRedirectCode: "307" },
        },
      ],
    });
    const docs = await get(bucket, "/docs/intro.html");
    expect(docs.status).toBe(301);
    expect(docs.headers.location).toBe(`http://${bucket}/documents/intro.html`);
    const shop = await get(bucket, "/shop/cart");
    expect(shop.status).toBe(302);
    expect(shop.headers.location).toBe("https://shop.example.com/cart");
    const moved = await get(bucket, "/moved.html");
    expect(moved.status).toBe(307);
    expect(moved.headers.location).toBe(`http://${bucket}/here.html`);
  });

  it("act on an error code after the object is missing, and serve another key in place with code 200", async () => {
    const bucket = await site(
      {
        IndexDocument: { Suffix: "index.html" },
        RoutingRules: [
          {
            Condition: { HttpErrorCodeReturnedEquals: "404", KeyPrefixEquals: "app/" },
            Redirect: { ReplaceKeyWith: "app/index.html", HttpRedirectCode: "200" },
          },
          {
            Condition: { HttpErrorCodeReturnedEquals: "404" },
            Redirect: { HostName: "fallback.example.com", ReplaceKeyWith: "missing" },
          },
        ],
      },
      { "index.html": "home", "present.html": "here", "app/index.html": "single page app" },
    );
    expect((await get(bucket, "/present.html")).body).toBe("here");
    const spa = await get(bucket, "/app/users/42");
    expect(spa.status).toBe(200);
    expect(spa.body).toBe("single page app");
    const gone = await get(bucket, "/absent.html");
    expect(gone.status).toBe(301);
    expect(gone.headers.location).toBe("http://fallback.example.com/missing");
  });

  it("RedirectAllRequestsTo sends every request to the host, keeping the path", async () => {
    const bucket = await site({ RedirectAllRequestsTo: { HostName: "www.example.com", Protocol: "https" } });
    const read = await engine.client.send(new GetBucketWebsiteCommand({ Bucket: bucket }));
    expect(read.RedirectAllRequestsTo).toEqual({ HostName: "www.example.com", Protocol: "https" });
    const page = await get(bucket, "/a/b.html?x=1");
    expect(page.status).toBe(301);
    expect(page.headers.location).toBe("https://www.example.com/a/b.html");
  });
});
