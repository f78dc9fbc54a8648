import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newBucket } from "../../server/s3/tests/helpers";
import { type PostSigning, postForm, signedPostFields } from "../../server/s3/tests/post-helpers";
import { startS3TestEngine, type S3TestEngine } from "../../server/testing/s3-engine";
import { errorCodeOf } from "../bad-input/tally";

/**
 * PostObject's authentication matrix (browser form uploads sign a policy, not the
 * request, so the SigV4 matrix leaves them here): every way the signing key or the
 * signature can be wrong is refused, and no object appears. The policy conditions
 * themselves are server/s3/tests/post-object.test.ts's.
 */

let engine: S3TestEngine;
let bucket: string;
const keys: Record<"owner" | "stranger" | "deleted" | "expired", PostSigning> = {
  owner: { accessKeyId: "", secretAccessKey: "", region: "" },
  stranger: { accessKeyId: "", secretAccessKey: "", region: "" },
  deleted: { accessKeyId: "", secretAccessKey: "", region: "" },
  expired: { accessKeyId: "", secretAccessKey: "", region: "" },
};

async function admin(operation: string, body: unknown, query: Record<string, string>): Promise<void> {
  const url = new URL(`/v2/${operation}`, engine.running.adminUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${engine.running.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: ${response.status}`);
}

beforeAll(async () => {
  engine = await startS3TestEngine();
  const region = engine.running.config.s3.region;
  keys.owner = { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey, region };
  for (const name of ["stranger", "deleted", "expired"] as const)
    keys[name] = { ...(await engine.newKey(name, false)), region };
  await admin("DeleteKey", {}, { id: keys.deleted.accessKeyId });
  await admin("UpdateKey", { expiration: new Date(Date.now() - 1000).toISOString() }, { id: keys.expired.accessKeyId });
  bucket = await newBucket(engine.client, "post-matrix");
});
afterAll(async () => {
  await engine?.stop();
});

let counter = 0;

function form(
  signing: PostSigning,
  key: string,
  edit: (fields: Record<string, string>) => Record<string, string> = (fields) => fields,
  expiresInMs?: number,
): FormData {
  const fields = signedPostFields(signing, [{ bucket }, { key }], expiresInMs);
  return postForm(edit({ key, ...fields }), { body: "form upload", name: "f.txt" });
}

const cases: Array<[string, (key: string) => FormData, string[]]> = [
  [
    "wrong secret",
    (key) => form({ ...keys.owner, secretAccessKey: `${keys.owner.secretAccessKey}x` }, key),
    ["SignatureDoesNotMatch"],
  ],
  [
    "unknown key",
    (key) => form({ ...keys.owner, accessKeyId: "GK0123456789abcdef01234567" }, key),
    ["InvalidAccessKeyId"],
  ],
  ["deleted key", (key) => form(keys.deleted, key), ["InvalidAccessKeyId"]],
  ["expired key", (key) => form(keys.expired, key), ["InvalidAccessKeyId", "ExpiredToken"]],
  ["key without permission", (key) => form(keys.stranger, key), ["AccessDenied"]],
  [
    "wrong region in the credential",
    (key) => form({ ...keys.owner, region: "eu-west-9" }, key),
    [
      "AuthorizationQueryParametersError",
      "AuthorizationHeaderMalformed",
      "InvalidArgument",
      "SignatureDoesNotMatch",
      "AccessDenied",
    ],
  ],
  ["expired policy", (key) => form(keys.owner, key, (fields) => fields, -1000), ["AccessDenied"]],
  [
    "signature of another policy",
    (key) =>
      form(keys.owner, key, (fields) => ({
        ...fields,
        "x-amz-signature": signedPostFields(keys.owner, [{ bucket }, { key: "other" }])["x-amz-signature"],
      })),
    ["SignatureDoesNotMatch"],
  ],
  [
    "policy edited after signing",
    (key) =>
      form(keys.owner, key, (fields) => ({
        ...fields,
        policy: Buffer.from(
          Buffer.from(fields.policy, "base64").toString().replace(`"${key}"`, '"elsewhere"'),
        ).toString("base64"),
      })),
    ["SignatureDoesNotMatch"],
  ],
  [
    "no signature",
    (key) => form(keys.owner, key, ({ "x-amz-signature": _signature, ...rest }) => rest),
    ["InvalidArgument", "AccessDenied"],
  ],
  ["no policy, anonymous", (key) => postForm({ key }, { body: "form upload" }), ["AccessDenied", "InvalidArgument"]],
  [
    "credential for another date",
    (key) => form({ ...keys.owner, nowMs: Date.now() - 3 * 86_400_000 }, key),
    ["AccessDenied", "SignatureDoesNotMatch", "InvalidArgument"],
  ],
];

describe("PostObject authentication matrix", () => {
  it("refuses every wrong signing key and signature, and stores nothing", async () => {
    const wrong: string[] = [];
    for (const [name, make, codes] of cases) {
      const key = `post-${(counter += 1)}`;
      const response = await fetch(`${engine.running.s3Url}/${bucket}`, {
        method: "POST",
        body: make(key),
        redirect: "manual",
      });
      const body = await response.text();
      const stored = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
        () => true,
        () => false,
      );
      if (response.status < 400 || stored) wrong.push(`${name}: ${response.status}, stored ${stored}`);
      else if (!codes.includes(errorCodeOf(body) ?? ""))
        wrong.push(`${name}: refused with ${response.status} ${errorCodeOf(body)}`);
    }
    // The control: the same form signed right is accepted.
    const control = await fetch(`${engine.running.s3Url}/${bucket}`, {
      method: "POST",
      body: form(keys.owner, "control"),
      redirect: "manual",
    });
    expect(control.status, await control.text()).toBe(204);
    process.stdout.write(
      `authentication (POST policy matrix): ${wrong.length} wrong accepts or codes of ${cases.length}\n`,
    );
    expect(wrong).toEqual([]);
  });
});
