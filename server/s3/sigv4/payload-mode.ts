/**
 * What the signature says about the body: a hash to check, nothing, or one of
 * the aws-chunked streaming modes. Taken from x-amz-content-sha256, which is
 * also the last line of the canonical request.
 */
import { S3Error } from "../errors";
import { canonicalHeaderValue, firstHeader, type RequestHeaders } from "./canonical";
import type { QueryParam } from "./encoding";
import type { SignatureParts } from "./parse";

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
export const STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
export const STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

export type StreamingKind =
  typeof STREAMING_SIGNED | typeof STREAMING_UNSIGNED_TRAILER | typeof STREAMING_SIGNED_TRAILER;

export type PayloadMode =
  /** The caller must check the body's SHA-256 as it streams (createPayloadReader does). */
  | { readonly kind: "signed"; readonly sha256Hex: string }
  | { readonly kind: typeof UNSIGNED_PAYLOAD }
  /** The body is aws-chunked: decode it with createPayloadReader / AwsChunkedDecoder. */
  | { readonly kind: StreamingKind };

const STREAMING_KINDS: readonly string[] = [STREAMING_SIGNED, STREAMING_UNSIGNED_TRAILER, STREAMING_SIGNED_TRAILER];

/** The value that ends the canonical request, as the client must have signed it. */
export function signedPayloadHash(
  parts: SignatureParts,
  headers: RequestHeaders,
  params: readonly QueryParam[],
): string {
  const header = firstHeader(headers, "x-amz-content-sha256");
  if (parts.via === "header") {
    // AWS requires it for S3: without it we could not tell a signed body from an unsigned one.
    if (header === undefined) {
      throw new S3Error("InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }
    return header;
  }
  // Presigned: the header counts only if signed; the SDK presigner hoists it to
  // X-Amz-Content-Sha256; otherwise AWS defines the payload as UNSIGNED-PAYLOAD.
  if (parts.signedHeaders.includes("x-amz-content-sha256") && header !== undefined) return header;
  return params.find((param) => param.name === "X-Amz-Content-Sha256")?.value ?? UNSIGNED_PAYLOAD;
}

export function payloadMode(hash: string, via: SignatureParts["via"]): PayloadMode {
  if (/^[0-9a-fA-F]{64}$/.test(hash)) return { kind: "signed", sha256Hex: hash.toLowerCase() };
  if (hash === UNSIGNED_PAYLOAD) return { kind: UNSIGNED_PAYLOAD };
  if (hash === STREAMING_UNSIGNED_TRAILER) return { kind: hash };
  if (hash === STREAMING_SIGNED || hash === STREAMING_SIGNED_TRAILER) {
    // Chunk signatures chain from the seed signature of an Authorization header;
    // a presigned URL has no such chain.
    if (via === "query") {
      throw new S3Error("InvalidRequest", `${hash} requires the Authorization header; presigned URLs cannot use it.`);
    }
    return { kind: hash };
  }
  if (hash.startsWith("STREAMING-AWS4-ECDSA-P256-SHA256")) {
    throw new S3Error("NotImplemented", "Signature Version 4A (ECDSA) is not supported; sign with AWS4-HMAC-SHA256.");
  }
  throw new S3Error(
    "InvalidArgument",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, or a valid sha256 value.",
    {
      details: { ArgumentName: "x-amz-content-sha256", ArgumentValue: hash },
    },
  );
}

export function isStreaming(mode: PayloadMode): mode is { readonly kind: StreamingKind } {
  return STREAMING_KINDS.includes(mode.kind);
}

/** x-amz-decoded-content-length, when given: the decoded body must have exactly this size. */
export function decodedContentLength(headers: RequestHeaders): number | null {
  const value = firstHeader(headers, "x-amz-decoded-content-length");
  if (value === undefined) return null;
  if (!/^\d{1,16}$/.test(value.trim())) {
    throw new S3Error("InvalidArgument", "x-amz-decoded-content-length must be a non-negative integer.", {
      details: { ArgumentName: "x-amz-decoded-content-length", ArgumentValue: value },
    });
  }
  return Number(value.trim());
}

/** x-amz-trailer: the trailer names the client promises to send after the last chunk. */
export function declaredTrailers(headers: RequestHeaders): string[] {
  const value = canonicalHeaderValue(headers, "x-amz-trailer");
  if (value === undefined) return [];
  return value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
}
