import { HttpConnection, type RawReply } from "./connection";
import { type Credentials, canonicalQuery, RequestSigner, sha256Hex, uriEncode } from "./signer";

/**
 * The lean S3 client of the load generator: path-style requests signed with SigV4
 * over a pool of keep-alive raw-socket connections, one per request in flight.
 * Responses are counted without being kept unless the caller asks for the body
 * (listings, upload ids).
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

export type S3Reply = RawReply;

/** RFC 3986 encoding of each path segment, as SigV4 canonicalises it. */
export function encodeKey(key: string): string {
  return key.split("/").map(uriEncode).join("/");
}

export class S3LeanClient {
  private readonly signer: RequestSigner;
  private readonly hostname: string;
  private readonly port: number;
  private readonly host: string;
  private readonly idle: HttpConnection[] = [];
  private readonly open = new Set<HttpConnection>();

  constructor(target: TargetSpec) {
    const url = new URL(target.url);
    this.hostname = url.hostname;
    this.port = Number(url.port || 80);
    this.host = url.host;
    this.signer = new RequestSigner(target.credentials);
  }

  async call(call: S3Call): Promise<S3Reply> {
    const path = `/${call.bucket}${call.key === undefined ? "" : `/${encodeKey(call.key)}`}`;
    const query = call.query ?? {};
    const headers: Record<string, string> = { ...call.headers };
    if (call.body || call.method === "PUT" || call.method === "POST")
      headers["content-length"] = String(call.body?.length ?? 0);
    const signed = this.signer.sign({
      method: call.method,
      host: this.host,
      path,
      query,
      headers,
      bodySha256Hex: call.body && call.signBody ? sha256Hex(call.body) : null,
    });
    const search = canonicalQuery(query);
    let head = `${call.method} ${path}${search === "" ? "" : `?${search}`} HTTP/1.1\r\n`;
    for (const name in signed) head += `${name}: ${signed[name]}\r\n`;
    head += "\r\n";
    const connection = this.idle.pop() ?? this.connect();
    try {
      const reply = await connection.request(head, call.body, call.keepBody === true, call.method === "HEAD");
      this.idle.push(connection);
      return reply;
    } catch (error) {
      this.open.delete(connection);
      connection.close();
      throw error;
    }
  }

  close(): void {
    for (const connection of this.open) connection.close();
    this.open.clear();
    this.idle.length = 0;
  }

  private connect(): HttpConnection {
    const connection = new HttpConnection(this.hostname, this.port);
    this.open.add(connection);
    return connection;
  }
}
