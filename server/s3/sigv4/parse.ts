/**
 * Parsing of the two places a SigV4 signature can travel: the Authorization
 * header and a presigned URL's X-Amz-* query parameters. Only syntax here; the
 * checks that need the clock, the region or the secret live in authenticate.ts.
 */
import { S3Error, type S3ErrorCode } from "../errors";
import { limits } from "../../util/limits";
import { ALGORITHM } from "./crypto";
import type { QueryParam } from "./encoding";

export interface Credential {
  readonly accessKeyId: string;
  /** YYYYMMDD */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

export interface SignatureParts {
  readonly via: "header" | "query";
  readonly credential: Credential;
  /** Lower-case and sorted, as the canonical request lists them. */
  readonly signedHeaders: readonly string[];
  readonly signatureHex: string;
  /** Presigned only: X-Amz-Date and X-Amz-Expires. */
  readonly presign: { readonly amzDate: string; readonly expiresSeconds: number } | null;
}

export function scopeString(credential: Credential): string {
  return `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
}

const SIGNATURE_HEX = /^[0-9a-f]{64}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * A client signs every request of a day with the same Credential and usually the same
 * SignedHeaders: their parses (frozen, valid ones only) are kept by text and error code.
 */
const maxCachedParses = 256;
const parsedCredentials = new Map<string, Credential>();
const parsedSignedHeaders = new Map<string, readonly string[]>();

function cachedParse<T>(cache: Map<string, T>, value: string, code: S3ErrorCode, parse: () => T): T {
  const cacheKey = `${code} ${value}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const parsed = Object.freeze(parse());
  if (cache.size >= maxCachedParses) cache.clear();
  cache.set(cacheKey, parsed);
  return parsed;
}

function parseCredential(value: string, code: S3ErrorCode): Credential {
  return cachedParse(parsedCredentials, value, code, () => parseCredentialText(value, code));
}

function parseCredentialText(value: string, code: S3ErrorCode): Credential {
  const parts = value.split("/");
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || !region || !service) {
    throw new S3Error(
      code,
      `${errorPrefix(code)} the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`,
    );
  }
  if (!/^\d{8}$/.test(date)) {
    throw new S3Error(
      code,
      `${errorPrefix(code)} incorrect date format "${date}". This date in the credential must be in the format "yyyyMMdd".`,
    );
  }
  if (terminator !== "aws4_request") {
    throw new S3Error(
      code,
      `${errorPrefix(code)} incorrect terminal "${terminator}". This endpoint uses "aws4_request".`,
    );
  }
  return { accessKeyId, date, region, service };
}

/** AWS words its messages by where the credential came from; so do we. */
export function errorPrefix(code: S3ErrorCode): string {
  return code === "AuthorizationQueryParametersError"
    ? "Error parsing the X-Amz-Credential parameter;"
    : "The authorization header is malformed;";
}

function parseSignedHeaders(value: string, code: S3ErrorCode): readonly string[] {
  return cachedParse(parsedSignedHeaders, value, code, () => parseSignedHeadersText(value, code));
}

function parseSignedHeadersText(value: string, code: S3ErrorCode): string[] {
  const names = value.split(";").map((name) => name.trim().toLowerCase());
  if (names.some((name) => !HEADER_NAME.test(name))) {
    throw new S3Error(code, `${errorPrefix(code)} SignedHeaders is not a ';'-separated list of header names.`);
  }
  const sorted = [...new Set(names)].sort();
  // Host names the bucket (virtual-hosted style) and the endpoint: an unsigned one
  // would let a signature be replayed against another bucket or server.
  if (!sorted.includes("host")) {
    throw new S3Error(code, `${errorPrefix(code)} the host header must be signed.`);
  }
  return sorted;
}

