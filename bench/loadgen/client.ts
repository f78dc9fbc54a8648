import http from "node:http";
import { type Credentials, RequestSigner, sha256Hex } from "./signer";

/**
 * The lean S3 client of the load generator: path-style requests over node:http
 * with a keep-alive agent, signed with SigV4. Responses are drained without being
 * kept unless the caller asks for the body (listings, upload ids).
 */

export interface TargetSpec {
  /** http://host:port of an S3 endpoint or of the ceiling server. */
  url: string;
  credentials: Credentials;
}

export interface S3Call {
  method: "GET" | "PUT" | "POST" | "DELETE" | "HEAD";
  bucket: string;
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Object bodies go out unsigned; set signBody for small XML bodies. */
  body?: Buffer;
  signBody?: boolean;
  keepBody?: boolean;
}

export interface S3Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  receivedBytes: number;
  body: Buffer | null;
}

/** RFC 3986 encoding of each path segment, as SigV4 canonicalises it. */
export function encodeKey(key: string): string {
  return key
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join("/");
}

function queryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return "";
  return `?${entries.map(([name, value]) => (value === "" ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)).join("&")}`;
}

export class S3LeanClient {
  private readonly agent: http.Agent;
  private readonly signer: RequestSigner;
  private readonly hostname: string;
  private readonly port: number;

  constructor(target: TargetSpec, maxSockets: number) {
    const url = new URL(target.url);
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
    this.signer = new RequestSigner(target.credentials);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  async call(call: S3Call): Promise<S3Reply> {
    const path = `/${call.bucket}${call.key === undefined ? "" : `/${encodeKey(call.key)}`}`;
    const query = call.query ?? {};
    const headers: Record<string, string> = { ...call.headers };
    if (call.body) headers["content-length"] = String(call.body.length);
    const bodySha256Hex = call.body && call.signBody ? sha256Hex(call.body) : null;
    const signed = await this.signer.sign({
      method: call.method,
      hostname: this.hostname,
      port: this.port,
      path,
      query,
      headers,
      bodySha256Hex,
    });
    return this.send(call, `${path}${queryString(query)}`, signed);
  }

  private send(call: S3Call, pathWithQuery: string, headers: Record<string, string>): Promise<S3Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          hostname: this.hostname,
          port: this.port,
          method: call.method,
          path: pathWithQuery,
          headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let receivedBytes = 0;
          response.on("data", (chunk: Buffer) => {
            receivedBytes += chunk.length;
            if (call.keepBody) chunks.push(chunk);
          });
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              receivedBytes,
              body: call.keepBody ? Buffer.concat(chunks) : null,
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(call.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
