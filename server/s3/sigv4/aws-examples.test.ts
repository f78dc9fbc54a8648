/**
 * AWS's published SigV4 examples for S3 ("Examples: Signature Calculations",
 * "Authenticating requests: using query parameters", "Example: PUT Object" of
 * the chunked upload page). The signatures are AWS's, so they pin us to AWS.
 */
import { describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import { authenticate, type SigV4Request } from "./authenticate";
import { createPayloadReader } from "./payload-reader";
import { EMPTY_SHA256, EXAMPLE_DATE, lookupExampleSecret, pipeThrough } from "./testing";

const options = { region: "us-east-1", now: EXAMPLE_DATE, lookupSecret: lookupExampleSecret };
const HOST = "examplebucket.s3.amazonaws.com";

function headerAuth(signedHeaders: string, signature: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;
}

function getRequest(
  rawPath: string,
  rawQuery: string,
  signature: string,
  extra: Record<string, string> = {},
): SigV4Request {
  const signed = ["host", ...Object.keys(extra), "x-amz-content-sha256", "x-amz-date"].sort().join(";");
  return {
    method: "GET",
    rawPath,
    rawQuery,
    headers: {
      host: HOST,
      "x-amz-date": "20130524T000000Z",
      "x-amz-content-sha256": EMPTY_SHA256,
      ...extra,
      authorization: headerAuth(signed, signature),
    },
  };
}

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return error.code;
    throw error;
  }
  return "no error";
}

const getObject = () =>
  getRequest("/test.txt", "", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", {
    range: "bytes=0-9",
  });

