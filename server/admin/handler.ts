import type http from "node:http";
import type { AdminContext, AdminRequestContext } from "./context";
import { AdminError, adminErrorBody, toAdminError } from "./errors";
import { authenticate } from "./auth";
import { corsHeaders, queryRecord, readJsonBody, sendJson } from "./respond";
import { isV2OperationName, v2Operations } from "./v2/operations";
import { invokeV2 } from "./v2/dispatch";
import { routeV1 } from "./v1/router";
import { routeCarport } from "./carport/operations";
import { routeV0 } from "./v0/router";
import { parseLenientJson } from "./v0/lenient-json";
import { serveCheck, serveHealth, serveMetrics } from "./public-endpoints";
import type { AdminHttpResponse } from "./http-types";

export type { AdminContext } from "./context";

/**
 * The admin listener (:3903): OPTIONS, /health, /check and /metrics without the
 * admin token; /v2/<Operation> through the v2 table; /v1 and /v0 through their
 * translations. Every request is counted under api "admin".
 */
export function createAdminHandler(
  context: AdminContext,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const startedMs = performance.now();
    const url = new URL(req.url ?? "/", "http://admin");
    const observe = (endpoint: string, status: number, received: number, sent: number) => {
      context.metrics.observe("admin", endpoint, status, performance.now() - startedMs);
      context.metrics.addBytes(received, sent);
    };
    void handle(context, req, res, url, observe).catch((error: unknown) => {
      // Only the failure reaches the log: never headers, tokens or bodies.
      console.error(`admin: ${req.method} ${url.pathname} failed:`, error instanceof Error ? error.message : error);
      if (!res.headersSent)
        sendJson(res, 500, {
          code: "InternalError",
          message: "Internal error",
          region: context.region,
          path: url.pathname,
        });
    });
  };
}

type Observe = (endpoint: string, status: number, receivedBytes: number, sentBytes: number) => void;

async function handle(
  context: AdminContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  observe: Observe,
): Promise<void> {
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    res.writeHead(204, { ...corsHeaders, "access-control-max-age": "86400" });
    res.end();
    return observe("Options", 204, 0, 0);
  }
  const special = await serveSpecial(context, req, res, url);
  if (special) return observe(special.endpoint, special.status, 0, special.sentBytes);
  const endpoint = endpointName(url.pathname);
  let receivedBytes = 0;
  let response: AdminHttpResponse;
  try {
    const caller = authenticate(context, req.headers.authorization);
    const request: AdminRequestContext = { admin: context, caller, path: url.pathname };
    // v0 bodies may carry the trailing commas of Garage's v0 documentation examples.
    const { body, sizeBytes } = await readJsonBody(req, url.pathname.startsWith("/v0/") ? parseLenientJson : undefined);
    receivedBytes = sizeBytes;
    response = await route(request, method, url, body);
  } catch (error) {
    const adminError = toAdminError(error);
    response = {
      status: adminError.status,
      body: adminErrorBody(adminError, context.region, url.pathname),
    };
  }
  // A commit is visible before its fsync returns: every answer (a read's, an error's, a
  // write's that read others' rows) waits until what it saw is durable. Admin calls are few.
  await context.engine.whenAllDurable();
  const sentBytes = sendJson(res, response.status, response.body);
  observe(endpoint, response.status, receivedBytes, sentBytes);
}

async function serveSpecial(
  context: AdminContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<{ endpoint: string; status: number; sentBytes: number } | null> {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (url.pathname === "/health") return { endpoint: "Health", ...(await serveHealth(context, res)) };
  if (url.pathname === "/check") return { endpoint: "CheckDomain", ...serveCheck(context, res, url) };
  if (url.pathname === "/metrics") return { endpoint: "Metrics", ...(await serveMetrics(context, req, res)) };
  return null;
}

async function route(
  context: AdminRequestContext,
  method: string,
  url: URL,
  body: unknown,
): Promise<AdminHttpResponse> {
  const path = url.pathname;
  const query = queryRecord(url);
  if (path.startsWith("/v2/")) {
    const name = path.slice("/v2/".length);
    if (!isV2OperationName(name)) throw new AdminError("NotFound", `Unknown API endpoint: ${path}`);
    if (method !== v2Operations[name])
      throw new AdminError("MethodNotAllowed", `${name} expects ${v2Operations[name]}, not ${method}.`);
    return invokeV2(context, name, { query, body });
  }
  if (path.startsWith("/carport/v1/"))
    return routeCarport(context, method, path.slice("/carport/v1/".length), { query, body });
  if (path.startsWith("/v1/")) return routeV1(context, { method, path: path.slice(3), query, body });
  if (path.startsWith("/v0/")) return routeV0(context, { method, path: path.slice(3), query, body });
  throw new AdminError("NotFound", `Unknown API endpoint: ${path}`);
}

/** The metrics label: the v2 operation name, or the version prefix for v0/v1 paths. */
function endpointName(path: string): string {
  const name = path.startsWith("/v2/") ? path.slice(4) : "";
  if (isV2OperationName(name)) return name;
  if (path.startsWith("/v1/")) return "v1";
  if (path.startsWith("/v0/")) return "v0";
  return "Unknown";
}
