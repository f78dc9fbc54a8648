/**
 * When a signature was made, and whether it is still good: the clock-skew window
 * for header auth (replays are bounded by it) and X-Amz-Expires for presigned URLs.
 */
import { S3Error } from "../errors";
import { limits } from "../../util/limits";
import { firstHeader, type RequestHeaders } from "./canonical";
import { errorPrefix, formatAmzDate, parseAmzDate, type SignatureParts } from "./parse";

export interface SigningTime {
  /** `YYYYMMDDTHHMMSSZ`, as it enters the string to sign. */
  readonly amzDate: string;
  readonly date: Date;
}

/** X-Amz-Date wins over Date, as in AWS: browsers cannot set Date themselves. */
function headerTime(headers: RequestHeaders): SigningTime {
  const amzDate = firstHeader(headers, "x-amz-date");
  const dateHeader = firstHeader(headers, "date");
  const parsed = amzDate !== undefined ? parseAmzDate(amzDate) : parseHttpDate(dateHeader);
  if (!parsed) {
    throw new S3Error("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  }
  // A parsed X-Amz-Date is already in the canonical form (parseAmzDate checks it round-trips).
  return { amzDate: amzDate ?? formatAmzDate(parsed), date: parsed };
}

function parseHttpDate(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function checkCredentialDate(parts: SignatureParts, time: SigningTime): void {
  if (parts.credential.date !== time.amzDate.slice(0, 8)) {
    const code = parts.via === "header" ? "AuthorizationHeaderMalformed" : "AuthorizationQueryParametersError";
    throw new S3Error(
      code,
      `${errorPrefix(code)} Invalid credential date "${parts.credential.date}". Date is not the same as X-Amz-Date: "${time.amzDate.slice(0, 8)}".`,
    );
  }
}

function checkSkew(time: SigningTime, now: Date): void {
  if (Math.abs(now.getTime() - time.date.getTime()) <= limits.maxClockSkewMs) return;
  throw new S3Error("RequestTimeTooSkewed", undefined, {
    details: {
      RequestTime: time.amzDate,
      ServerTime: now.toISOString(),
      MaxAllowedSkewMilliseconds: String(limits.maxClockSkewMs),
    },
  });
}

function checkPresignWindow(time: SigningTime, expiresSeconds: number, now: Date): void {
  const expiresAt = new Date(time.date.getTime() + expiresSeconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new S3Error("AccessDenied", "Request has expired", {
      details: {
        "X-Amz-Expires": String(expiresSeconds),
        Expires: expiresAt.toISOString(),
        ServerTime: now.toISOString(),
      },
    });
  }
  // A URL dated in the future would otherwise live longer than X-Amz-Expires says.
  if (time.date.getTime() - now.getTime() > limits.maxClockSkewMs) {
    throw new S3Error("AccessDenied", "Request is not valid yet", {
      details: { RequestTime: time.amzDate, ServerTime: now.toISOString() },
    });
  }
}

/** The signing time of a request, after checking it is acceptable now. */
export function checkedSigningTime(parts: SignatureParts, headers: RequestHeaders, now: Date): SigningTime {
  if (parts.presign === null) {
    const time = headerTime(headers);
    checkCredentialDate(parts, time);
    checkSkew(time, now);
    return time;
  }
  const date = parseAmzDate(parts.presign.amzDate);
  if (!date) {
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'".`,
    );
  }
  const time = { amzDate: parts.presign.amzDate, date };
  checkCredentialDate(parts, time);
  checkPresignWindow(time, parts.presign.expiresSeconds, now);
  return time;
}
