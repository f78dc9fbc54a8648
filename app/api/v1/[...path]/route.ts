import { dispatchApi } from "@/lib/server/api-v1/dispatch";
import type { HttpMethod } from "@/lib/server/api-v1/route";

/** The console API: one entry, a table of routes (lib/api-v1/table.ts). */
type Context = { params: Promise<{ path: string[] }> };

function handler(method: HttpMethod) {
  return async (request: Request, { params }: Context): Promise<Response> =>
    dispatchApi(request, method, (await params).path);
}

export const GET = handler("GET");
export const POST = handler("POST");
export const PUT = handler("PUT");
export const PATCH = handler("PATCH");
export const DELETE = handler("DELETE");
