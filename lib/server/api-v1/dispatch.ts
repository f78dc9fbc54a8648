import "server-only";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { getConsoleStore } from "@/lib/server/auth/store";
import { authorizeScope, scopeOf } from "@/lib/server/tenancy/scope";
import { authenticate } from "./authenticate";
import { toApiError } from "./describe-error";
import { ApiError, notFound } from "./errors";
import type { ApiRoute, HttpMethod, MediaType } from "./route";
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

const mediaTypes: Record<MediaType, string> = { json: "application/json", yaml: "application/yaml" };
/** Other names clients send YAML under. */
const yamlAliases = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

function bodyTypeOf(request: Request, route: ApiRoute): MediaType {
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  const accepted = route.bodyTypes ?? ["json"];
  if (contentType.startsWith("application/json")) return "json";
  if (accepted.includes("yaml") && yamlAliases.some((name) => contentType.startsWith(name))) return "yaml";
  const names = accepted.map((type) => `${type.toUpperCase()} (Content-Type: ${mediaTypes[type]})`);
  throw new ApiError("UnsupportedMediaType", `Send the body as ${names.join(" or ")}.`);
}

async function readBody(request: Request, route: ApiRoute): Promise<unknown> {
  if (!route.body) return undefined;
  const type = bodyTypeOf(request, route);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBodyBytes) throw new ApiError("InvalidInput", "The body is too large.");
  try {
    return type === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    if (type === "json") throw new ApiError("InvalidInput", "The body is not valid JSON.");
    throw new ApiError("InvalidInput", `The body is not valid YAML: ${String(error).split("\n")[0]}`);
  }
}

/** YAML when the route offers it and the client asks for it first (Accept: application/yaml). */
function answerTypeOf(request: Request, route: ApiRoute): MediaType {
  if (!route.answerTypes?.includes("yaml")) return "json";
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  const yamlAt = Math.min(...yamlAliases.map((name) => accept.indexOf(name)).filter((index) => index >= 0));
  const jsonAt = accept.indexOf("application/json");
  return Number.isFinite(yamlAt) && (jsonAt < 0 || yamlAt < jsonAt) ? "yaml" : "json";
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
    if (answerTypeOf(request, route) === "yaml")
      return new Response(stringifyYaml(answer), {
        status: route.status,
        headers: { ...noStore, "Content-Type": "application/yaml; charset=utf-8" },
      });
    return Response.json(answer, { status: route.status, headers: noStore });
  } catch (error) {
    const apiError = toApiError(error);
    const headers: Record<string, string> = { ...noStore };
    if (apiError.code === "Unauthenticated")
      headers["WWW-Authenticate"] = 'Basic realm="Carport console API", charset="UTF-8"';
    return Response.json(apiError.toBody(), { status: apiError.status, headers });
  }
}
