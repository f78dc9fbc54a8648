import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectErrorXml, expectS3Error, newBucket, sharedS3TestEngine, xmlElement } from "./helpers";
import type { PermissionFlags } from "../../engine/service/access-keys";

/** Bucket policies over S3: public reads, Deny over grants, every condition operator, malformed policies. */

const engine = sharedS3TestEngine({ CARPORT_S3_TRUST_FORWARDED: "1" });

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

async function putPolicy(bucket: string, text: string): Promise<void> {
  await engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: text }));
}

async function grant(bucket: string, accessKeyId: string, flags: Partial<PermissionFlags>): Promise<void> {
  const core = engine.running.engine;
  const bucketId = core.buckets.resolveName(bucket, null)?.id ?? "";
  await core.buckets.changeKeyPermission(bucketId, accessKeyId, flags, true);
}

function anonymous(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${engine.running.s3Url}${path}`, init);
}

describe("a public-read policy", () => {
  it("serves anonymous reads of what it names, and stops when deleted", async () => {
    const bucket = await newBucket(engine.client, "public");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "hello.txt", Body: "hello" }));
    expect((await anonymous(`/${bucket}/hello.txt`)).status).toBe(403);
    const text = policy({
      Sid: "PublicRead",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    await putPolicy(bucket, text);
    const read = await anonymous(`/${bucket}/hello.txt`);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe("hello");
    // The policy names objects, not the listing.
    const list = await anonymous(`/${bucket}?list-type=2`);
    expect(list.status).toBe(403);
    expectErrorXml(await list.text(), "AccessDenied");
    expect((await engine.client.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy).toBe(text);
    const status = await engine.client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
    expect(status.PolicyStatus?.IsPublic).toBe(true);

    await engine.client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    expect((await anonymous(`/${bucket}/hello.txt`)).status).toBe(403);
    await expectS3Error(engine.client.send(new GetBucketPolicyCommand({ Bucket: bucket })), "NoSuchBucketPolicy", 404);
  });

  it("answers 404 to anonymous requests for a missing key or bucket", async () => {
    const bucket = await newBucket(engine.client, "public-missing");
    const missingKey = await anonymous(`/${bucket}/absent`);
    expect(missingKey.status).toBe(404);
    expectErrorXml(await missingKey.text(), "NoSuchKey");
    const missingBucket = await anonymous(`/${bucket}-absent/k`);
    expect(missingBucket.status).toBe(404);
    expectErrorXml(await missingBucket.text(), "NoSuchBucket");
  });

  it("a policy naming a key lets that key read without any Garage grant", async () => {
    const bucket = await newBucket(engine.client, "to-key");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "shared", Body: "for you" }));
    const other = await engine.newKey("policy-reader");
    const client = engine.clientFor(other.accessKeyId, other.secretAccessKey);
    await expectS3Error(client.send(new GetObjectCommand({ Bucket: bucket, Key: "shared" })), "AccessDenied", 403);
    await putPolicy(
      bucket,
      policy({
        Effect: "Allow",
        Principal: { AWS: [other.accessKeyId] },
        Action: ["s3:GetObject"],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      }),
    );
    const read = await client.send(new GetObjectCommand({ Bucket: bucket, Key: "shared" }));
    expect(await read.Body?.transformToString()).toBe("for you");
    await expectS3Error(client.send(new ListObjectsV2Command({ Bucket: bucket })), "AccessDenied", 403);
    const status = await engine.client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
    expect(status.PolicyStatus?.IsPublic).toBe(false);
  });
});

describe("the admin API's view of public buckets", () => {
  it("ListBucketExposure names the buckets a policy or an ACL opens, and forgets them once closed", async () => {
    const bucket = await newBucket(engine.client, "exposed");
    const bucketId = engine.running.engine.buckets.resolveName(bucket, null)?.id ?? "";
    const exposure = async () => {
      const response = await fetch(`${engine.running.adminUrl}/carport/v1/ListBucketExposure`, {
        headers: { authorization: `Bearer ${engine.running.adminToken}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        buckets: Array<{ id: string; public: boolean; publicByPolicy: boolean }>;
      };
      return body.buckets.find((item) => item.id === bucketId);
    };
    expect(await exposure()).toMatchObject({ public: false });
    await putPolicy(
      bucket,
      policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }),
    );
    expect(await exposure()).toMatchObject({ public: true, publicByPolicy: true });
    await engine.client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    expect(await exposure()).toMatchObject({ public: false });
    const anonymousCall = await fetch(`${engine.running.adminUrl}/carport/v1/ListBucketExposure`);
    expect(anonymousCall.status).toBe(403);
  });
});

