import type { AdminRequestContext } from "../context";
import type { AdminHttpRequest, AdminHttpResponse } from "../http-types";
import { routeCompat } from "../v1/router";
import { v0Routes } from "./routes";

/** Garage's /v0 API (0.7.2–0.8), translated onto the v2 handlers. */
export function routeV0(context: AdminRequestContext, request: AdminHttpRequest): Promise<AdminHttpResponse> {
  return routeCompat(v0Routes, context, request);
}
