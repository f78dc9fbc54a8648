import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import { authenticate, type SigV4Options, type SigV4Request } from "./authenticate";
import { EMPTY_SHA256, lookupExampleSecret, presignRequest, sdkPath, signRequest } from "./testing";

/**
 * Property-based fuzzing of the SigV4 verifier. A request signed by the SDK's own
 * signer (header or presigned form, any key, query and signed headers), changed in
 * any way the signature covers, is refused with an S3Error, never accepted; and
 * arbitrary Authorization headers and X-Amz-* query parameters get an S3Error or
 * "anonymous", never another exception.
 */

const runs = Number(process.env.CARPORT_FUZZ_RUNS ?? 150);
const NOW = new Date("2026-03-01T12:00:00Z");
const options: SigV4Options = { region: "us-east-1", now: NOW, lookupSecret: lookupExampleSecret };

type Outcome = "accepted" | "anonymous" | "refused" | `crashed: ${string}`;

function outcomeOf(request: SigV4Request): Outcome {
  try {
    return authenticate(request, options) === null ? "anonymous" : "accepted";
  } catch (error) {
    return error instanceof S3Error ? "refused" : `crashed: ${String(error)}`;
  }
}

const keyText = fc
  .string({ minLength: 1, maxLength: 24 })
  .filter((key) => key.isWellFormed() && !key.includes("\u0000"));
const queryValue = fc.string({ maxLength: 12 }).filter((value) => value.isWellFormed());
const requestShape = fc.record({
  presigned: fc.boolean(),
  method: fc.constantFrom("GET", "PUT", "POST", "DELETE", "HEAD"),
  key: keyText,
  query: fc.dictionary(fc.constantFrom("uploadId", "partNumber", "prefix", "delete", "list-type", "x-id"), queryValue, {
    maxKeys: 3,
  }),
  contentType: fc.option(fc.constantFrom("text/plain", "application/xml", "a  b"), { nil: undefined }),
  amzMeta: fc.option(
    fc.string({ minLength: 1, maxLength: 10 }).filter((value) => /^[\x21-\x7e]+$/.test(value)),
    {
      nil: undefined,
    },
  ),
});

type Shape = typeof requestShape extends fc.Arbitrary<infer T> ? T : never;

async function signed(shape: Shape): Promise<SigV4Request> {
  const headers: Record<string, string> = {};
  if (shape.contentType !== undefined) headers["content-type"] = shape.contentType;
  if (shape.amzMeta !== undefined) headers["x-amz-meta-fuzz"] = shape.amzMeta;
  const input = { method: shape.method, path: sdkPath("bucket", shape.key), query: shape.query, headers, date: NOW };
  return shape.presigned ? presignRequest({ ...input, expiresSeconds: 600 }) : signRequest(input);
}