describe("Deny", () => {
  it("an explicit Deny beats a key's grant, and the owner can still remove the policy", async () => {
    const bucket = await newBucket(engine.client, "deny");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const reader = await engine.newKey("denied-reader");
    await grant(bucket, reader.accessKeyId, { read: true });
    const client = engine.clientFor(reader.accessKeyId, reader.secretAccessKey);
    expect(
      await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).Body?.transformToString(),
    ).toBe("x");
    await putPolicy(
      bucket,
      policy({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      }),
    );
    await expectS3Error(client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    // Garage's owner flag keeps the bucket's settings reachable.
    await engine.client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    expect((await client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).$metadata.httpStatusCode).toBe(200);
  });

  it("denies writes without the ACL the policy demands (s3:x-amz-acl)", async () => {
    const bucket = await newBucket(engine.client, "acl-demand");
    await putPolicy(
      bucket,
      policy({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringNotEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      }),
    );
    await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "a", Body: "x" })),
      "AccessDenied",
      403,
    );
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "a", Body: "x", ACL: "bucket-owner-full-control" }),
    );
  });

  it("denies unencrypted transport, and allows it through a proxy that says https", async () => {
    const bucket = await newBucket(engine.client, "tls-only");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    await putPolicy(
      bucket,
      policy(
        { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` },
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: `arn:aws:s3:::${bucket}/*`,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ),
    );
    expect((await anonymous(`/${bucket}/k`)).status).toBe(403);
    await expectS3Error(engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" })), "AccessDenied", 403);
    const viaProxy = await anonymous(`/${bucket}/k`, { headers: { "x-forwarded-proto": "https" } });
    expect(viaProxy.status).toBe(200);
    expect(await viaProxy.text()).toBe("x");
  });
});

describe("condition operators, through real requests", () => {
  // Every request below: anonymous ListObjectsV2 with prefix photos/, max-keys 10 and a Referer.
  const request = { prefix: "photos/", maxKeys: "10", referer: "http://www.example.com/gallery" };
  const cases: Array<[operator: string, key: string, holds: string, fails: string | null]> = [
    ["StringEquals", "s3:prefix", "photos/", "videos/"],
    ["StringNotEquals", "s3:prefix", "videos/", "photos/"],
    ["StringEqualsIgnoreCase", "s3:prefix", "PHOTOS/", "videos/"],
    ["StringNotEqualsIgnoreCase", "s3:prefix", "VIDEOS/", "PHOTOS/"],
    ["StringLike", "aws:Referer", "http://*.example.com/*", "http://*.example.org/*"],
    ["StringNotLike", "aws:Referer", "http://*.example.org/*", "http://*.example.com/*"],
    ["NumericEquals", "s3:max-keys", "10", "11"],
    ["NumericNotEquals", "s3:max-keys", "11", "10"],
    ["NumericLessThan", "s3:max-keys", "11", "10"],
    ["NumericLessThanEquals", "s3:max-keys", "10", "9"],
    ["NumericGreaterThan", "s3:max-keys", "9", "10"],
    ["NumericGreaterThanEquals", "s3:max-keys", "10", "11"],
    ["DateLessThan", "aws:CurrentTime", "2999-01-01T00:00:00Z", "2000-01-01T00:00:00Z"],
    ["DateLessThanEquals", "aws:CurrentTime", "2999-01-01T00:00:00Z", "2000-01-01T00:00:00Z"],
    ["DateGreaterThan", "aws:CurrentTime", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"],
    ["DateGreaterThanEquals", "aws:CurrentTime", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"],
    // The current time never equals a fixed instant: Equals can only fail, NotEquals only hold.
    ["DateNotEquals", "aws:CurrentTime", "2000-01-01T00:00:00Z", null],
    ["DateEquals", "aws:CurrentTime", "", "2000-01-01T00:00:00Z"],
    ["Bool", "aws:SecureTransport", "false", "true"],
    ["IpAddress", "aws:SourceIp", "127.0.0.0/8", "10.0.0.0/8"],
    ["NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "127.0.0.0/8"],
    ["Null", "s3:x-amz-acl", "true", "false"],
    ["StringEqualsIfExists", "s3:x-amz-acl", "private", null],
    ["StringEqualsIfExists", "s3:prefix", "photos/", "videos/"],
  ];

  it.each(cases)("%s on %s allows when it holds and refuses when it does not", async (operator, key, holds, fails) => {
    const bucket = await newBucket(engine.client, "cond");
    const withCondition = (value: string) =>
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:ListBucket",
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { [operator]: { [key]: value } },
      });
    const list = () =>
      anonymous(`/${bucket}?list-type=2&prefix=${request.prefix}&max-keys=${request.maxKeys}`, {
        headers: { referer: request.referer },
      });
    if (holds !== "") {
      await putPolicy(bucket, withCondition(holds));
      const allowed = await list();
      expect(allowed.status, await allowed.clone().text()).toBe(200);
      expect(xmlElement(await allowed.text(), "Prefix")).toBe("photos/");
    }
    if (fails !== null) {
      await putPolicy(bucket, withCondition(fails));
      expect((await list()).status).toBe(403);
    }
  });
});

describe("object tags in conditions", () => {
  it("s3:ExistingObjectTag lets anyone read only the objects tagged for it", async () => {
    const bucket = await newBucket(engine.client, "tag-cond");
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "open", Body: "o", Tagging: "visibility=public" }),
    );
    await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "closed", Body: "c", Tagging: "visibility=team" }),
    );
    await putPolicy(
      bucket,
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringEquals: { "s3:ExistingObjectTag/visibility": "public" } },
      }),
    );
    expect((await anonymous(`/${bucket}/open`)).status).toBe(200);
    expect((await anonymous(`/${bucket}/closed`)).status).toBe(403);
  });
});

describe("malformed policies", () => {
  it.each<[string, (bucket: string) => string, RegExp]>([
    ["invalid JSON", () => "{not json", /valid JSON/],
    ["no Statement", () => JSON.stringify({ Version: "2012-10-17" }), /Statement/],
    [
      "no Principal",
      (b) =>
        JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${b}/*` }] }),
      /Principal/,
    ],
    [
      "an unknown action",
      (b) => policy({ Effect: "Allow", Principal: "*", Action: "s3:Fly", Resource: `arn:aws:s3:::${b}/*` }),
      /invalid action: s3:Fly/,
    ],
    [
      "another bucket",
      () =>
        policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::someone-else/*" }),
      /invalid resource/,
    ],
    [
      "a bad effect",
      (b) => policy({ Effect: "Maybe", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${b}/*` }),
      /Invalid effect/,
    ],
    [
      "an unknown field",
      (b) =>
        policy({
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${b}/*`,
          Colour: "red",
        }),
      /Unknown field Colour/,
    ],
    [
      "an unknown operator",
      (b) =>
        policy({
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${b}/*`,
          Condition: { StringSounds: { "s3:prefix": "x" } },
        }),
      /Condition type : StringSounds/,
    ],
    [
      "an unknown condition key",
      (b) =>
        policy({
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${b}/*`,
          Condition: { StringEquals: { "s3:colour": "x" } },
        }),
      /invalid condition key: s3:colour/,
    ],
    [
      "a bad address",
      (b) =>
        policy({
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${b}/*`,
          Condition: { IpAddress: { "aws:SourceIp": "300.1.1.1/8" } },
        }),
      /not an IP address/,
    ],
    [
      "an unknown key",
      (b) =>
        policy({
          Effect: "Allow",
          Principal: { AWS: "GKnosuchkey0000" },
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${b}/*`,
        }),
      /Invalid principal/,
    ],
  ])("refuses %s with MalformedPolicy naming the problem", async (_name, make, message) => {
    const bucket = await newBucket(engine.client, "malformed");
    const error = await expectS3Error(
      engine.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: make(bucket) })),
      "MalformedPolicy",
      400,
    );
    expect(error.message).toMatch(message);
    await expectS3Error(engine.client.send(new GetBucketPolicyCommand({ Bucket: bucket })), "NoSuchBucketPolicy", 404);
  });

  it("only the bucket's owners manage its policy", async () => {
    const bucket = await newBucket(engine.client, "policy-owner");
    const writer = await engine.newKey("policy-writer");
    await grant(bucket, writer.accessKeyId, { read: true, write: true });
    const client = engine.clientFor(writer.accessKeyId, writer.secretAccessKey);
    const text = policy({
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${bucket}/*`,
    });
    await expectS3Error(client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: text })), "AccessDenied", 403);
  });
});
