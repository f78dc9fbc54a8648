import crypto from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

/**
 * SigV4 for the load generator, signed by @smithy/signature-v4 (the AWS SDK's own
 * signer, which caches the derived signing key per day). Object bodies are sent as
 * UNSIGNED-PAYLOAD so the generator does not spend a SHA-256 of every body on its
 * own core; small XML bodies (DeleteObjects, CompleteMultipartUpload) are hashed.
 */

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface RequestToSign {
  method: string;
  hostname: string;
  port: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body's SHA-256 in hex, or null for UNSIGNED-PAYLOAD. */
  bodySha256Hex: string | null;
}

export const unsignedPayload = "UNSIGNED-PAYLOAD";

/** node:crypto behind the hash interface the smithy signer expects (HMAC when given a secret). */
class NodeSha256 {
  private readonly hash: crypto.Hash | crypto.Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    throw new Error("the signer never reuses a hash");
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export class RequestSigner {
  private readonly signer: SignatureV4;

  constructor(credentials: Credentials) {
    this.signer = new SignatureV4({
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
      region: credentials.region,
      service: "s3",
      sha256: NodeSha256,
      // S3 signs the path as sent, without the double encoding other services use.
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  /** The headers to send: the given ones plus host, x-amz-date, x-amz-content-sha256 and authorization. */
  async sign(request: RequestToSign): Promise<Record<string, string>> {
    const payloadHash = request.bodySha256Hex ?? unsignedPayload;
    const host = `${request.hostname}:${request.port}`;
    const signed = await this.signer.sign({
      method: request.method,
      protocol: "http:",
      hostname: request.hostname,
      port: request.port,
      path: request.path,
      query: request.query,
      headers: { ...request.headers, host, "x-amz-content-sha256": payloadHash },
    });
    return signed.headers;
  }
}

export function sha256Hex(body: Buffer): string {
  return crypto.createHash("sha256").update(body).digest("hex");
}
