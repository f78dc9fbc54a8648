import crypto from "node:crypto";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../../server/s3/routes";
import { startS3TestEngine, type S3TestEngine } from "../../server/testing/s3-engine";
import { limits } from "../../server/util/limits";
import { rawExchange, requestHead } from "../bad-input/raw-http";
import { errorCodeOf } from "../bad-input/tally";
import { coveredElsewhere, type Template, type UnsignedRequest, writeTemplates } from "./s3-write-templates";
import { type SignedRequest, type SignSpec, signSigV4 } from "./sigv4-signer";

/**
 * The SigV4 authentication matrix: every S3 write operation (read from the route
 * table, so a new one must be added here), in header and presigned form, against
 * every way a signature can be wrong. Each case is prepared afresh, sent, must be
 * refused with its documented code, and must have had no effect; the same request
 * correctly signed is then accepted and takes effect (so the refusals prove
 * something). Figure: wrong accepts (0 of N), and no secret in any response or log.
 */

let engine: S3TestEngine;
let host: string;
let region: string;
type Credentials = { accessKeyId: string; secretAccessKey: string };
const keys: Record<"owner" | "stranger" | "deleted" | "expired", Credentials> = {
  owner: { accessKeyId: "", secretAccessKey: "" },
  stranger: { accessKeyId: "", secretAccessKey: "" },
  deleted: { accessKeyId: "", secretAccessKey: "" },
  expired: { accessKeyId: "", secretAccessKey: "" },
};
let bucket: string;
const logged: string[] = [];
/** Every response body the matrix received, to look for secrets in. */
const answered: string[] = [];

