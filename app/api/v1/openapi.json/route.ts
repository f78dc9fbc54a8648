import { openApiDocument } from "@/lib/server/api-v1/openapi";

/** The OpenAPI 3.1 document of /api/v1, generated from its zod schemas. Needs no credentials. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
}
