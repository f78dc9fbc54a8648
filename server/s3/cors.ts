import type http from "node:http";
import type { BucketRecord } from "../engine/metadata/records";
import { S3Error } from "./errors";
import { emptyResponse, type S3Response } from "./response";
import { addressOf, type S3Context } from "./request";
import { corsAnswerHeaders, type CorsAsk, matchingCorsRule } from "./cors-rules";

/**
 * CORS on the S3 API: the console's own origin (its object browser sends bytes
 * straight to S3 with presigned URLs) and each bucket's CORS rules, for
 * preflights and for the answers of actual requests (errors included), presigned
 * or not. The website endpoint applies the same bucket rules.
 */

const consoleExposedHeaders =
  "ETag, Content-Length, Content-Range, Content-Type, Last-Modified, x-amz-request-id, x-amz-version-id, x-amz-checksum-crc32";

function isConsoleOrigin(context: S3Context, origin: string): boolean {
  return context.consoleOrigins.includes(origin);
}

/** The bucket a request names, found by its global alias (CORS answers do not depend on who signs). */
export function bucketOfRequest(context: S3Context, req: http.IncomingMessage): BucketRecord | null {
  try {
    const rawPath = (req.url ?? "/").split("?")[0];
    const { bucketName } = addressOf(req.headers.host, rawPath, context.rootDomain);
    return bucketName ? context.engine.buckets.resolveName(bucketName, null) : null;
  } catch {
    return null;
  }
}

function preflightAsk(req: http.IncomingMessage): CorsAsk | null {
  const origin = req.headers.origin;
  const method = req.headers["access-control-request-method"];
  if (!origin || typeof method !== "string") return null;
  const requested = req.headers["access-control-request-headers"];
  const headers = (typeof requested === "string" ? requested : "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return { origin, method: method.toUpperCase(), headers };
}

/** CORS headers for the answer to an actual request (nothing when it carries no Origin or no rule allows it). */
export function corsHeaders(
  context: S3Context,
  req: http.IncomingMessage,
  bucket: BucketRecord | null,
): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  if (isConsoleOrigin(context, origin))
    return {
      "access-control-allow-origin": origin,
      "access-control-expose-headers": consoleExposedHeaders,
      vary: "Origin",
    };
  const ask: CorsAsk = { origin, method: (req.method ?? "GET").toUpperCase(), headers: [] };
  const rule = matchingCorsRule(bucket?.cors ?? null, ask);
  return rule ? corsAnswerHeaders(rule, ask, false) : {};
}

/** OPTIONS: the preflight, answered from the console's origin or the bucket's rules; 403 when none allows it. */
export function preflightResponse(
  context: S3Context,
  req: http.IncomingMessage,
  bucket: BucketRecord | null,
): S3Response {
  const ask = preflightAsk(req);
  if (!ask) throw new S3Error("BadRequest", "Insufficient information. Origin request header needed.");
  if (isConsoleOrigin(context, ask.origin))
    return emptyResponse(200, {
      "access-control-allow-origin": ask.origin,
      "access-control-allow-methods": "GET, PUT, POST, DELETE, HEAD",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      "access-control-expose-headers": consoleExposedHeaders,
      "access-control-max-age": "3600",
      vary: "Origin",
    });
  if (!bucket?.cors?.length) throw new S3Error("AccessForbidden", "CORSResponse: CORS is not enabled for this bucket.");
  const rule = matchingCorsRule(bucket.cors, ask);
  if (!rule)
    throw new S3Error(
      "AccessForbidden",
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
    );
  return emptyResponse(200, corsAnswerHeaders(rule, ask, true));
}
