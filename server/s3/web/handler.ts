import type http from "node:http";
import { newRequestId } from "../../http/listen";
import type { RequestMetrics } from "../../http/metrics";
import type { Engine } from "../../engine/engine";
import type { BucketRecord, ObjectRecord } from "../../engine/metadata/records";
import { EngineError } from "../../engine/errors";
import { parseRange } from "../conditions";
import { S3Error } from "../errors";
import { writeResponse, type S3Response } from "../response";

/**
 * The website endpoint (:3902): serves buckets with website access enabled, by
 * host name (`<bucket><web root domain>` or the bucket's global alias itself).
 * Anonymous, GET and HEAD only, index and error documents as Garage.
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
    try {
      response = serve(engine, rootDomain, req);
    } catch (error) {
      response = errorPage(error);
    }
    void writeResponse(res, response, requestId).finally(() =>
      metrics.observe("web", req.method ?? "GET", response.status, performance.now() - startedMs),
    );
  };
}

function bucketOfHost(engine: Engine, rootDomain: string | null, host: string | undefined): BucketRecord | null {
  const hostname = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  const name = rootDomain && hostname.endsWith(rootDomain) ? hostname.slice(0, -rootDomain.length) : hostname;
  const bucketId = engine.buckets.globalAliasTarget(name);
  return bucketId ? engine.buckets.get(bucketId) : null;
}

function serve(engine: Engine, rootDomain: string | null, req: http.IncomingMessage): S3Response {
  if (req.method !== "GET" && req.method !== "HEAD") throw new S3Error("MethodNotAllowed");
  const bucket = bucketOfHost(engine, rootDomain, req.headers.host);
  if (!bucket || !bucket.website) throw new S3Error("NoSuchBucket", "No website is served at this address.");
  const path = decodeWebPath(req.url ?? "/");
  const key = path.endsWith("/") ? `${path.slice(1)}${bucket.website.indexDocument}` : path.slice(1);
  try {
    return objectResponse(engine, bucket, key, req, 200);
  } catch (error) {
    if (!(error instanceof EngineError && error.code === "NoSuchKey")) throw error;
    if (!path.endsWith("/") && engine.objects.get(bucket.id, `${key}/${bucket.website.indexDocument}`)) {
      return { status: 302, headers: { location: `${path}/` }, body: null };
    }
    if (bucket.website.errorDocument && engine.objects.get(bucket.id, bucket.website.errorDocument)) {
      return objectResponse(engine, bucket, bucket.website.errorDocument, req, 404);
    }
    throw new S3Error("NoSuchKey");
  }
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
