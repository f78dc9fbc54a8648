/** Requests signed by @smithy/signature-v4, the AWS SDK's own signer, checked by ours. */
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import { authenticate, type SigV4Options, type SigV4Request } from "./authenticate";
import { signingKey, signingKeyCacheSize } from "./crypto";
import { createPayloadReader } from "./payload-reader";
import {
  EMPTY_SHA256,
  EXAMPLE_KEY_ID,
  exampleSigningKey,
  lookupExampleSecret,
  pipeThrough,
  presignRequest,
  sdkPath,
  signRequest,
} from "./testing";

const NOW = new Date("2026-03-01T12:00:00Z");
const options: SigV4Options = { region: "us-east-1", now: NOW, lookupSecret: lookupExampleSecret };
const minutes = (count: number) => new Date(NOW.getTime() + count * 60_000);

function thrown(run: () => unknown): S3Error {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error("expected an S3Error, got none");
}

const ODD_KEYS = [
  "plain.txt",
  "with space.txt",
  "a+b=c&d.txt",
  "100% sure",
  "café/naïve é",
  "emoji 😀🚀",
  "double//slash",
  "trailing/",
  "/leading",
  "tilde~and*star!(quote)'",
  "semi;colon,comma:colon@at$dollar",
  "hash#question?",
  "%2F literally",
];