async function admin(operation: string, body: unknown, query: Record<string, string> = {}): Promise<void> {
  const url = new URL(`/v2/${operation}`, engine.running.adminUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${engine.running.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  for (const method of ["log", "error", "warn", "info"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  engine = await startS3TestEngine();
  host = new URL(engine.running.s3Url).host;
  region = engine.running.config.s3.region;
  keys.owner = { accessKeyId: engine.accessKeyId, secretAccessKey: engine.secretAccessKey };
  keys.stranger = await engine.newKey("stranger", false);
  keys.deleted = await engine.newKey("deleted");
  keys.expired = await engine.newKey("expired");
  await admin("DeleteKey", {}, { id: keys.deleted.accessKeyId });
  await admin("UpdateKey", { expiration: new Date(Date.now() - 1000).toISOString() }, { id: keys.expired.accessKeyId });
  bucket = `matrix-${crypto.randomBytes(4).toString("hex")}`;
  await engine.client.send(new CreateBucketCommand({ Bucket: bucket }));
});
afterAll(async () => {
  await engine?.stop();
  vi.restoreAllMocks();
});

type Form = "header" | "query";

interface Variant {
  name: string;
  forms: Form[];
  /** The codes that are a correct refusal. */
  codes: string[];
  key?: keyof typeof keys;
  change?: (spec: SignSpec) => SignSpec;
  edit?: (signed: SignedRequest) => SignedRequest;
  /** No signature at all. */
  anonymous?: boolean;
}

const minutes = (count: number) => new Date(Date.now() + count * 60_000);
const addHeader = (name: string, value: string) => (signed: SignedRequest) => ({
  ...signed,
  headers: [...signed.headers, [name, value] as [string, string]],
});

const variants: Variant[] = [
  {
    name: "wrong secret",
    forms: ["header", "query"],
    codes: ["SignatureDoesNotMatch"],
    change: (spec) => ({ ...spec, secretAccessKey: `${spec.secretAccessKey}x` }),
  },
  {
    name: "unknown key",
    forms: ["header", "query"],
    codes: ["InvalidAccessKeyId"],
    change: (spec) => ({ ...spec, accessKeyId: "GK0123456789abcdef01234567" }),
  },
  { name: "deleted key", forms: ["header", "query"], codes: ["InvalidAccessKeyId"], key: "deleted" },
  { name: "expired key", forms: ["header", "query"], codes: ["InvalidAccessKeyId", "ExpiredToken"], key: "expired" },
  { name: "key without permission", forms: ["header", "query"], codes: ["AccessDenied"], key: "stranger" },
  { name: "anonymous", forms: ["header"], codes: ["AccessDenied"], anonymous: true },
  {
    name: "wrong region",
    forms: ["header", "query"],
    codes: ["AuthorizationHeaderMalformed", "AuthorizationQueryParametersError"],
    change: (spec) => ({ ...spec, region: "eu-west-9" }),
  },
  {
    name: "wrong service",
    forms: ["header", "query"],
    codes: ["AuthorizationHeaderMalformed", "AuthorizationQueryParametersError", "SignatureDoesNotMatch"],
    change: (spec) => ({ ...spec, service: "iam" }),
  },
  {
    name: "wrong scope date",
    forms: ["header", "query"],
    codes: ["AuthorizationHeaderMalformed", "AuthorizationQueryParametersError", "SignatureDoesNotMatch"],
    change: (spec) => ({ ...spec, scopeDate: "20200101" }),
  },
  {
    name: "Host not signed",
    forms: ["header", "query"],
    codes: ["AuthorizationHeaderMalformed", "AuthorizationQueryParametersError"],
    change: (spec) => ({ ...spec, unsigned: ["host"] }),
  },
  {
    name: "x-amz header not signed",
    forms: ["header", "query"],
    codes: ["AccessDenied"],
    edit: addHeader("x-amz-meta-injected", "yes"),
  },
  {
    name: "x-amz-date not signed",
    forms: ["header"],
    codes: ["AccessDenied", "SignatureDoesNotMatch"],
    change: (spec) => ({ ...spec, unsigned: ["x-amz-date"] }),
  },
  {
    name: "SignedHeaders edited",
    forms: ["header", "query"],
    codes: ["SignatureDoesNotMatch", "AccessDenied"],
    edit: (signed) => ({
      target: signed.target.replace(/X-Amz-SignedHeaders=host/, "X-Amz-SignedHeaders=content-type%3Bhost"),
      headers: signed.headers.map(
        ([name, value]) =>
          [
            name,
            name === "authorization" ? value.replace("SignedHeaders=host;", "SignedHeaders=host;content-type;") : value,
          ] as [string, string],
      ),
    }),
  },
  {
    name: "path changed after signing",
    forms: ["header", "query"],
    codes: ["SignatureDoesNotMatch", "NoSuchBucket", "AccessDenied"],
    edit: (signed) => ({ ...signed, target: signed.target.replace(/^\/[^/?]+/, (first) => `${first}x`) }),
  },
  {
    name: "query changed after signing",
    forms: ["header", "query"],
    codes: ["SignatureDoesNotMatch"],
    edit: (signed) => ({ ...signed, target: `${signed.target}${signed.target.includes("?") ? "&" : "?"}x-id=evil` }),
  },
  {
    name: "clock 16 minutes ahead",
    forms: ["header"],
    codes: ["RequestTimeTooSkewed"],
    change: (spec) => ({ ...spec, date: minutes(16) }),
  },
  {
    name: "clock 16 minutes behind",
    forms: ["header"],
    codes: ["RequestTimeTooSkewed"],
    change: (spec) => ({ ...spec, date: minutes(-16) }),
  },
  {
    name: "Authorization twice",
    forms: ["header"],
    codes: ["AuthorizationHeaderMalformed"],
    edit: (signed) => ({
      ...signed,
      headers: [...signed.headers, ...signed.headers.filter(([name]) => name === "authorization")],
    }),
  },
  {
    name: "header and query auth together",
    forms: ["query"],
    codes: ["InvalidArgument"],
    edit: addHeader(
      "authorization",
      "AWS4-HMAC-SHA256 Credential=x/20200101/garage/s3/aws4_request, SignedHeaders=host, Signature=00",
    ),
  },
  {
    name: "presigned URL expired",
    forms: ["query"],
    codes: ["AccessDenied"],
    change: (spec) => ({ ...spec, date: minutes(-10), expiresSeconds: 60 }),
  },
  {
    name: "presigned URL over 7 days",
    forms: ["query"],
    codes: ["AccessDenied"],
    change: (spec) => ({ ...spec, expiresSeconds: limits.maxPresignExpiresSeconds + 1 }),
  },
  {
    name: "presigned URL dated in the future",
    forms: ["query"],
    codes: ["AccessDenied", "RequestTimeTooSkewed"],
    change: (spec) => ({ ...spec, date: minutes(20), expiresSeconds: 3600 }),
  },
  {
    name: "X-Amz-Signature twice",
    forms: ["query"],
    codes: ["AuthorizationQueryParametersError"],
    edit: (signed) => ({ ...signed, target: `${signed.target}&X-Amz-Signature=${"0".repeat(64)}` }),
  },
];

async function send(signed: SignedRequest, method: string, body: Buffer | undefined) {
  const headers: Array<[string, string]> = [...signed.headers, ["Content-Length", String(body?.length ?? 0)]];
  const exchange = await rawExchange(engine.running.s3Url, requestHead(method, signed.target, headers), {
    body,
    untilResponses: 1,
  });
  const first = exchange.responses[0];
  if (first) answered.push(`${JSON.stringify(first.headers)} ${first.body.toString("utf8")}`);
  return first ? { status: first.status, body: first.body.toString("utf8") } : null;
}

function signFor(request: UnsignedRequest, form: Form, key: Credentials): SignSpec {
  return { ...request, host, region, date: new Date(), form, ...key };
}

describe("SigV4 authentication matrix", () => {
  it("refuses every wrong signature on every write operation, in both forms, with no effect", async () => {
    const writeOperations = routes
      .filter((route) => ["PUT", "POST", "DELETE"].includes(route.method))
      .map((route) => route.operation);
    const templates: Record<string, Template> = writeTemplates(engine.client, bucket);
    const missing = writeOperations.filter((operation) => !templates[operation] && !coveredElsewhere[operation]);
    expect(missing, `add a template to tests/auth/s3-write-templates.ts for: ${missing.join(", ")}`).toEqual([]);

    let total = 0;
    const wrongAccepts: string[] = [];
    const wrongCodes: string[] = [];
    for (const operation of writeOperations.filter((name) => templates[name])) {
      // A refused request changes nothing, so one prepared target serves every variant of the operation.
      const { request, tookEffect } = await templates[operation].prepare();
      for (const variant of variants) {
        for (const form of variant.forms) {
          const spec = signFor(request, form, keys[variant.key ?? "owner"]);
          const changed = variant.change ? variant.change(spec) : spec;
          let signed = signSigV4(changed);
          if (variant.anonymous)
            signed = {
              target: signed.target.replace(/[?&]X-Amz-.*$/, ""),
              headers: signed.headers.filter(
                ([name]) => !/^(authorization|x-amz-date|x-amz-content-sha256)$/.test(name),
              ),
            };
          if (variant.edit) signed = variant.edit(signed);
          const answer = await send(signed, request.method, request.body);
          total += 1;
          const label = `${operation} ${form} ${variant.name}`;
          if (answer === null || answer.status < 400 || (await tookEffect()))
            wrongAccepts.push(`${label}: ${answer?.status ?? "no answer"}`);
          else if (!variant.codes.includes(errorCodeOf(answer.body) ?? ""))
            wrongCodes.push(`${label}: ${answer.status} ${errorCodeOf(answer.body)}`);
        }
      }
      // The controls: signed right, the same requests are accepted and take effect.
      for (const form of ["header", "query"] as const) {
        const { request, tookEffect } = await templates[operation].prepare();
        const answer = await send(signSigV4(signFor(request, form, keys.owner)), request.method, request.body);
        expect(answer?.status, `${operation} ${form} control: ${answer?.body}`).toBeLessThan(300);
        expect(await tookEffect(), `${operation} ${form} control took effect`).toBe(true);
      }
    }
    process.stdout.write(
      `authentication (SigV4 matrix): ${wrongAccepts.length} wrong accepts of ${total}; ${wrongCodes.length} refused with an undocumented code\n`,
    );
    expect(wrongAccepts).toEqual([]);
    expect(wrongCodes).toEqual([]);
    const secrets = Object.values(keys).map((key) => key.secretAccessKey);
    const leaks = [...logged, ...answered].filter(
      (text) => secrets.some((secret) => text.includes(secret)) || text.includes(engine.running.adminToken),
    );
    process.stdout.write(
      `authentication (SigV4 matrix): ${leaks.length} secrets in ${answered.length} responses and ${logged.length} log lines\n`,
    );
    expect(leaks).toEqual([]);
  });
});
