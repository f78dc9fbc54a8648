import { requireScope } from "../auth";
import type { AdminRequestContext } from "../context";
import { AdminError } from "../errors";
import type { AdminHttpRequest, AdminHttpResponse } from "../http-types";
import { invokeV2 } from "../v2/dispatch";
import { isV2OperationName, type V2OperationName } from "../v2/operations";
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
  requireRouteScope(context, route);
  const call: V2Call = (operation, input) => invokeV2(context, operation, input);
  return route.handle(call, { query: request.query, body: request.body });
}

/** The v1/v0 endpoints whose Garage name is not the name of the v2 operation they stand for. */
const v2NameOfCompat: Readonly<Record<string, V2OperationName>> = {
  BucketAllowKey: "AllowBucketKey",
  BucketDenyKey: "DenyBucketKey",
  GlobalAliasBucket: "AddBucketAlias",
  GlobalUnaliasBucket: "RemoveBucketAlias",
  LocalAliasBucket: "AddBucketAlias",
  LocalUnaliasBucket: "RemoveBucketAlias",
};

/**
 * A scoped token is checked against the route before its translation reads the
 * body, so a token out of scope learns nothing (not even a validation message);
 * the v2 calls the route makes are checked again one by one.
 */
function requireRouteScope(context: AdminRequestContext, route: CompatRoute): void {
  if (context.caller.kind === "root") return;
  const operation = v2NameOfCompat[route.name] ?? (isV2OperationName(route.name) ? route.name : null);
  if (operation === null)
    throw new AdminError("AccessDenied", `Forbidden: this token does not have access to the endpoint ${route.name}`);
  requireScope(context.caller, operation);
}

/** Garage's /v1 API (0.9/1.x), translated onto the v2 handlers. */
export function routeV1(context: AdminRequestContext, request: AdminHttpRequest): Promise<AdminHttpResponse> {
  return routeCompat(v1Routes, context, request);
}
