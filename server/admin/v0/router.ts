import type { AdminRequestContext } from "../context";
import type { AdminHttpRequest, AdminHttpResponse } from "../http-types";
import { AdminError } from "../errors";

/** Garage's /v0 API, translated onto the v2 handlers (placeholder until the translation lands). */
export async function routeV0(context: AdminRequestContext, request: AdminHttpRequest): Promise<AdminHttpResponse> {
  void context;
  throw new AdminError("NotFound", `v0/ endpoint is not implemented yet: ${request.method} ${request.path}`);
}
