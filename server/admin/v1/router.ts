import type { AdminRequestContext } from "../context";
import type { AdminHttpRequest, AdminHttpResponse } from "../http-types";
import { invokeV2 } from "../v2/dispatch";
import { findRoute, type CompatRoute } from "./table";
import type { V2Call } from "./v2-call";
import { v1Routes } from "./routes";

/**
 * Runs a v0 or v1 request: finds its row, then lets it translate to v2 calls
 * made with the caller's own context, so token scopes apply per v2 operation.
 */
export function routeCompat(
  routes: readonly CompatRoute[],
  context: AdminRequestContext,
  request: AdminHttpRequest,
): Promise<AdminHttpResponse> {
  const route = findRoute(routes, request.method, request.path, request.query);
  const call: V2Call = (operation, input) => invokeV2(context, operation, input);
  return route.handle(call, { query: request.query, body: request.body });
}

/** Garage's /v1 API (0.9/1.x), translated onto the v2 handlers. */
export function routeV1(context: AdminRequestContext, request: AdminHttpRequest): Promise<AdminHttpResponse> {
  return routeCompat(v1Routes, context, request);
}
