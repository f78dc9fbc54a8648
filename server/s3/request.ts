import type http from "node:http";
import type { Engine } from "../engine/engine";
import type { BucketRecord } from "../engine/metadata/records";
import type { RequestMetrics } from "../http/metrics";
import type { AuthResult } from "./sigv4";
import { S3Error } from "./errors";

/** What every S3 handler receives. */

export interface S3Context {
  engine: Engine;
  metrics: RequestMetrics;
  region: string;
  /** Virtual-host style: `<bucket><rootDomain>` (e.g. `.s3.example.com`). */
  rootDomain: string | null;
  /** Browser origins allowed to call the S3 API directly (the console's own). */
  consoleOrigins: readonly string[];
  /** Behind a TLS-terminating proxy: X-Forwarded-Proto and X-Forwarded-For tell how the client came. */
  trustForwardedHeaders: boolean;
  /** SSE-C keys over plain HTTP: refused as AWS does, unless a test setup says so. */
  sseCustomerOverHttp: boolean;
}

export interface S3Request {
  req: http.IncomingMessage;
  requestId: string;
  method: string;
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  bucketName: string | null;
  key: string | null;
  auth: AuthResult | null;
  accessKeyId: string | null;
  /** Set by the pipeline for bucket and object operations, after authorisation. */
  bucket: BucketRecord | null;
  /**
   * Lets a client waiting on Expect: 100-continue send its body. Whatever reads the
   * body calls it first; a request refused before that never makes the client send.
   */
  continueBody: () => void;
}

export function header(request: S3Request, name: string): string | undefined {
  const value = request.req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export function requireBucket(request: S3Request): BucketRecord {
  if (!request.bucket) throw new S3Error("NoSuchBucket");
  return request.bucket;
}

export function requireKey(request: S3Request): string {
  if (request.key === null) throw new S3Error("InvalidRequest", "This operation needs an object key.");
  return request.key;
}

/** Path-style (`/bucket/key`) or virtual-host style (`bucket.<root domain>/key`) addressing. */
export function addressOf(
  host: string | undefined,
  rawPath: string,
  rootDomain: string | null,
): { bucketName: string | null; key: string | null } {
  const hostname = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  const path = decodePath(rawPath);
  if (rootDomain && hostname.endsWith(rootDomain) && hostname.length > rootDomain.length) {
    const key = path.slice(1);
    return { bucketName: hostname.slice(0, -rootDomain.length), key: key === "" ? null : key };
  }
  const trimmed = path.slice(1);
  if (trimmed === "") return { bucketName: null, key: null };
  const slash = trimmed.indexOf("/");
  if (slash < 0) return { bucketName: trimmed, key: null };
  const key = trimmed.slice(slash + 1);
  return { bucketName: trimmed.slice(0, slash), key: key === "" ? null : key };
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI: it is not valid percent-encoded UTF-8.");
  }
}
