/** The canonical request and string to sign, built from the request as received. */
import { ALGORITHM, sha256Hex } from "./crypto";

/** Node's IncomingMessage.headers (or headersDistinct): lower-case names. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A header's value as SigV4 canonicalises it: trimmed, inner whitespace runs
 * collapsed to one space, repeated headers joined with `,`. Node joins most
 * repeated headers with `, ` in `req.headers`; pass `req.headersDistinct` to keep
 * the values apart and match what the client signed.
 */
export function canonicalHeaderValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const values = typeof value === "string" ? [value] : value;
  return values.map((item) => item.trim().replace(/\s+/g, " ")).join(",");
}

export function firstHeader(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : value?.[0];
}

export interface CanonicalInput {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  readonly headers: RequestHeaders;
  /** Lower-case, sorted. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

export function canonicalRequest(input: CanonicalInput): string {
  // A signed header that is absent canonicalises as empty: the client signed a
  // value, so the comparison fails instead of silently skipping the header.
  const headerLines = input.signedHeaders
    .map((name) => `${name}:${canonicalHeaderValue(input.headers, name) ?? ""}\n`)
    .join("");
  return [
    input.method.toUpperCase(),
    input.canonicalUri,
    input.canonicalQuery,
    headerLines,
    input.signedHeaders.join(";"),
    input.payloadHash,
  ].join("\n");
}

/**
 * Node reads header bytes as Latin-1, one character per byte, and every other part
 * of the canonical request is ASCII: so its Latin-1 bytes are exactly the bytes the
 * client sent and signed (UTF-8 metadata values included), as AWS hashes them.
 */
export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(Buffer.from(canonical, "latin1"))].join("\n");
}