function parseSignature(value: string, code: S3ErrorCode): string {
  if (!SIGNATURE_HEX.test(value)) {
    throw new S3Error(code, `${errorPrefix(code)} the Signature must be 64 lower-case hexadecimal digits.`);
  }
  return value;
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (any order, spaces optional). */
export function parseAuthorizationHeader(header: string): SignatureParts {
  const code = "AuthorizationHeaderMalformed";
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new S3Error(
      "InvalidRequest",
      `The authorization mechanism you have provided is not supported. Please use ${ALGORITHM}.`,
    );
  }
  const fields = new Map<string, string>();
  for (const item of header.slice(space + 1).split(",")) {
    const trimmed = item.trim();
    const equals = trimmed.indexOf("=");
    const name = trimmed.slice(0, equals);
    if (equals < 0 || fields.has(name)) {
      throw new S3Error(
        code,
        `${errorPrefix(code)} it must be "${ALGORITHM} Credential=…, SignedHeaders=…, Signature=…".`,
      );
    }
    fields.set(name, trimmed.slice(equals + 1));
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined || fields.size !== 3) {
    throw new S3Error(code, `${errorPrefix(code)} it must contain exactly Credential, SignedHeaders and Signature.`);
  }
  return {
    via: "header",
    credential: parseCredential(credential, code),
    signedHeaders: parseSignedHeaders(signedHeaders, code),
    signatureHex: parseSignature(signature, code),
    presign: null,
  };
}

/** The X-Amz-* parameters of a presigned URL. Each must appear exactly once. */
export function parsePresignedQuery(params: readonly QueryParam[]): SignatureParts {
  const code = "AuthorizationQueryParametersError";
  const get = (name: string): string => {
    const found = params.filter((param) => param.name === name);
    if (found.length !== 1 || found[0] === undefined) {
      throw new S3Error(
        code,
        `Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters (exactly once each); ${name} is ${found.length ? "repeated" : "missing"}.`,
      );
    }
    return found[0].value;
  };
  if (get("X-Amz-Algorithm") !== ALGORITHM) {
    throw new S3Error(code, `X-Amz-Algorithm only supports "${ALGORITHM}".`);
  }
  return {
    via: "query",
    credential: parseCredential(get("X-Amz-Credential"), code),
    signedHeaders: parseSignedHeaders(get("X-Amz-SignedHeaders"), code),
    signatureHex: parseSignature(get("X-Amz-Signature"), code),
    presign: { amzDate: get("X-Amz-Date"), expiresSeconds: parseExpires(get("X-Amz-Expires")) },
  };
}

/**
 * A URL that can never be valid (0 or negative seconds, or longer than a week) is
 * refused as AWS refuses it: 403 AccessDenied, with AWS's sentence.
 */
function parseExpires(value: string): number {
  if (!/^-?\d{1,7}$/.test(value))
    throw new S3Error("AuthorizationQueryParametersError", "X-Amz-Expires should be a number");
  const seconds = Number(value);
  if (seconds < 0) throw new S3Error("AccessDenied", "X-Amz-Expires must be non-negative");
  if (seconds === 0) throw new S3Error("AccessDenied", "Request has expired");
  if (seconds > limits.maxPresignExpiresSeconds) {
    throw new S3Error(
      "AccessDenied",
      `X-Amz-Expires must be less than a week (in seconds) that is ${limits.maxPresignExpiresSeconds}`,
    );
  }
  return seconds;
}

/** `YYYYMMDDTHHMMSSZ`, the only form SigV4 signs. Null when malformed. */
/** The last date parsed: every request signed in the same second carries the same one. */
let lastParsed: { value: string; date: Date } | null = null;

export function parseAmzDate(value: string): Date | null {
  if (lastParsed?.value === value) return new Date(lastParsed.date.getTime());
  const date = parseAmzDateUncached(value);
  if (date) lastParsed = { value, date };
  return date;
}

function parseAmzDateUncached(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0));
  // Date.UTC rolls 20130231 over to March; a signature over an impossible date is malformed.
  return formatAmzDate(date) === value ? date : null;
}

export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
