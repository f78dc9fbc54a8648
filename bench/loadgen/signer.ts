import crypto from "node:crypto";

/**
 * SigV4 for the load generator, lean on purpose: the signing key is derived once
 * per day, the canonical request is one template string, and each request costs
 * one SHA-256 and one HMAC (a few µs), so the generator's core stays free for the
 * sockets. signer.test.ts checks every signature against @smithy/signature-v4,
 * the AWS SDK's own signer. Object bodies go out as UNSIGNED-PAYLOAD so the
 * generator does not spend a SHA-256 of every body; small XML bodies are hashed.
 */

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface RequestToSign {
  method: string;
  /** host[:port], as sent in the Host header. */
  host: string;
  /** The path as sent (already URI-encoded). */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body's SHA-256 in hex, or null for UNSIGNED-PAYLOAD. */
  bodySha256Hex: string | null;
}

export const unsignedPayload = "UNSIGNED-PAYLOAD";

/** RFC 3986 encoding, as SigV4 canonicalises query names and values. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .map((name) => [uriEncode(name), uriEncode(query[name])])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

export class RequestSigner {
  private signingDay = "";
  private signingKey: Buffer = Buffer.alloc(0);
  private readonly scopeTail: string;

  constructor(private readonly credentials: Credentials) {
    this.scopeTail = `/${credentials.region}/s3/aws4_request`;
  }

  /** The headers to send: the given ones plus host, x-amz-date, x-amz-content-sha256 and authorization. */
  sign(request: RequestToSign, now: Date = new Date()): Record<string, string> {
    const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, "");
    const day = amzDate.slice(0, 8);
    const headers: Record<string, string> = {
      ...request.headers,
      host: request.host,
      "x-amz-content-sha256": request.bodySha256Hex ?? unsignedPayload,
      "x-amz-date": amzDate,
    };
    const names = Object.keys(headers).sort();
    let canonicalHeaders = "";
    for (const name of names) canonicalHeaders += `${name}:${headers[name].trim()}\n`;
    const signedHeaders = names.join(";");
    const canonical = `${request.method}\n${request.path}\n${canonicalQuery(request.query)}\n${canonicalHeaders}\n${signedHeaders}\n${headers["x-amz-content-sha256"]}`;
    const scope = `${day}${this.scopeTail}`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${crypto.createHash("sha256").update(canonical).digest("hex")}`;
    const signature = crypto.createHmac("sha256", this.keyFor(day)).update(toSign).digest("hex");
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
  }

  private keyFor(day: string): Buffer {
    if (day !== this.signingDay) {
      const hmac = (key: string | Buffer, data: string) => crypto.createHmac("sha256", key).update(data).digest();
      const dateKey = hmac(`AWS4${this.credentials.secretAccessKey}`, day);
      this.signingKey = hmac(hmac(hmac(dateKey, this.credentials.region), "s3"), "aws4_request");
      this.signingDay = day;
    }
    return this.signingKey;
  }
}

export function sha256Hex(body: Buffer): string {
  return crypto.createHash("sha256").update(body).digest("hex");
}