/** Changes the signature covers; each must make the request fail. */
const tampering = fc.oneof(
  fc.record({ kind: fc.constant("method" as const) }),
  fc.record({ kind: fc.constant("path" as const), suffix: fc.constantFrom("x", "/", "%20", "A") }),
  fc.record({ kind: fc.constant("add query" as const), name: fc.constantFrom("acl", "tagging", "versionId", "zz") }),
  fc.record({ kind: fc.constant("change query" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("drop query" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("change signed header" as const), index: fc.nat() }),
  fc.record({ kind: fc.constant("drop signed header" as const), index: fc.nat() }),
  fc.record({
    kind: fc.constant("add x-amz header" as const),
    name: fc.constantFrom("x-amz-acl", "x-amz-meta-new", "x-amz-copy-source"),
  }),
  fc.record({ kind: fc.constant("signature digit" as const), index: fc.integer({ min: 0, max: 63 }) }),
  fc.record({ kind: fc.constant("credential" as const), part: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("signed headers list" as const) }),
  fc.record({ kind: fc.constant("duplicate authorization" as const) }),
);

type Tampering = typeof tampering extends fc.Arbitrary<infer T> ? T : never;

const authParams = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
];

function queryPairs(rawQuery: string): string[] {
  return rawQuery === "" ? [] : rawQuery.split("&");
}

/** Query pairs the signature covers (not X-Amz-Signature itself). */
function coveredPairs(request: SigV4Request): number[] {
  return queryPairs(request.rawQuery)
    .map((pair, index) => ({ pair, index }))
    .filter(({ pair }) => !pair.startsWith("X-Amz-Signature="))
    .map(({ index }) => index);
}

function signedHeaderNames(request: SigV4Request): string[] {
  const authorization = request.headers.authorization;
  const text =
    typeof authorization === "string"
      ? authorization
      : decodeURIComponent(/X-Amz-SignedHeaders=([^&]*)/.exec(request.rawQuery)?.[1] ?? "");
  return /SignedHeaders=([^,]*)/.exec(text)?.[1]?.split(";") ?? text.split(";");
}

function tamper(request: SigV4Request, change: Tampering): SigV4Request | null {
  const headers: Record<string, string | readonly string[] | undefined> = { ...request.headers };
  const pairs = queryPairs(request.rawQuery);
  const withQuery = (next: string[]) => ({ ...request, headers, rawQuery: next.join("&") });
  const presigned = typeof headers.authorization !== "string";
  switch (change.kind) {
    case "method":
      return { ...request, method: request.method === "GET" ? "PUT" : "GET" };
    case "path":
      return { ...request, rawPath: `${request.rawPath}${change.suffix}` };
    case "add query":
      return withQuery([...pairs, `${change.name}=1`]);
    case "change query": {
      const covered = coveredPairs(request);
      if (covered.length === 0) return null;
      const index = covered[change.index % covered.length];
      return withQuery(pairs.map((pair, at) => (at === index ? `${pair}0` : pair)));
    }
    case "drop query": {
      const covered = coveredPairs(request);
      if (covered.length === 0) return null;
      const index = covered[change.index % covered.length];
      return withQuery(pairs.filter((_, at) => at !== index));
    }
    case "change signed header":
    case "drop signed header": {
      const names = signedHeaderNames(request).filter((name) => headers[name] !== undefined);
      if (names.length === 0) return null;
      const name = names[change.index % names.length];
      if (change.kind === "drop signed header") delete headers[name];
      else headers[name] = `${String(headers[name])}x`;
      return { ...request, headers };
    }
    case "add x-amz header":
      headers[change.name] = "injected";
      return { ...request, headers };
    case "signature digit": {
      const flip = (hex: string) =>
        hex.replace(new RegExp(`(?<=^.{${change.index}})[0-9a-f]`), (digit) => (digit === "0" ? "1" : "0"));
      if (!presigned) {
        headers.authorization = String(headers.authorization).replace(
          /Signature=([0-9a-f]{64})/,
          (_, hex: string) => `Signature=${flip(hex)}`,
        );
        return { ...request, headers };
      }
      return withQuery(
        pairs.map((pair) => (pair.startsWith("X-Amz-Signature=") ? `X-Amz-Signature=${flip(pair.slice(16))}` : pair)),
      );
    }
    case "credential": {
      const replace = (credential: string) => {
        const parts = credential.split("/");
        parts[change.part] = change.part === 1 ? "20260302" : `${parts[change.part]}x`;
        return parts.join("/");
      };
      if (!presigned) {
        headers.authorization = String(headers.authorization).replace(
          /Credential=([^,]*)/,
          (_, value: string) => `Credential=${replace(value)}`,
        );
        return { ...request, headers };
      }
      return withQuery(
        pairs.map((pair) =>
          pair.startsWith("X-Amz-Credential=")
            ? `X-Amz-Credential=${encodeURIComponent(replace(decodeURIComponent(pair.slice(17))))}`
            : pair,
        ),
      );
    }
    case "signed headers list": {
      if (!presigned) {
        headers.authorization = String(headers.authorization).replace(
          /SignedHeaders=([^,]*)/,
          (_, value: string) => `SignedHeaders=${value.split(";").slice(1).join(";")}`,
        );
        return { ...request, headers };
      }
      return withQuery(pairs.map((pair) => (pair.startsWith("X-Amz-SignedHeaders=") ? `${pair}%3Bx-amz-date` : pair)));
    }
    case "duplicate authorization":
      if (presigned) return withQuery([...pairs, ...pairs.filter((pair) => pair.startsWith("X-Amz-Signature="))]);
      headers.authorization = [String(headers.authorization), String(headers.authorization)];
      return { ...request, headers };
  }
}

describe("SigV4 verifier, fuzzed", () => {
  it("accepts what the SDK signs and refuses every change the signature covers", async () => {
    let total = 0;
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(requestShape, tampering, async (shape, change) => {
        const request = await signed(shape);
        total += 1;
        const original = outcomeOf(request);
        if (original !== "accepted") wrong.push(`untouched ${JSON.stringify(shape)}: ${original}`);
        const tampered = tamper(request, change);
        if (tampered === null) return original === "accepted";
        total += 1;
        const outcome = outcomeOf(tampered);
        if (outcome !== "refused") wrong.push(`${change.kind} on ${JSON.stringify(shape)}: ${outcome}`);
        return original === "accepted" && outcome === "refused";
      }),
      { numRuns: runs },
    );
    console.log(`fuzz (SigV4 tampering): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
  });

  it("answers arbitrary Authorization headers and X-Amz-* queries with an S3Error, never a crash", () => {
    let total = 0;
    const wrong: string[] = [];
    const piece = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "AWS4-HMAC-SHA256",
        "Credential=",
        "SignedHeaders=",
        "Signature=",
        ",",
        " ",
        "/",
        "aws4_request",
        "AKIAIOSFODNN7EXAMPLE",
        "20260301",
        "us-east-1",
        "s3",
        "host;x-amz-date",
        "0".repeat(64),
        "=",
        ";",
        "%",
      ),
    );
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.option(text, { nil: undefined }),
        fc.dictionary(fc.constantFrom(...authParams, "x-id"), text, { maxKeys: 6 }),
        fc.dictionary(
          fc.constantFrom("x-amz-date", "x-amz-content-sha256", "date", "host", "x-amz-security-token"),
          text,
          { maxKeys: 4 },
        ),
        (authorization, query, extraHeaders) => {
          total += 1;
          const headers: Record<string, string> = {
            host: "localhost",
            "x-amz-content-sha256": EMPTY_SHA256,
            ...extraHeaders,
          };
          if (authorization !== undefined) headers.authorization = authorization;
          const rawQuery = Object.entries(query)
            .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
            .join("&");
          const outcome = outcomeOf({ method: "GET", rawPath: "/bucket/key", rawQuery, headers });
          if (outcome === "accepted" || outcome.startsWith("crashed"))
            wrong.push(`${JSON.stringify({ authorization, query, extraHeaders })}: ${outcome}`);
          return outcome === "refused" || outcome === "anonymous";
        },
      ),
      { numRuns: runs * 10 },
    );
    console.log(`fuzz (SigV4 garbage): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
  });
});
