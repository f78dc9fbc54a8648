import type { AdminRequestContext } from "../context";
import type { AdminHttpRequest, AdminHttpResponse } from "../http-types";
import { AdminError } from "../errors";

/** Garage's /v1 API, translated onto the v2 handlers (placeholder until the translation lands). */
export async function routeV1(context: AdminRequestContext, request: AdminHttpRequest): Promise<AdminHttpResponse> {
  void context;
  throw new AdminError("NotFound", `v1/ endpoint is not implemented yet: ${request.method} ${request.path}`);
}
