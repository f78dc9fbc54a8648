import type http from "node:http";
import { S3Error } from "./errors";
import { emptyResponse, type S3Response } from "./response";
import type { S3Context } from "./request";

/**
 * CORS for the console's own origin, so the object browser can send bytes from
 * the browser straight to the S3 API with presigned URLs. Per-bucket CORS rules
 * are a later addition.
 */

const exposedHeaders =
  "ETag, Content-Length, Content-Range, Content-Type, Last-Modified, x-amz-request-id, x-amz-version-id, x-amz-checksum-crc32";

function allowedOrigin(context: S3Context, req: http.IncomingMessage): string | null {
  const origin = req.headers.origin;
  return origin && context.consoleOrigins.includes(origin) ? origin : null;
}

export function corsHeaders(context: S3Context, req: http.IncomingMessage): Record<string, string> {
  const origin = allowedOrigin(context, req);
  if (!origin) return {};
  return { "access-control-allow-origin": origin, "access-control-expose-headers": exposedHeaders, vary: "Origin" };
}

export function preflightResponse(context: S3Context, req: http.IncomingMessage): S3Response {
  const origin = allowedOrigin(context, req);
  if (!origin) throw new S3Error("AccessDenied", "CORSResponse: this origin is not allowed to access this resource.");
  return emptyResponse(200, {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, PUT, POST, DELETE, HEAD",
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-expose-headers": exposedHeaders,
    "access-control-max-age": "3600",
    vary: "Origin",
  });
}