describe("AWS's header-auth examples", () => {
  it("GET Object with a Range header", () => {
    const result = authenticate(getObject(), options);
    expect(result?.accessKeyId).toBe("AKIAIOSFODNN7EXAMPLE");
    expect(result?.payload).toEqual({ kind: "signed", sha256Hex: EMPTY_SHA256 });
  });

  it("GET Object fails when the signed Range header changes", () => {
    const request = getObject();
    expect(
      errorCode(() => authenticate({ ...request, headers: { ...request.headers, range: "bytes=0-10" } }, options)),
    ).toBe("SignatureDoesNotMatch");
  });

  it("GET Object fails when one character of the signature changes", () => {
    const request = getObject();
    const authorization = String(request.headers.authorization).replace(/41$/, "42");
    expect(errorCode(() => authenticate({ ...request, headers: { ...request.headers, authorization } }, options))).toBe(
      "SignatureDoesNotMatch",
    );
  });

  it("PUT Object with a Date header, a storage class and a '$' in the key", () => {
    const request: SigV4Request = {
      method: "PUT",
      rawPath: "/test$file.text",
      rawQuery: "",
      headers: {
        host: HOST,
        date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
        authorization: headerAuth(
          "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
          "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        ),
      },
    };
    expect(authenticate(request, options)?.payload.kind).toBe("signed");
    // The same key sent with `$` escaped is the same canonical path.
    expect(authenticate({ ...request, rawPath: "/test%24file.text" }, options)?.accessKeyId).toBe(
      "AKIAIOSFODNN7EXAMPLE",
    );
    expect(errorCode(() => authenticate({ ...request, rawPath: "/test%25file.text" }, options))).toBe(
      "SignatureDoesNotMatch",
    );
  });

  it("GET Bucket Lifecycle (a query parameter without a value)", () => {
    const signature = "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543";
    expect(authenticate(getRequest("/", "lifecycle", signature), options)).not.toBeNull();
    expect(authenticate(getRequest("/", "lifecycle=", signature), options)).not.toBeNull();
    expect(errorCode(() => authenticate(getRequest("/", "policy", signature), options))).toBe("SignatureDoesNotMatch");
  });

  it("Get Bucket (List Objects): parameters sorted whatever their order on the wire", () => {
    const signature = "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7";
    expect(authenticate(getRequest("/", "max-keys=2&prefix=J", signature), options)).not.toBeNull();
    expect(authenticate(getRequest("/", "prefix=J&max-keys=2", signature), options)).not.toBeNull();
    expect(authenticate(getRequest("/", "prefix=%4a&max-keys=2", signature), options)).not.toBeNull();
    expect(errorCode(() => authenticate(getRequest("/", "prefix=K&max-keys=2", signature), options))).toBe(
      "SignatureDoesNotMatch",
    );
  });
});

describe("AWS's presigned URL example", () => {
  const rawQuery = [
    "X-Amz-Algorithm=AWS4-HMAC-SHA256",
    "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request",
    "X-Amz-Date=20130524T000000Z",
    "X-Amz-Expires=86400",
    "X-Amz-SignedHeaders=host",
    "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
  ].join("&");
  const request: SigV4Request = { method: "GET", rawPath: "/test.txt", rawQuery, headers: { host: HOST } };

  it("verifies, with UNSIGNED-PAYLOAD as the payload", () => {
    const result = authenticate(request, options);
    expect(result?.via).toBe("query");
    expect(result?.payload).toEqual({ kind: "UNSIGNED-PAYLOAD" });
  });

  it("is still good one second before it expires, and expired one second after", () => {
    const at = (seconds: number) => ({ ...options, now: new Date(EXAMPLE_DATE.getTime() + seconds * 1000) });
    expect(authenticate(request, at(86_400))).not.toBeNull();
    expect(() => authenticate(request, at(86_401))).toThrow("Request has expired");
    expect(errorCode(() => authenticate(request, at(86_401)))).toBe("AccessDenied");
  });

  it("fails for another path", () => {
    expect(errorCode(() => authenticate({ ...request, rawPath: "/test.txt2" }, options))).toBe("SignatureDoesNotMatch");
  });
});

describe("AWS's aws-chunked example (PUT Object of 66560 bytes in 64 KiB chunks)", () => {
  const seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  const chunkSignatures = [
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
  ];
  const request: SigV4Request = {
    method: "PUT",
    rawPath: "/examplebucket/chunkObject.txt",
    rawQuery: "",
    headers: {
      host: "s3.amazonaws.com",
      "x-amz-date": "20130524T000000Z",
      "x-amz-storage-class": "REDUCED_REDUNDANCY",
      "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": "66560",
      "content-length": "66824",
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=${seed}`,
    },
  };
  const body = Buffer.concat([
    Buffer.from(`10000;chunk-signature=${chunkSignatures[0]}\r\n`),
    Buffer.alloc(65536, "a"),
    Buffer.from(`\r\n400;chunk-signature=${chunkSignatures[1]}\r\n`),
    Buffer.alloc(1024, "a"),
    Buffer.from(`\r\n0;chunk-signature=${chunkSignatures[2]}\r\n\r\n`),
  ]);

  function decode(raw: Buffer, pieceBytes?: number): Promise<Buffer> {
    const auth = authenticate(request, options);
    if (!auth) throw new Error("expected a signed request");
    return pipeThrough(raw, createPayloadReader(auth), pieceBytes);
  }

  it("verifies the seed signature and reports the streaming mode", () => {
    expect(body.length).toBe(66824);
    expect(authenticate(request, options)?.payload).toEqual({ kind: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" });
  });

  it("decodes the 66560 bytes, verifying every chunk signature", async () => {
    const decoded = await decode(body);
    expect(decoded.equals(Buffer.alloc(66560, "a"))).toBe(true);
  });

  it("decodes it fed one byte at a time", async () => {
    expect((await decode(body, 1)).equals(Buffer.alloc(66560, "a"))).toBe(true);
  });

  it("fails when one byte of data is flipped, in either chunk", async () => {
    for (const offset of [88 + 100, body.length - 86 - 2 - 1]) {
      const tampered = Buffer.from(body);
      tampered[offset] = "b".charCodeAt(0);
      await expect(decode(tampered)).rejects.toMatchObject({ code: "SignatureDoesNotMatch" });
    }
  });

  it("fails when one character of any chunk signature is changed", async () => {
    for (const signature of chunkSignatures) {
      const forged = signature.slice(0, 10) + (signature[10] === "0" ? "1" : "0") + signature.slice(11);
      const tampered = Buffer.from(body.toString("latin1").replace(signature, forged), "latin1");
      await expect(decode(tampered)).rejects.toMatchObject({ code: "SignatureDoesNotMatch" });
    }
  });

  it("fails when the final chunk is missing", async () => {
    await expect(decode(body.subarray(0, body.length - 86))).rejects.toMatchObject({ code: "IncompleteBody" });
  });
});
