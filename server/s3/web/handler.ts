import type http from "node:http";
import { newRequestId } from "../../http/listen";
import type { RequestMetrics } from "../../http/metrics";
import type { Engine } from "../../engine/engine";
import type { BucketRecord, ObjectRecord } from "../../engine/metadata/records";
import { EngineError } from "../../engine/errors";
import { parseRange } from "../conditions";
import { S3Error } from "../errors";
import { writeResponse, type S3Response } from "../response";
import { corsAnswerHeaders, matchingCorsRule } from "../cors-rules";
import { routeAfterError, routeBeforeRead } from "./routing";

/**
 * The website endpoint (:3902): serves buckets with website access enabled, by
 * host name (`<bucket><web root domain>` or the bucket's global alias itself).
 * Anonymous, GET and HEAD only, index and error documents, routing rules and
 * RedirectAllRequestsTo as Garage 2.3, and the bucket's CORS rules.
 */

export interface WebHandlerDependencies {
  engine: Engine;
  metrics: RequestMetrics;
  /** Websites are served at `<bucket><rootDomain>` as well as at their global alias. */
  rootDomain: string | null;
}

export function createWebHandler({
  engine,
  metrics,
  rootDomain,
}: WebHandlerDependencies): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const startedMs = performance.now();
    const requestId = newRequestId();
    let response: S3Response;
    const bucket = bucketOfHost(engine, rootDomain, req.headers.host);
    try {
      response = req.method === "OPTIONS" ? webPreflight(req, bucket) : serve(engine, bucket, req);
    } catch (error) {
      response = errorPage(error);
    }
    if (req.method !== "OPTIONS")
      response = { ...response, headers: { ...webCorsHeaders(req, bucket), ...response.headers } };
    // A commit is visible before its fsync returns: the page is sent once what it read is durable.
    const answer = response;
    void Promise.resolve(engine.whenAllDurable())
      .then(() => writeResponse(res, answer, requestId))
      .finally(() => metrics.observe("web", req.method ?? "GET", answer.status, performance.now() - startedMs));
  };
}

function bucketOfHost(engine: Engine, rootDomain: string | null, host: string | undefined): BucketRecord | null {
  const hostname = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  const name = rootDomain && hostname.endsWith(rootDomain) ? hostname.slice(0, -rootDomain.length) : hostname;
  const bucketId = engine.buckets.globalAliasTarget(name);
  return bucketId ? engine.buckets.get(bucketId) : null;
}

/** The bucket's CORS rules on the website too: a page elsewhere may fetch from it where they allow. */
function webCorsHeaders(req: http.IncomingMessage, bucket: BucketRecord | null): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !bucket?.cors) return {};
  const ask = { origin, method: (req.method ?? "GET").toUpperCase(), headers: [] };
  const rule = matchingCorsRule(bucket.cors, ask);
  return rule ? corsAnswerHeaders(rule, ask, false) : {};
}

function webPreflight(req: http.IncomingMessage, bucket: BucketRecord | null): S3Response {
  const origin = req.headers.origin;
  const method = req.headers["access-control-request-method"];
  if (!origin || typeof method !== "string")
    throw new S3Error("BadRequest", "Insufficient information. Origin request header needed.");
  const requested = req.headers["access-control-request-headers"];
  const headers = (typeof requested === "string" ? requested : "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const ask = { origin, method: method.toUpperCase(), headers };
  const rule = bucket?.website ? matchingCorsRule(bucket.cors, ask) : null;
  if (!rule) throw new S3Error("AccessForbidden", "CORSResponse: This CORS request is not allowed.");
  return { status: 200, headers: corsAnswerHeaders(rule, ask, true), body: null };
}

function serve(engine: Engine, bucket: BucketRecord | null, req: http.IncomingMessage): S3Response {
  if (req.method !== "GET" && req.method !== "HEAD") throw new S3Error("MethodNotAllowed");
  if (!bucket || !bucket.website) throw new S3Error("NoSuchBucket", "No website is served at this address.");
  const website = bucket.website;
  const rawPath = (req.url ?? "/").split("?")[0];
  const path = decodeWebPath(req.url ?? "/");
  const host = req.headers.host ?? "";
  const requestedKey = path.slice(1);
  const before = routeBeforeRead(website, requestedKey, host, rawPath);
  if (before?.kind === "redirect") return redirect(before.status, before.location);
  const key = withIndex(before?.key ?? requestedKey, website.indexDocument);
  try {
    return objectResponse(engine, bucket, key, req, before?.status ?? 200);
  } catch (error) {
    if (!(error instanceof EngineError && error.code === "NoSuchKey")) throw error;
    if (!key.endsWith("/") && !path.endsWith("/") && engine.objects.get(bucket.id, `${key}/${website.indexDocument}`)) {
      return redirect(302, `${path}/`);
    }
    const after = routeAfterError(website, requestedKey, 404, host);
    if (after?.kind === "redirect") return redirect(after.status, after.location);
    if (after?.kind === "serve")
      return objectResponse(engine, bucket, withIndex(after.key, website.indexDocument), req, 200);
    if (website.errorDocument && engine.objects.get(bucket.id, website.errorDocument)) {
      return objectResponse(engine, bucket, website.errorDocument, req, 404);
    }
    throw new S3Error("NoSuchKey");
  }
}

function withIndex(key: string, indexDocument: string): string {
  return key === "" || key.endsWith("/") ? `${key}${indexDocument}` : key;
}

function redirect(status: number, location: string): S3Response {
  return { status, headers: { location }, body: null };
}

function decodeWebPath(url: string): string {
  try {
    return decodeURIComponent(url.split("?")[0]);
  } catch {
    throw new S3Error("InvalidURI", "Couldn't parse the specified URI: it is not valid percent-encoded UTF-8.");
  }
}

function objectResponse(
  engine: Engine,
  bucket: BucketRecord,
  key: string,
  req: http.IncomingMessage,
  status: number,
): S3Response {
  const range = (record: ObjectRecord) => (status === 200 ? parseRange(req.headers.range, record.sizeBytes) : null);
  if (req.method === "HEAD") {
    const record = engine.objects.require(bucket.id, key);
    return {
      status,
      headers: { ...record.headers, etag: `"${record.etag}"`, "content-length": record.sizeBytes },
      body: null,
    };
  }
  const opened = engine.objects.open(bucket.id, key, null, range);
  const headers: S3Response["headers"] = {
    ...opened.record.headers,
    etag: `"${opened.record.etag}"`,
    "accept-ranges": "bytes",
  };
  if (!opened.range)
    return { status, headers: { ...headers, "content-length": opened.record.sizeBytes }, body: opened.body };
  const lengthBytes = opened.range.endByte - opened.range.startByte + 1;
  return {
    status: 206,
    headers: {
      ...headers,
      "content-length": lengthBytes,
      "content-range": `bytes ${opened.range.startByte}-${opened.range.endByte}/${opened.record.sizeBytes}`,
    },
    body: opened.body,
  };
}

function errorPage(error: unknown): S3Response {
  const s3Error =
    error instanceof S3Error
      ? error
      : error instanceof EngineError && error.code === "NoSuchKey"
        ? new S3Error("NoSuchKey")
        : new S3Error("InternalError");
  const body = `<!doctype html><title>${s3Error.status}</title><h1>${s3Error.status} ${s3Error.code}</h1><p>${s3Error.message.replace(/[<>&]/g, "")}</p>\n`;
  return { status: s3Error.status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}
