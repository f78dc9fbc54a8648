import type http from "node:http";
import { newRequestId } from "../http/listen";
import { EngineError } from "../engine/errors";
import { authenticate, parseRawQuery } from "./sigv4";
import { S3Error } from "./errors";
import { s3ErrorFromEngine } from "./error-map";
import { errorResponse, primeBody, type S3Response, writeResponse } from "./response";
import { addressOf, type S3Context, type S3Request } from "./request";
import { matchRoute, type Route, type Scope } from "./routes";
import { bucketOfRequest, corsHeaders, preflightResponse } from "./cors";
import type { BucketRecord } from "../engine/metadata/records";
import { authorise } from "./access/authorise";

/**
 * The S3 request pipeline: address, authenticate, route, resolve the bucket,
 * authorise once, call the handler, write its response. Every failure leaves as
 * S3's XML error with its status.
 */

/** The engine, the metrics and the S3 endpoint's settings (region, root domain, console origins). */
export type S3HandlerDependencies = S3Context;

export function createS3Handler(
  context: S3HandlerDependencies,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  // Made once: a closure named per request costs a defineProperty under tsx (its keepNames).
  const lookupSecret = (accessKeyId: string) => context.engine.keys.secretFor(accessKeyId);
  return (req, res) => void handle(context, lookupSecret, req, res);
}

type SecretLookup = (accessKeyId: string) => string | null;

async function handle(
  context: S3Context,
  lookupSecret: SecretLookup,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const startedMs = performance.now();
  const method = req.method ?? "GET";
  const [rawPath, rawQuery = ""] = splitUrl(req.url ?? "/");
  let operation = "Unknown";
  let status = 500;
  let sentBytes = 0;
  let bucket: BucketRecord | null = null;
  try {
    if (method === "OPTIONS") {
      operation = "PreflightRequest";
      const response = preflightResponse(context, req, bucketOfRequest(context, req));
      await context.engine.whenAllDurable();
      status = response.status;
      await writeResponse(res, response, requestId);
      return;
    }
    const request = buildRequest(context, lookupSecret, req, requestId, method, rawPath, rawQuery);
    // Only once authenticated, routed, allowed and checked may the client send its body.
    request.continueBody = once(() => {
      if (expectsContinue(req) && !res.headersSent) res.writeContinue();
    });
    const route = routeOf(request);
    operation = route.operation;
    authorise(context, request, route);
    bucket = request.bucket;
    const response = await primeBody(await route.handle(context, request));
    await answersFromDurableState(context, method);
    status = response.status;
    sentBytes = await writeResponse(res, withHeaders(response, cors(context, req, bucket)), requestId);
  } catch (error) {
    const s3Error = asS3Error(error, operation);
    status = s3Error.status;
    if (res.headersSent) res.destroy();
    else {
      // An error may tell what another request's commit changed (a precondition, a missing upload).
      await context.engine.whenAllDurable();
      sentBytes = await writeResponse(
        res,
        withHeaders(errorResponse(s3Error, rawPath, requestId, method), cors(context, req, bucket)),
        requestId,
      );
    }
  } finally {
    context.metrics.observe("s3", operation, status, performance.now() - startedMs);
    context.metrics.addBytes(declaredBodyBytes(req), sentBytes);
  }
}

/** Only requests from a browser (with an Origin) get CORS headers, decided when the answer is written. */
function cors(context: S3Context, req: http.IncomingMessage, bucket: BucketRecord | null): Record<string, string> {
  return req.headers.origin ? corsHeaders(context, req, bucket ?? bucketOfRequest(context, req)) : {};
}

const continueNothing = () => undefined;

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (!done) action();
    done = true;
  };
}

/**
 * A commit is visible before its WAL fsync returns: a GET or HEAD answers once
 * what it read is durable. Other methods write, and their own commit is durable
 * before they answer (the engine's writes resolve only then, and an fsync covers
 * every commit before its own); errors and preflights wait like reads.
 */
async function answersFromDurableState(context: S3Context, method: string): Promise<void> {
  if (method === "GET" || method === "HEAD") await context.engine.whenAllDurable();
}

function expectsContinue(req: http.IncomingMessage): boolean {
  return req.headers.expect?.trim().toLowerCase() === "100-continue";
}

function declaredBodyBytes(req: http.IncomingMessage): number {
  const declared = Number(req.headers["x-amz-decoded-content-length"] ?? req.headers["content-length"] ?? 0);
  return Number.isFinite(declared) ? declared : 0;
}

function splitUrl(url: string): [string, string | undefined] {
  const index = url.indexOf("?");
  return index < 0 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
}

function buildRequest(
  context: S3Context,
  lookupSecret: SecretLookup,
  req: http.IncomingMessage,
  requestId: string,
  method: string,
  rawPath: string,
  rawQuery: string,
): S3Request {
  const query = new URLSearchParams();
  for (const param of parseRawQuery(rawQuery)) query.append(param.name, param.value);
  const { bucketName, key } = addressOf(req.headers.host, rawPath, context.rootDomain);
  const auth = authenticate(
    { method, rawPath, rawQuery, headers: req.headersDistinct },
    {
      region: context.region,
      now: new Date(),
      lookupSecret,
    },
  );
  return {
    req,
    requestId,
    method,
    rawPath,
    rawQuery,
    query,
    bucketName,
    key,
    auth,
    accessKeyId: auth?.accessKeyId ?? null,
    bucket: null,
    continueBody: continueNothing,
  };
}

function routeOf(request: S3Request): Route {
  const scope: Scope = request.key !== null ? "object" : request.bucketName !== null ? "bucket" : "service";
  const match = matchRoute(request.method, scope, request.query, (name) => request.req.headers[name] !== undefined);
  if (!match)
    throw new S3Error("MethodNotAllowed", `The ${request.method} method is not allowed against this resource.`);
  if ("unsupported" in match)
    throw new S3Error("NotImplemented", `The ${match.unsupported} sub-resource is not implemented by this server.`);
  return match.route;
}

function asS3Error(error: unknown, operation: string): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof EngineError) return s3ErrorFromEngine(error);
  console.error(`s3 ${operation}: internal error:`, error);
  return new S3Error("InternalError");
}

function withHeaders(response: S3Response, headers: Record<string, string>): S3Response {
  return Object.keys(headers).length === 0 ? response : { ...response, headers: { ...headers, ...response.headers } };
}
