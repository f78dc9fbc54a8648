/**
 * Server-side AWS Signature Version 4 verification for S3: the Authorization
 * header and presigned URLs. Pure protocol code: it knows keys and secrets
 * only through `lookupSecret`, and nothing of buckets or storage.
 */
import { S3Error } from "../errors";
import { canonicalRequest, firstHeader, stringToSign, type RequestHeaders } from "./canonical";
import { hmacHex, signaturesEqual, signingKey } from "./crypto";
import { canonicalPath, canonicalQuery, parseRawQuery, type QueryParam } from "./encoding";
import { errorPrefix, parseAuthorizationHeader, parsePresignedQuery, scopeString, type SignatureParts } from "./parse";
import {
  decodedContentLength,
  declaredTrailers,
  isStreaming,
  payloadMode,
  signedPayloadHash,
  type PayloadMode,
} from "./payload-mode";
import { checkedSigningTime } from "./time";

export interface SigV4Request {
  readonly method: string;
  /** The path as received: still percent-encoded, without the query. */
  readonly rawPath: string;
  /** The query as received, without `?`. */
  readonly rawQuery: string;
  /** Lower-case names: `req.headers`, or better `req.headersDistinct` (see canonicalHeaderValue). */
  readonly headers: RequestHeaders;
}

export interface SigV4Options {
  readonly region: string;
  readonly service?: "s3";
  readonly now: Date;
  /** The secret of an access key, or null when the key does not exist. */
  readonly lookupSecret: (accessKeyId: string) => string | null;
}

/** What the aws-chunked decoder needs to verify chunk and trailer signatures. Opaque to callers. */
export interface ChunkSigningContext {
  readonly signingKey: Buffer;
  readonly seedSignatureHex: string;
  readonly amzDate: string;
  readonly scope: string;
  readonly decodedContentLengthBytes: number | null;
  readonly declaredTrailers: readonly string[];
}

export interface AuthResult {
  readonly accessKeyId: string;
  readonly via: "header" | "query";
  readonly payload: PayloadMode;
  /** Pass the whole result to createPayloadReader; this is for it. */
  readonly chunkContext: ChunkSigningContext;
}

/**
 * Verifies a request's signature. Returns null for an anonymous request (the
 * caller decides whether anonymous access is allowed); throws S3Error otherwise.
 */
export function authenticate(request: SigV4Request, options: SigV4Options): AuthResult | null {
  const params = parseRawQuery(request.rawQuery);
  const parts = signatureParts(request.headers, params);
  if (parts === null) return null;
  rejectSessionToken(request.headers, params);
  checkScope(parts, options.region, options.service ?? "s3");
  const time = checkedSigningTime(parts, request.headers, options.now);
  const secret = options.lookupSecret(parts.credential.accessKeyId);
  if (secret === null) {
    throw new S3Error("InvalidAccessKeyId", undefined, { details: { AWSAccessKeyId: parts.credential.accessKeyId } });
  }
  rejectUnsignedAmzHeaders(request.headers, parts.signedHeaders);
  const payloadHash = signedPayloadHash(parts, request.headers, params);
  const payload = payloadMode(payloadHash, parts.via);
  const canonical = canonicalRequest({
    method: request.method,
    canonicalUri: canonicalPath(request.rawPath),
    canonicalQuery: canonicalQuery(params, parts.via === "query" ? "X-Amz-Signature" : undefined),
    headers: request.headers,
    signedHeaders: parts.signedHeaders,
    payloadHash,
  });
  const scope = scopeString(parts.credential);
  const toSign = stringToSign(time.amzDate, scope, canonical);
  const { date, region, service } = parts.credential;
  const key = signingKey(secret, date, region, service);
  if (!signaturesEqual(hmacHex(key, toSign), parts.signatureHex)) {
    // AWS returns both texts so a client can diff them against its own; neither holds a secret.
    throw new S3Error("SignatureDoesNotMatch", undefined, {
      details: {
        AWSAccessKeyId: parts.credential.accessKeyId,
        StringToSign: toSign,
        SignatureProvided: parts.signatureHex,
        CanonicalRequest: canonical,
      },
    });
  }
  return {
    accessKeyId: parts.credential.accessKeyId,
    via: parts.via,
    payload,
    chunkContext: {
      signingKey: key,
      seedSignatureHex: parts.signatureHex,
      amzDate: time.amzDate,
      scope,
      decodedContentLengthBytes: isStreaming(payload) ? decodedContentLength(request.headers) : null,
      declaredTrailers: declaredTrailers(request.headers),
    },
  };
}

