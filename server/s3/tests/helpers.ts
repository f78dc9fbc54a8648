import crypto from "node:crypto";
import { CreateBucketCommand, S3ServiceException, type S3Client } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, expect } from "vitest";
import { startS3TestEngine, type S3TestEngine } from "../../testing/s3-engine";

/** Shared helpers of the S3 integration tests: names, bodies, errors, raw signed requests. */

let bucketCounter = 0;

/** A fresh bucket name per test (one bucket per test, as Garage's tests do). */
export function uniqueBucketName(prefix = "t"): string {
  bucketCounter += 1;
  return `${prefix}-${process.pid}-${bucketCounter}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function newBucket(client: S3Client, prefix?: string): Promise<string> {
  const name = uniqueBucketName(prefix);
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

/** Deterministic bytes (AES-CTR keystream), so a body can be regenerated instead of kept. */
export function seededBytes(sizeBytes: number, seed: string): Buffer {
  const key = crypto.createHash("sha256").update(seed).digest();
  const cipher = crypto.createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(sizeBytes)), cipher.final()]);
}

export function md5Hex(data: Buffer): string {
  return crypto.createHash("md5").update(data).digest("hex");
}

export function md5Base64(data: Buffer): string {
  return crypto.createHash("md5").update(data).digest("base64");
}

export async function bodyBytes(body: { transformToByteArray(): Promise<Uint8Array> } | undefined): Promise<Buffer> {
  if (!body) throw new Error("response has no body");
  return Buffer.from(await body.transformToByteArray());
}

/** Awaits a call that must fail with this S3 error code (and status, when given). */
export async function expectS3Error(
  call: Promise<unknown>,
  code: string,
  status?: number,
): Promise<S3ServiceException> {
  let caught: unknown = null;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(S3ServiceException);
  const error = caught as S3ServiceException;
  expect(error.name, error.message).toBe(code);
  if (status !== undefined) expect(error.$metadata.httpStatusCode).toBe(status);
  return error;
}

/** Awaits a call that must fail with this status: HEAD and 304 answers have no body, so the SDK cannot name their code. */
export async function expectStatus(call: Promise<unknown>, status: number): Promise<void> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome, `expected HTTP ${status}`).toBeInstanceOf(S3ServiceException);
  expect((outcome as S3ServiceException).$metadata.httpStatusCode).toBe(status);
}

/** Reads one element of an S3 XML error (or result) body. */
export function xmlElement(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body)?.[1];
}

/** Every S3 error body has these four elements. */
export function expectErrorXml(body: string, code: string): void {
  expect(body).toMatch(/^<\?xml/);
  expect(xmlElement(body, "Code")).toBe(code);
  expect(xmlElement(body, "Message")?.length).toBeGreaterThan(0);
  expect(xmlElement(body, "Resource")).toBeDefined();
  expect(xmlElement(body, "RequestId")?.length).toBeGreaterThan(0);
}

/** node:crypto SHA-256 in the shape @smithy/signature-v4 plugs in. */
class NodeSha256 {
  private readonly hash: crypto.Hash | crypto.Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", toBuffer(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error("not used by the signer");
  }
}

function toBuffer(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export interface RawRequest {
  method: string;
  /** Already percent-encoded, as on the wire. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The x-amz-content-sha256 to sign; defaults to the body's SHA-256. */
  payloadHash?: string;
}

export interface RawCredentials {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRaw {
  url: string;
  headers: Record<string, string>;
  seedSignature: string;
  amzDate: string;
  /** date/region/s3/aws4_request, as chunk signatures need it. */
  scope: string;
}

/** Signs a request with the SDK's own signer, for what the client itself cannot send. */
export async function signRaw(credentials: RawCredentials, request: RawRequest): Promise<SignedRaw> {
  const url = new URL(credentials.endpoint);
  const signer = new SignatureV4({
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region: credentials.region,
    service: "s3",
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: request.path,
    query: request.query ?? {},
    headers: {
      host: url.host,
      "x-amz-content-sha256":
        request.payloadHash ??
        crypto
          .createHash("sha256")
          .update(request.body ?? Buffer.alloc(0))
          .digest("hex"),
      ...request.headers,
    },
  });
  const query = new URLSearchParams(request.query ?? {}).toString();
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== "host"));
  const amzDate = signed.headers["x-amz-date"] ?? "";
  return {
    url: `${credentials.endpoint}${request.path}${query ? `?${query}` : ""}`,
    headers,
    seedSignature: /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? "")?.[1] ?? "",
    amzDate,
    scope: `${amzDate.slice(0, 8)}/${credentials.region}/s3/aws4_request`,
  };
}

export async function signedFetch(credentials: RawCredentials, request: RawRequest): Promise<Response> {
  const signed = await signRaw(credentials, request);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return fetch(signed.url, {
    method: request.method,
    headers: signed.headers,
    // A plain Uint8Array: the DOM's BodyInit (tests outside server/ are checked with it) does not take a Buffer.
    body: hasBody ? new Uint8Array(request.body ?? Buffer.alloc(0)) : undefined,
  });
}

/**
 * One real engine for a whole test file, started before its tests and stopped
 * after them; the returned value reads through to it once started.
 */
export function sharedS3TestEngine(env: Record<string, string> = {}): S3TestEngine {
  let started: S3TestEngine | null = null;
  beforeAll(async () => {
    started = await startS3TestEngine(env);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as S3TestEngine, {
    get: (_target, property) => {
      if (!started) throw new Error("the test engine is used before beforeAll started it");
      return Reflect.get(started, property);
    },
  });
}
