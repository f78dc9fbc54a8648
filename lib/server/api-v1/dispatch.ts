import "server-only";
import { getConsoleStore } from "@/lib/auth/store";
import { authorizeScope, scopeOf } from "@/lib/server/tenancy/scope";
import { authenticate } from "./authenticate";
import { toApiError } from "./describe-error";
import { ApiError, notFound } from "./errors";
import type { ApiRoute, HttpMethod } from "./route";
import { apiRoutes } from "./table";

/**
 * The console API's one entry: authenticate, find the route in the table, check the
 * caller's scope allows it, parse, run, answer JSON. Every refusal is the error envelope.
 */
const maxBodyBytes = 64 * 1024;
const noStore = { "Cache-Control": "no-store" };

function matchPath(route: ApiRoute, segments: string[]): Record<string, string> | null {
  const pattern = route.path.split("/").filter(Boolean);
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const placeholder = /^\{(\w+)\}$/.exec(part);
    if (placeholder) params[placeholder[1]] = segments[index];
    else if (part !== segments[index]) return null;
  }
  return params;
}

function findRoute(method: string, segments: string[]): { route: ApiRoute; params: Record<string, string> } {
  const matches = apiRoutes.flatMap((route) => {
    const params = matchPath(route, segments);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) throw notFound("NotFound");
  const found = matches.find((match) => match.route.method === method);
  if (!found) throw new ApiError("MethodNotAllowed", `Use ${matches.map((match) => match.route.method).join(", ")}.`);
  return found;
}

async function readBody(request: Request, route: ApiRoute): Promise<unknown> {
  if (!route.body) return undefined;
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    throw new ApiError("UnsupportedMediaType", "Send the body as JSON (Content-Type: application/json).");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBodyBytes) throw new ApiError("InvalidInput", "The body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("InvalidInput", "The body is not valid JSON.");
  }
}

export async function dispatchApi(request: Request, method: HttpMethod, segments: string[]): Promise<Response> {
  try {
    const user = await authenticate(request);
    const { route, params } = findRoute(method, segments);
    const store = await getConsoleStore();
    const scope = await scopeOf(store, user);
    if (route.need !== "signed-in") authorizeScope(scope, route.need);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const body = await readBody(request, route);
    const answer = await route.run({ store, user, scope, request }, { params, query, body });
    if (route.status === 204) return new Response(null, { status: 204, headers: noStore });
    return Response.json(answer, { status: route.status, headers: noStore });
  } catch (error) {
    const apiError = toApiError(error);
    const headers: Record<string, string> = { ...noStore };
    if (apiError.code === "Unauthenticated")
      headers["WWW-Authenticate"] = 'Basic realm="Carport console API", charset="UTF-8"';
    return Response.json(apiError.toBody(), { status: apiError.status, headers });
  }
}