function hasParam(params: readonly QueryParam[], name: string): boolean {
  return params.some((param) => param.name === name);
}

/** Which mechanism signed the request, parsed; null when none did. */
function signatureParts(headers: RequestHeaders, params: readonly QueryParam[]): SignatureParts | null {
  const authorization = firstHeader(headers, "authorization");
  // Which of two Authorization headers would count depends on who reads them: refuse the ambiguity.
  const authorizations = headers.authorization;
  if (typeof authorizations !== "string" && authorizations !== undefined && authorizations.length > 1)
    throw new S3Error("AuthorizationHeaderMalformed", "The request carries more than one Authorization header.");
  const presigned = hasParam(params, "X-Amz-Signature") || hasParam(params, "X-Amz-Algorithm");
  if (authorization !== undefined && presigned) {
    throw new S3Error(
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
      {
        details: { ArgumentName: "Authorization" },
      },
    );
  }
  if (authorization !== undefined) return parseAuthorizationHeader(authorization);
  if (presigned) return parsePresignedQuery(params);
  // SigV2 presigned URLs would otherwise pass for anonymous requests and fail confusingly later.
  if (hasParam(params, "AWSAccessKeyId") && hasParam(params, "Signature")) {
    throw new S3Error("InvalidRequest", "Signature Version 2 is not supported; please use AWS4-HMAC-SHA256.");
  }
  return null;
}

/** Session tokens come from STS, which we do not run: no token can be valid here. */
function rejectSessionToken(headers: RequestHeaders, params: readonly QueryParam[]): void {
  if (firstHeader(headers, "x-amz-security-token") !== undefined || hasParam(params, "X-Amz-Security-Token")) {
    throw new S3Error(
      "InvalidRequest",
      "Temporary credentials (X-Amz-Security-Token) are not supported: this server has no STS. Use a long-term access key without a session token.",
    );
  }
}

/**
 * The scope must name our region and service. The message names the expected
 * region: AWS clients retry there with the right signature.
 */
function checkScope(parts: SignatureParts, region: string, service: string): void {
  const code = parts.via === "header" ? "AuthorizationHeaderMalformed" : "AuthorizationQueryParametersError";
  const { credential } = parts;
  if (credential.region !== region) {
    throw new S3Error(code, `${errorPrefix(code)} the region '${credential.region}' is wrong; expecting '${region}'`, {
      // Boto3 and others read the Region element; the JS SDK reads this header (HeadBucket).
      details: { Region: region },
      headers: { "x-amz-bucket-region": region },
    });
  }
  if (credential.service !== service) {
    throw new S3Error(
      code,
      `${errorPrefix(code)} incorrect service "${credential.service}". This endpoint belongs to "${service}".`,
    );
  }
}

/**
 * Every x-amz-* header sent must be signed, as AWS demands: unsigned, a header
 * like x-amz-copy-source or x-amz-meta-* could be added to a captured request.
 */
function rejectUnsignedAmzHeaders(headers: RequestHeaders, signedHeaders: readonly string[]): void {
  const unsigned = Object.keys(headers).filter(
    (name) => name.startsWith("x-amz-") && headers[name] !== undefined && !signedHeaders.includes(name),
  );
  if (unsigned.length > 0) {
    throw new S3Error("AccessDenied", "There were headers present in the request which were not signed", {
      details: { HeadersNotSigned: unsigned.join(", ") },
    });
  }
}
