import "server-only";
import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { registerKubemq } from "@/lib/server/kubemq/openapi";
import { apiErrorStatuses } from "./errors";
import type { z } from "zod";
import type { ApiRoute, MediaType } from "./route";
import { errorBody } from "./schemas";
import { apiBasePath, apiRoutes } from "./table";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route table and the very zod
 * schemas that validate requests and answers (@asteasolutions/zod-to-openapi).
 */
type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

function errorResponses(route: ApiRoute): Record<string, { description: string; content: object }> {
  const statuses = new Set<number>([401, 429, 400]);
  if (route.need !== "signed-in") statuses.add(403);
  if (route.path.includes("{")) statuses.add(404);
  if (route.method !== "GET") statuses.add(409);
  const byStatus = Object.entries(apiErrorStatuses).reduce<Record<number, string[]>>((table, [code, status]) => {
    (table[status] ??= []).push(code);
    return table;
  }, {});
  return Object.fromEntries(
    [...statuses].map((status) => [
      String(status),
      {
        description: `Refused: ${(byStatus[status] ?? []).join(", ")}.`,
        content: { "application/json": { schema: errorBody } },
      },
    ]),
  );
}

const mediaTypeNames: Record<MediaType, string> = { json: "application/json", yaml: "application/yaml" };

function contentOf(schema: z.ZodType, types: readonly MediaType[] = ["json"]): Record<string, { schema: z.ZodType }> {
  return Object.fromEntries(types.map((type) => [mediaTypeNames[type], { schema }]));
}

function register(registry: OpenAPIRegistry, route: ApiRoute): void {
  const success =
    route.status === 204 || !route.response
      ? { description: "Done; no content." }
      : { description: "Success.", content: contentOf(route.response, route.answerTypes) };
  registry.registerPath({
    method: route.method.toLowerCase() as Lowercase<ApiRoute["method"]>,
    path: route.path,
    summary: route.summary,
    request: {
      params: route.params,
      query: route.query,
      body: route.body
        ? { content: contentOf(route.documentedBody ?? route.body, route.bodyTypes), required: true }
        : undefined,
    },
    responses: { [String(route.status)]: success, ...errorResponses(route) },
  });
}

export function openApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "basic", { type: "http", scheme: "basic" });
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
  });
  for (const route of apiRoutes) register(registry, route);
  registerKubemq(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Carport console API",
      version: "1",
      description:
        "Tenants, users, buckets and access keys, with the console's roles and tenant isolation. Authenticate with a console user's name and password (HTTP Basic) or the console's session.",
    },
    servers: [{ url: apiBasePath }],
    security: [{ basic: [] }, { session: [] }],
  });
}
