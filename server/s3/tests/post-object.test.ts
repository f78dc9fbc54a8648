import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { bodyBytes, expectErrorXml, md5Hex, newBucket, seededBytes, sharedS3TestEngine, xmlElement } from "./helpers";
import { postForm, signPolicy, signedPostFields } from "./post-helpers";

/** PostObject: signed POST policies, each condition and its violation, anonymous form uploads, the answers. */

const engine = sharedS3TestEngine();

function signing() {
  return {
    accessKeyId: engine.accessKeyId,
    secretAccessKey: engine.secretAccessKey,
    region: engine.running.config.s3.region,
  };
}

function post(bucket: string, form: FormData): Promise<Response> {
  return fetch(`${engine.running.s3Url}/${bucket}`, { method: "POST", body: form, redirect: "manual" });
}

async function expectRefused(response: Response, status: number, code: string, message?: RegExp): Promise<void> {
  const body = await response.text();
  expect(response.status, body).toBe(status);
  expectErrorXml(body, code);
  if (message) expect(unescape(xmlElement(body, "Message") ?? "")).toMatch(message);
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A policy and form allowing uploads under uploads/ of 1 byte to 1 MiB of text. */
function uploadForm(bucket: string, extra: { conditions?: unknown[]; fields?: Record<string, string> } = {}) {
  const fields = signedPostFields(signing(), [
    { bucket },
    ["starts-with", "$key", "uploads/"],
    ["starts-with", "$Content-Type", "text/"],
    ["content-length-range", 1, 1024 * 1024],
    { success_action_status: "201" },
    { "x-amz-meta-owner": "alice" },
    ...(extra.conditions ?? []),
  ]);
  return {
    key: "uploads/${filename}",
    "Content-Type": "text/plain",
    success_action_status: "201",
    "x-amz-meta-owner": "alice",
    ...fields,
    ...extra.fields,
  };
}

describe("a signed POST policy", () => {
  it("uploads the file under the key it names, with its metadata, and answers 201 with the XML", async () => {
    const bucket = await newBucket(engine.client, "post");
    const form = uploadForm(bucket, { conditions: [{ key: "uploads/${filename}" }] });
    const response = await post(bucket, postForm(form, { body: "hello form", name: "greeting.txt" }));
    const body = await response.text();
    expect(response.status, body).toBe(201);
    expect(xmlElement(body, "Key")).toBe("uploads/greeting.txt");
    expect(xmlElement(body, "Bucket")).toBe(bucket);
    expect(unescape(xmlElement(body, "ETag") ?? "")).toBe(`"${md5Hex(Buffer.from("hello form"))}"`);
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "uploads/greeting.txt" }));
    expect(await read.Body?.transformToString()).toBe("hello form");
    expect(read.ContentType).toBe("text/plain");
    expect(read.Metadata).toEqual({ owner: "alice" });
  });

  it("streams a file of several blocks byte-exact", async () => {
    const bucket = await newBucket(engine.client, "post-large");
    const data = seededBytes(3 * 1024 * 1024 + 17, "post-large");
    const fields = signedPostFields(signing(), [{ bucket }, { key: "big.bin" }]);
    const response = await post(bucket, postForm({ key: "big.bin", ...fields }, { body: data }));
    expect(response.status, await response.text()).toBe(204);
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "big.bin" }));
    expect(md5Hex(await bodyBytes(read.Body))).toBe(md5Hex(data));
  });

  it("answers 200, 204 or a 303 redirect as success_action_status and success_action_redirect say", async () => {
    const bucket = await newBucket(engine.client, "post-answers");
    const plain = (status: string | null) => {
      const fields = signedPostFields(signing(), [
        { bucket },
        { key: "k" },
        ...(status ? [{ success_action_status: status }] : []),
      ]);
      return postForm({ key: "k", ...(status ? { success_action_status: status } : {}), ...fields }, { body: "x" });
    };
    expect((await post(bucket, plain("200"))).status).toBe(200);
    const noContent = await post(bucket, plain(null));
    expect(noContent.status).toBe(204);
    expect(noContent.headers.get("etag")).toBe(`"${md5Hex(Buffer.from("x"))}"`);
    const redirect = "https://app.example.com/done?from=form";
    const fields = signedPostFields(signing(), [{ bucket }, { key: "k" }, { success_action_redirect: redirect }]);
    const redirected = await post(
      bucket,
      postForm({ key: "k", success_action_redirect: redirect, ...fields }, { body: "x" }),
    );
    expect(redirected.status).toBe(303);
    const location = new URL(redirected.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://app.example.com/done");
    expect(location.searchParams.get("from")).toBe("form");
    expect(location.searchParams.get("bucket")).toBe(bucket);
    expect(location.searchParams.get("key")).toBe("k");
    expect(location.searchParams.get("etag")).toBe(`"${md5Hex(Buffer.from("x"))}"`);
  });

  it("keeps a checksum the form declares and refuses one that does not match", async () => {
    const bucket = await newBucket(engine.client, "post-checksum");
    const crc32OfHello = "NhCmhg==";
    const form = (value: string) => {
      const fields = signedPostFields(signing(), [{ bucket }, { key: "k" }, { "x-amz-checksum-crc32": value }]);
      return postForm({ key: "k", "x-amz-checksum-crc32": value, ...fields }, { body: "hello" });
    };
    expect((await post(bucket, form(crc32OfHello))).status).toBe(204);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumCRC32).toBe(crc32OfHello);
    await expectRefused(await post(bucket, form("AAAAAA==")), 400, "BadDigest");
  });

  it("tags the object with the tagging field, which the policy can pin", async () => {
    const bucket = await newBucket(engine.client, "post-tags");
    const tagging = "<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>";
    const form = (value: string) => {
      const fields = signedPostFields(signing(), [{ bucket }, { key: "t" }, { tagging }]);
      return postForm({ key: "t", tagging: value, ...fields }, { body: "x" });
    };
    expect((await post(bucket, form(tagging))).status).toBe(204);
    const tags = await engine.client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: "t" }));
    expect(tags.TagSet).toEqual([{ Key: "team", Value: "web" }]);
    await expectRefused(await post(bucket, form(tagging.replace("web", "ops"))), 403, "AccessDenied", /\$tagging/);
  });

  it("gives the object the canned ACL of the acl field", async () => {
    const bucket = await newBucket(engine.client, "post-acl");
    const fields = signedPostFields(signing(), [{ bucket }, { key: "open.txt" }, { acl: "public-read" }]);
    expect(
      (await post(bucket, postForm({ key: "open.txt", acl: "public-read", ...fields }, { body: "o" }))).status,
    ).toBe(204);
    const read = await fetch(`${engine.running.s3Url}/${bucket}/open.txt`);
    expect(read.status).toBe(200);
  });
});

