import crypto from "node:crypto";
import { rfc3986 } from "../../server/s3/sigv4/testing";

/**
 * A SigV4 signer written for the authentication matrix, apart from the server's
 * verifier and free of the SDK's guards, so it can sign what a client should not
 * send: a foreign region or service, a skewed clock, a presigned URL living past
 * seven days, a request whose Host is not signed.
 */

export interface SignSpec {
  method: string;
  /** Already percent-encoded, as on the wire (and as S3 signs it). */
  path: string;
  query?: Record<string, string>;
  /** Headers to send and sign (host is added). */
  headers?: Record<string, string>;
  body?: Buffer;
  host: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
  date: Date;
  /** The credential's date, when it should differ from the request's. */
  scopeDate?: string;
  form: "header" | "query";
  expiresSeconds?: number;
  /** Sent but left out of SignedHeaders. */
  unsigned?: string[];
}

export interface SignedRequest {
  /** Path and query, as on the wire. */
  target: string;
  headers: Array<[string, string]>;
}

const sha256Hex = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => crypto.createHmac("sha256", key).update(data).digest();

function amzDateOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function canonicalQuery(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

export function signSigV4(spec: SignSpec): SignedRequest {
  const service = spec.service ?? "s3";
  const amzDate = amzDateOf(spec.date);
  const scope = `${spec.scopeDate ?? amzDate.slice(0, 8)}/${spec.region}/${service}/aws4_request`;
  const payloadHash = spec.form === "query" ? "UNSIGNED-PAYLOAD" : sha256Hex(spec.body ?? Buffer.alloc(0));
  const headers: Record<string, string> = { host: spec.host, ...lowerCase(spec.headers ?? {}) };
  if (spec.form === "header") {
    headers["x-amz-date"] = amzDate;
    headers["x-amz-content-sha256"] = payloadHash;
  }
  const unsigned = new Set(spec.unsigned ?? []);
  const signedNames = Object.keys(headers)
    .filter((name) => !unsigned.has(name))
    .sort();
  const query = { ...(spec.query ?? {}) };
  if (spec.form === "query") {
    Object.assign(query, {
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": `${spec.accessKeyId}/${scope}`,
      "X-Amz-Date": amzDate,
      "X-Amz-Expires": String(spec.expiresSeconds ?? 300),
      "X-Amz-SignedHeaders": signedNames.join(";"),
    });
  }
  const canonical = [
    spec.method,
    spec.path,
    canonicalQuery(query),
    signedNames.map((name) => `${name}:${headers[name].trim().replace(/\s+/g, " ")}\n`).join(""),
    signedNames.join(";"),
    payloadHash,
  ].join("\n");
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const [day, region] = scope.split("/");
  const key = hmac(hmac(hmac(hmac(`AWS4${spec.secretAccessKey}`, day), region), service), "aws4_request");
  const signature = crypto.createHmac("sha256", key).update(toSign).digest("hex");
  if (spec.form === "query") query["X-Amz-Signature"] = signature;
  else
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${spec.accessKeyId}/${scope}, SignedHeaders=${signedNames.join(";")}, Signature=${signature}`;
  const search = canonicalQuery(query);
  return {
    target: `${spec.path}${search ? `?${search}` : ""}`,
    headers: Object.entries(headers).map(([name, value]) => [name === "host" ? "Host" : name, value]),
  };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