describe("header auth, signed by the SDK's signer", () => {
  it.each(ODD_KEYS)("verifies key %j", async (key) => {
    const request = await signRequest({ method: "GET", path: sdkPath("bucket", key), date: NOW });
    expect(authenticate(request, options)?.accessKeyId).toBe(EXAMPLE_KEY_ID);
  });

  it("rejects a request whose key was changed after signing", async () => {
    const request = await signRequest({ path: sdkPath("bucket", "a b"), date: NOW });
    expect(thrown(() => authenticate({ ...request, rawPath: sdkPath("bucket", "a+b") }, options)).code).toBe(
      "SignatureDoesNotMatch",
    );
    expect(thrown(() => authenticate({ ...request, rawPath: sdkPath("bucket", "a b/") }, options)).code).toBe(
      "SignatureDoesNotMatch",
    );
  });

  it("accepts the same key sent with other (equivalent) escapes", async () => {
    const request = await signRequest({ path: sdkPath("bucket", "café~1"), date: NOW });
    expect(authenticate({ ...request, rawPath: "/bucket/caf%c3%a9%7E1" }, options)).not.toBeNull();
    expect(authenticate({ ...request, rawPath: "/bucket/café~1" }, options)).not.toBeNull();
  });

  it("verifies many query parameters, odd values, and a repeated name", async () => {
    const query = {
      "list-type": "2",
      prefix: "photos/2024 été+=&",
      delimiter: "/",
      "continuation-token": "abc==/+",
      "x-id": "ListObjectsV2",
      tag: ["b", "a"],
      empty: "",
    };
    const request = await signRequest({ path: "/bucket", query, date: NOW });
    expect(authenticate(request, options)).not.toBeNull();
    const changed = request.rawQuery.replace("delimiter=%2F", "delimiter=%2C");
    expect(thrown(() => authenticate({ ...request, rawQuery: changed }, options)).code).toBe("SignatureDoesNotMatch");
  });

  it("collapses whitespace in header values and joins repeated headers with ','", async () => {
    const request = await signRequest({
      path: "/bucket/k",
      headers: { "x-amz-meta-note": "  two   spaces\tand tab ", "x-amz-meta-list": "one,two" },
      date: NOW,
    });
    const headers = { ...request.headers, "x-amz-meta-list": ["one", " two"] };
    expect(authenticate({ ...request, headers }, options)).not.toBeNull();
  });

  it("returns the signed body hash, and the payload reader enforces it", async () => {
    const body = Buffer.from("hello, world");
    const hash = "09ca7e4eaa6e8ae9c7d261167129184883644d07dfba7cbfbc4c8a2e08360d5b";
    const request = await signRequest({ method: "PUT", path: "/bucket/k", payloadHash: hash, date: NOW });
    const auth = authenticate(request, options);
    expect(auth?.payload).toEqual({ kind: "signed", sha256Hex: hash });
    if (!auth) throw new Error("expected a signed request");
    expect((await pipeThrough(body, createPayloadReader(auth), 5)).equals(body)).toBe(true);
    await expect(pipeThrough(Buffer.from("hello, World"), createPayloadReader(auth))).rejects.toMatchObject({
      code: "XAmzContentSHA256Mismatch",
    });
  });

  it("reports UNSIGNED-PAYLOAD", async () => {
    const request = await signRequest({ method: "PUT", path: "/bucket/k", payloadHash: "UNSIGNED-PAYLOAD", date: NOW });
    expect(authenticate(request, options)?.payload).toEqual({ kind: "UNSIGNED-PAYLOAD" });
  });

  it("accepts 14 minutes of clock skew and refuses 16, either way", async () => {
    for (const offset of [-14, 14]) {
      expect(authenticate(await signRequest({ path: "/b/k", date: minutes(offset) }), options)).not.toBeNull();
    }
    for (const offset of [-16, 16]) {
      const request = await signRequest({ path: "/b/k", date: minutes(offset) });
      expect(thrown(() => authenticate(request, options)).code).toBe("RequestTimeTooSkewed");
    }
  });

  it("refuses a wrong secret and an unknown key", async () => {
    const wrongSecret = await signRequest({ path: "/b/k", secret: "not-the-secret", date: NOW });
    expect(thrown(() => authenticate(wrongSecret, options)).code).toBe("SignatureDoesNotMatch");
    const unknown = await signRequest({ path: "/b/k", keyId: "AKIDUNKNOWN", date: NOW });
    expect(thrown(() => authenticate(unknown, options)).code).toBe("InvalidAccessKeyId");
  });

  it("refuses another region, naming the expected one", async () => {
    const request = await signRequest({ path: "/b/k", region: "eu-west-1", date: NOW });
    const error = thrown(() => authenticate(request, { ...options, region: "garage" }));
    expect(error.code).toBe("AuthorizationHeaderMalformed");
    expect(error.message).toContain("expecting 'garage'");
    expect(error.details.Region).toBe("garage");
    // A us-east-1 scope is no wildcard: it is accepted only where us-east-1 is configured.
    const usEast = await signRequest({ path: "/b/k", region: "us-east-1", date: NOW });
    expect(thrown(() => authenticate(usEast, { ...options, region: "garage" })).code).toBe(
      "AuthorizationHeaderMalformed",
    );
    expect(authenticate(usEast, options)).not.toBeNull();
  });

  it("requires x-amz-content-sha256", async () => {
    const request = await signRequest({ path: "/b/k", date: NOW });
    const headers = { ...request.headers, "x-amz-content-sha256": undefined };
    const error = thrown(() => authenticate({ ...request, headers }, options));
    expect(error.code).toBe("InvalidRequest");
    expect(error.message).toBe("Missing required header for this request: x-amz-content-sha256");
  });

  it("refuses session tokens: there is no STS", async () => {
    const request = await signRequest({ path: "/b/k", headers: { "x-amz-security-token": "token" }, date: NOW });
    expect(thrown(() => authenticate(request, options)).message).toContain("X-Amz-Security-Token");
  });

  it("refuses x-amz-* headers that were not signed", async () => {
    const request = await signRequest({ path: "/b/k", date: NOW });
    const headers = { ...request.headers, "x-amz-copy-source": "/other/secret" };
    const error = thrown(() => authenticate({ ...request, headers }, options));
    expect(error.code).toBe("AccessDenied");
    expect(error.details.HeadersNotSigned).toBe("x-amz-copy-source");
  });

  it("treats a request without any signature as anonymous", () => {
    expect(
      authenticate({ method: "GET", rawPath: "/b/k", rawQuery: "prefix=a", headers: { host: "h" } }, options),
    ).toBeNull();
  });

  it("refuses malformed or foreign Authorization headers", () => {
    const base: SigV4Request = { method: "GET", rawPath: "/", rawQuery: "", headers: { host: "h" } };
    const withAuth = (authorization: string) => ({ ...base, headers: { ...base.headers, authorization } });
    expect(thrown(() => authenticate(withAuth("AWS AKID:c2lnbmF0dXJl"), options)).code).toBe("InvalidRequest");
    expect(thrown(() => authenticate(withAuth("AWS4-HMAC-SHA256 Credential=x"), options)).code).toBe(
      "AuthorizationHeaderMalformed",
    );
    const noHost = `AWS4-HMAC-SHA256 Credential=${EXAMPLE_KEY_ID}/20260301/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature=${"0".repeat(64)}`;
    expect(thrown(() => authenticate(withAuth(noHost), options)).message).toContain("host header must be signed");
    const both = { ...withAuth(noHost), rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256" };
    expect(thrown(() => authenticate(both, options)).code).toBe("InvalidArgument");
  });

  it("verifies a request dated by the Date header alone (signed here by hand)", () => {
    const date = "Sun, 01 Mar 2026 12:00:00 GMT";
    const canonical = [
      "GET",
      "/b/k",
      "",
      `date:${date}`,
      "host:h",
      `x-amz-content-sha256:${EMPTY_SHA256}`,
      "",
      "date;host;x-amz-content-sha256",
      EMPTY_SHA256,
    ].join("\n");
    const scope = "20260301/us-east-1/s3/aws4_request";
    const toSign = [
      "AWS4-HMAC-SHA256",
      "20260301T120000Z",
      scope,
      createHash("sha256").update(canonical).digest("hex"),
    ].join("\n");
    const signature = createHmac("sha256", exampleSigningKey("20260301")).update(toSign).digest("hex");
    const headers = {
      host: "h",
      date,
      "x-amz-content-sha256": EMPTY_SHA256,
      authorization: `AWS4-HMAC-SHA256 Credential=${EXAMPLE_KEY_ID}/${scope}, SignedHeaders=date;host;x-amz-content-sha256, Signature=${signature}`,
    };
    expect(authenticate({ method: "GET", rawPath: "/b/k", rawQuery: "", headers }, options)).not.toBeNull();
    const skewed = { ...headers, date: "Sun, 01 Mar 2026 12:16:00 GMT" };
    expect(
      thrown(() => authenticate({ method: "GET", rawPath: "/b/k", rawQuery: "", headers: skewed }, options)).code,
    ).toBe("RequestTimeTooSkewed");
  });
});

describe("presigned URLs, signed by the SDK's signer", () => {
  it.each(ODD_KEYS)("verifies key %j", async (key) => {
    const request = await presignRequest({
      method: "PUT",
      path: sdkPath("bucket", key),
      expiresSeconds: 3600,
      date: NOW,
    });
    const auth = authenticate(request, options);
    expect(auth?.via).toBe("query");
    expect(auth?.payload).toEqual({ kind: "UNSIGNED-PAYLOAD" });
  });

  it("verifies extra query parameters and refuses changed ones", async () => {
    const query = { "response-content-disposition": 'attachment; filename="a b.txt"', versionId: "v+1/=" };
    const request = await presignRequest({ path: "/b/k", query, expiresSeconds: 60, date: NOW });
    expect(authenticate(request, options)).not.toBeNull();
    const changed = request.rawQuery.replace("versionId=v", "versionId=w");
    expect(thrown(() => authenticate({ ...request, rawQuery: changed }, options)).code).toBe("SignatureDoesNotMatch");
  });

  it("expires after X-Amz-Expires", async () => {
    const request = await presignRequest({ path: "/b/k", expiresSeconds: 600, date: minutes(-11) });
    const error = thrown(() => authenticate(request, options));
    expect(error.code).toBe("AccessDenied");
    expect(error.message).toBe("Request has expired");
    expect(authenticate(request, { ...options, now: minutes(-2) })).not.toBeNull();
  });

  it("is not valid long before its date", async () => {
    const request = await presignRequest({ path: "/b/k", expiresSeconds: 600, date: minutes(20) });
    expect(thrown(() => authenticate(request, options)).message).toBe("Request is not valid yet");
  });

  it("refuses X-Amz-Expires beyond a week, 0 or negative (AccessDenied, as AWS), a bad algorithm, and a repeated parameter", async () => {
    const request = await presignRequest({ path: "/b/k", expiresSeconds: 604_800, date: NOW });
    expect(authenticate(request, options)).not.toBeNull();
    for (const [expires, message] of [
      ["604801", "X-Amz-Expires must be less than a week (in seconds) that is 604800"],
      ["0", "Request has expired"],
      ["-1", "X-Amz-Expires must be non-negative"],
    ]) {
      const refused = thrown(() =>
        authenticate(
          { ...request, rawQuery: request.rawQuery.replace("X-Amz-Expires=604800", `X-Amz-Expires=${expires}`) },
          options,
        ),
      );
      expect([refused.code, refused.status, refused.message]).toEqual(["AccessDenied", 403, message]);
    }
    const badAlgorithm = request.rawQuery.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1");
    expect(thrown(() => authenticate({ ...request, rawQuery: badAlgorithm }, options)).code).toBe(
      "AuthorizationQueryParametersError",
    );
    const repeated = `${request.rawQuery}&X-Amz-Date=20260301T120000Z`;
    expect(thrown(() => authenticate({ ...request, rawQuery: repeated }, options)).code).toBe(
      "AuthorizationQueryParametersError",
    );
  });

  it("refuses another region and a session token", async () => {
    const otherRegion = await presignRequest({ path: "/b/k", region: "eu-west-1", expiresSeconds: 60, date: NOW });
    const error = thrown(() => authenticate(otherRegion, options));
    expect(error.code).toBe("AuthorizationQueryParametersError");
    expect(error.message).toContain("expecting 'us-east-1'");
    const request = await presignRequest({ path: "/b/k", expiresSeconds: 60, date: NOW });
    const withToken = { ...request, rawQuery: `${request.rawQuery}&X-Amz-Security-Token=abc` };
    expect(thrown(() => authenticate(withToken, options)).code).toBe("InvalidRequest");
  });

  it("refuses a wrong secret and an unknown key", async () => {
    const wrong = await presignRequest({ path: "/b/k", secret: "nope", expiresSeconds: 60, date: NOW });
    expect(thrown(() => authenticate(wrong, options)).code).toBe("SignatureDoesNotMatch");
    const unknown = await presignRequest({ path: "/b/k", keyId: "AKIDNOPE", expiresSeconds: 60, date: NOW });
    expect(thrown(() => authenticate(unknown, options)).code).toBe("InvalidAccessKeyId");
  });
});

describe("the signing-key cache", () => {
  it("derives the documented key and stays bounded", () => {
    expect(
      signingKey("secret-a", "20260301", "us-east-1", "s3").equals(
        exampleSigningKey("20260301", "us-east-1", "secret-a"),
      ),
    ).toBe(true);
    for (let day = 0; day < 1500; day++) signingKey("secret", `2026${String(day).padStart(4, "0")}`, "us-east-1", "s3");
    expect(signingKeyCacheSize()).toBeLessThanOrEqual(1024);
    expect(signingKeyCacheSize()).toBeGreaterThan(1000);
  });
});
