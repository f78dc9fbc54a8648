import { type RawCredentials, signRaw } from "../../server/s3/tests/helpers";
import { exampleSigningKey } from "../../server/s3/sigv4/testing";
import { type RawExchange, rawExchange, requestHead } from "./raw-http";
import type { Answer } from "./tally";

/** Signed requests written by hand on a socket, for the bad-input tables. */

export interface SignedRawRequest {
  method: string;
  /** As on the wire (already percent-encoded). */
  path: string;
  query?: Record<string, string>;
  /** Signed headers. */
  headers?: Record<string, string>;
  /** The x-amz-content-sha256 to sign; defaults to the body's SHA-256. */
  payloadHash?: string;
  body?: Buffer;
  /** Headers added after signing (unsigned), in order, duplicates allowed. */
  extraHeaders?: Array<[string, string]>;
  /** Overrides Content-Length (default: the body's length). null: no Content-Length at all. */
  contentLength?: string | null;
}

export interface Signed {
  head: string;
  /** For aws-chunked bodies: what chunk signatures chain from. */
  signing: { key: Buffer; seedSignature: string; amzDate: string; scope: string };
}

export async function signedHead(credentials: RawCredentials, request: SignedRawRequest): Promise<Signed> {
  const signed = await signRaw(credentials, {
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: request.body,
    payloadHash: request.payloadHash,
  });
  // Not through URL: it would resolve "..", "%2e%2e" and the like, which these tests send on purpose.
  const host = new URL(credentials.endpoint).host;
  const target = signed.url.slice(credentials.endpoint.length);
  const length = request.contentLength === undefined ? String(request.body?.length ?? 0) : request.contentLength;
  const headers: Array<[string, string]> = [
    ["Host", host],
    ...Object.entries(signed.headers),
    ...(length === null ? [] : ([["Content-Length", length]] as Array<[string, string]>)),
    ...(request.extraHeaders ?? []),
  ];
  return {
    head: requestHead(request.method, target, headers),
    signing: {
      key: exampleSigningKey(signed.amzDate.slice(0, 8), credentials.region, credentials.secretAccessKey),
      seedSignature: signed.seedSignature,
      amzDate: signed.amzDate,
      scope: signed.scope,
    },
  };
}

/** The first response of an exchange as an Answer (null when none came). */
export function firstAnswer(exchange: RawExchange): Answer | null {
  const first = exchange.responses[0];
  return first ? { status: first.status, body: first.body.toString("utf8") } : null;
}

/** Signs and sends; the body (if any) follows the head on the same connection. */
export async function sendSigned(
  credentials: RawCredentials,
  url: string,
  request: SignedRawRequest,
): Promise<RawExchange> {
  const { head } = await signedHead(credentials, request);
  return rawExchange(url, head, { body: request.body, untilResponses: 1 });
}
