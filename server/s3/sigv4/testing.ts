/**
 * Test helpers: requests signed by @smithy/signature-v4 (the SDK's own signer)
 * as our server would receive them, and aws-chunked bodies built by hand with a
 * signer written independently of the code under test.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { Readable } from "node:stream";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SigV4Request } from "./authenticate";

export const EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
export const EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
export const EXAMPLE_DATE = new Date("2013-05-24T00:00:00Z");
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const lookupExampleSecret = (id: string): string | null => (id === EXAMPLE_KEY_ID ? EXAMPLE_SECRET : null);

/** The hash the SDK plugs into its signer, on node:crypto (no @aws-crypto package is installed). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error("not needed by the signer");
  }
}

function toBuffer(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** RFC 3986 encoding written apart from encoding.ts, as the SDK encodes keys and query values. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path the S3 SDK puts on the wire for a key: each segment encoded, slashes kept. */
export function sdkPath(bucket: string, key: string): string {
  return `/${bucket}/${key.split("/").map(rfc3986).join("/")}`;
}

export interface SignInput {
  method?: string;
  host?: string;
  /** Already encoded, as on the wire. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  payloadHash?: string;
  region?: string;
  secret?: string;
  keyId?: string;
  date: Date;
}

function signer(input: SignInput): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: input.keyId ?? EXAMPLE_KEY_ID, secretAccessKey: input.secret ?? EXAMPLE_SECRET },
    region: input.region ?? "us-east-1",
    service: "s3",
    sha256: NodeSha256,
    // S3 signs the path as sent, encoded once by the SDK: exactly the S3 client's settings.
    uriEscapePath: false,
    applyChecksum: false,
  });
}

function smithyRequest(input: SignInput) {
  return {
    method: input.method ?? "GET",
    protocol: "http:",
    hostname: input.host ?? "localhost",
    path: input.path,
    query: input.query ?? {},
    headers: {
      host: input.host ?? "localhost",
      "x-amz-content-sha256": input.payloadHash ?? EMPTY_SHA256,
      ...input.headers,
    },
  };
}

/** The query string as the SDK's HTTP handler writes it. */
export function wireQuery(query: Record<string, string | string[] | null>): string {
  return Object.entries(query)
    .flatMap(([name, value]) =>
      value === null ? [rfc3986(name)] : [value].flat().map((item) => `${rfc3986(name)}=${rfc3986(item)}`),
    )
    .join("&");
}

function asReceived(signed: {
  method: string;
  path: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: signed.method, rawPath: signed.path, rawQuery: wireQuery(signed.query), headers };
}

/** A request signed in the Authorization header by the SDK's signer. */
export async function signRequest(input: SignInput): Promise<SigV4Request> {
  const signed = await signer(input).sign(smithyRequest(input), { signingDate: input.date });
  return asReceived({ ...signed, query: signed.query ?? {} });
}

/** A presigned request, as @aws-sdk/s3-request-presigner makes them (UNSIGNED-PAYLOAD hoisted). */
export async function presignRequest(input: SignInput & { expiresSeconds: number }): Promise<SigV4Request> {
  const request = smithyRequest({ ...input, payloadHash: input.payloadHash ?? "UNSIGNED-PAYLOAD" });
  const signed = await signer(input).presign(request, { signingDate: input.date, expiresIn: input.expiresSeconds });
  return asReceived({ ...signed, query: signed.query ?? {} });
}

/** The signing key, derived here independently of crypto.ts. */
export function exampleSigningKey(date: string, region = "us-east-1", secret = EXAMPLE_SECRET): Buffer {
  const step = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
  return step(step(step(step(`AWS4${secret}`, date), region), "s3"), "aws4_request");
}

export interface ChunkedBodyInput {
  chunks: Buffer[];
  /** Omit for STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  signing?: { key: Buffer; seedSignature: string; amzDate: string; scope: string };
  /** Trailer lines after the last chunk; undefined means no trailer section (plain signed streaming). */
  trailers?: Array<[string, string]>;
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** An aws-chunked body built by hand, following AWS's description of the format. */
export function buildChunkedBody(input: ChunkedBodyInput): Buffer {
  const { signing } = input;
  let previous = signing?.seedSignature ?? "";
  const parts: Buffer[] = [];
  for (const data of [...input.chunks, Buffer.alloc(0)]) {
    let header = data.length.toString(16);
    if (signing) {
      const toSign = [
        "AWS4-HMAC-SHA256-PAYLOAD",
        signing.amzDate,
        signing.scope,
        previous,
        EMPTY_SHA256,
        sha256(data),
      ].join("\n");
      previous = createHmac("sha256", signing.key).update(toSign).digest("hex");
      header += `;chunk-signature=${previous}`;
    }
    parts.push(Buffer.from(`${header}\r\n`), data);
    if (data.length > 0) parts.push(Buffer.from("\r\n"));
  }
  if (input.trailers === undefined) {
    parts.push(Buffer.from("\r\n"));
    return Buffer.concat(parts);
  }
  for (const [name, value] of input.trailers) parts.push(Buffer.from(`${name}:${value}\r\n`));
  if (signing) {
    const lines = input.trailers.map(([name, value]) => `${name}:${value}\n`).join("");
    const toSign = ["AWS4-HMAC-SHA256-TRAILER", signing.amzDate, signing.scope, previous, sha256(lines)].join("\n");
    parts.push(
      Buffer.from(`x-amz-trailer-signature:${createHmac("sha256", signing.key).update(toSign).digest("hex")}\r\n`),
    );
  }
  parts.push(Buffer.from("\r\n"));
  return Buffer.concat(parts);
}

/** Streams `body` through `transform` in pieces of `pieceBytes`, collecting the output. */
export async function pipeThrough(
  body: Buffer,
  transform: NodeJS.ReadWriteStream,
  pieceBytes = 1 << 16,
): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += pieceBytes)
    pieces.push(body.subarray(offset, offset + pieceBytes));
  const output: Buffer[] = [];
  const source = Readable.from(pieces, { objectMode: false });
  const piped = source.pipe(transform);
  for await (const chunk of piped) output.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(output);
}