describe("each violated condition, refused with AWS's error", () => {
  it.each<[string, (bucket: string) => FormData, number, string, RegExp?]>([
    [
      "the bucket",
      (b) => postForm(uploadForm(b, { conditions: [{ bucket: "another-bucket" }] }), { body: "x", name: "a.txt" }),
      403,
      "AccessDenied",
      /Policy Condition failed: \["eq", "\$bucket", "another-bucket"\]/,
    ],
    [
      "the key prefix",
      (b) => postForm(uploadForm(b, { fields: { key: "elsewhere/a.txt" } }), { body: "x" }),
      403,
      "AccessDenied",
      /starts-with", "\$key", "uploads\/"/,
    ],
    [
      "the content type",
      (b) => postForm(uploadForm(b, { fields: { "Content-Type": "image/png" } }), { body: "x" }),
      403,
      "AccessDenied",
      /\$content-type/,
    ],
    [
      "a metadata value",
      (b) => postForm(uploadForm(b, { fields: { "x-amz-meta-owner": "mallory" } }), { body: "x" }),
      403,
      "AccessDenied",
      /x-amz-meta-owner/,
    ],
    [
      "success_action_status",
      (b) => postForm(uploadForm(b, { fields: { success_action_status: "200" } }), { body: "x" }),
      403,
      "AccessDenied",
      /success_action_status/,
    ],
    [
      "the largest size",
      (b) => postForm(uploadForm(b), { body: Buffer.alloc(1024 * 1024 + 1) }),
      400,
      "EntityTooLarge",
    ],
    ["the smallest size", (b) => postForm(uploadForm(b), { body: "" }), 400, "EntityTooSmall"],
    [
      "success_action_redirect",
      (b) =>
        postForm(
          uploadForm(b, {
            conditions: [["starts-with", "$success_action_redirect", "https://app.example/"]],
            fields: { success_action_redirect: "https://elsewhere.example/done" },
          }),
          { body: "x" },
        ),
      403,
      "AccessDenied",
      /Policy Condition failed: \["starts-with", "\$success_action_redirect"/,
    ],
    [
      "a field the policy does not name",
      (b) => postForm(uploadForm(b, { fields: { "x-amz-meta-extra": "1" } }), { body: "x" }),
      403,
      "AccessDenied",
      /Extra input fields: x-amz-meta-extra/,
    ],
    [
      "the expiration",
      (b) =>
        postForm({ key: "k", ...signedPostFields(signing(), [{ bucket: b }, { key: "k" }], -1000) }, { body: "x" }),
      403,
      "AccessDenied",
      /Policy expired/,
    ],
    [
      "the signature",
      (b) => postForm({ ...uploadForm(b), "x-amz-signature": "0".repeat(64) }, { body: "x" }),
      403,
      "SignatureDoesNotMatch",
    ],
    [
      "the signing key",
      (b) =>
        postForm(
          {
            key: "k",
            ...signedPostFields({ ...signing(), accessKeyId: "GKunknownkey000" }, [{ bucket: b }, { key: "k" }]),
          },
          { body: "x" },
        ),
      403,
      "InvalidAccessKeyId",
    ],
    [
      "the key field",
      (b) => {
        const { key: _key, ...rest } = uploadForm(b);
        return postForm(rest, { body: "x" });
      },
      400,
      "InvalidArgument",
      /field named 'key'/,
    ],
    [
      "the policy document",
      (b) => postForm({ ...uploadForm(b), policy: Buffer.from("{not json").toString("base64") }, { body: "x" }),
      403,
      "SignatureDoesNotMatch",
    ],
    ["the file", (b) => postForm(uploadForm(b), null), 400, "InvalidArgument", /exactly one file/],
  ])("%s", async (_name, make, status, code, message) => {
    const bucket = await newBucket(engine.client, "post-refused");
    await expectRefused(await post(bucket, make(bucket)), status, code, message);
  });

  it("an unreadable policy that is signed is InvalidPolicyDocument", async () => {
    const bucket = await newBucket(engine.client, "post-bad-policy");
    const fields = signedPostFields(signing(), [{ bucket }]);
    const broken = Buffer.from("[1,2]").toString("base64");
    const signature = signPolicy(signing(), fields["x-amz-date"].slice(0, 8), broken);
    const form = postForm({ key: "k", ...fields, policy: broken, "x-amz-signature": signature }, { body: "x" });
    await expectRefused(await post(bucket, form), 400, "InvalidPolicyDocument");
  });

  it("a request that is not a form is 412", async () => {
    const bucket = await newBucket(engine.client, "post-not-form");
    const response = await fetch(`${engine.running.s3Url}/${bucket}`, {
      method: "POST",
      body: "x",
      headers: { "content-type": "text/plain" },
    });
    await expectRefused(response, 412, "PreconditionFailed");
  });
});

describe("anonymous form uploads", () => {
  it("are refused on a private bucket and accepted where a policy or ACL lets anyone write", async () => {
    const bucket = await newBucket(engine.client, "post-anon");
    await expectRefused(await post(bucket, postForm({ key: "drop/a.txt" }, { body: "a" })), 403, "AccessDenied");
    await engine.client.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucket}/drop/*` },
          ],
        }),
      }),
    );
    expect((await post(bucket, postForm({ key: "drop/a.txt" }, { body: "a" }))).status).toBe(204);
    await expectRefused(await post(bucket, postForm({ key: "elsewhere.txt" }, { body: "a" })), 403, "AccessDenied");
    const read = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "drop/a.txt" }));
    expect(await read.Body?.transformToString()).toBe("a");

    const open = await newBucket(engine.client, "post-anon-acl");
    await engine.client.send(new PutBucketAclCommand({ Bucket: open, ACL: "public-read-write" }));
    expect((await post(open, postForm({ key: "any.txt" }, { body: "b" }))).status).toBe(204);
  });
});
