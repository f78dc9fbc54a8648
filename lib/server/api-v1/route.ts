import "server-only";
import type { z } from "zod";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import type { Need, Scope } from "@/lib/server/tenancy/scope";

/**
 * One route of the console API: its method and path, who may use it, the zod schemas of
 * its parameters, query, body and answer, and its handler. The router and the OpenAPI
 * document are both made from the table of these (./table), so they cannot disagree.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** Bodies and answers are JSON; a route may also take or give YAML (Hikube's manifests and Secrets). */
export type MediaType = "json" | "yaml";

export interface ApiContext {
  store: ConsoleStore;
  user: ConsoleUser;
  scope: Scope;
  request: Request;
}

type ObjectSchema = z.ZodObject;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a handler returns: the answer before its schema shapes it; a 204's return is ignored. */
type Answer<R> = R extends z.ZodType ? z.input<R> : unknown;

export interface RouteDefinition<
  P extends ObjectSchema | undefined,
  Q extends ObjectSchema | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
> {
  method: HttpMethod;
  /** With `{name}` placeholders, as OpenAPI writes them. */
  path: string;
  summary: string;
  /** `signed-in`: every active user; otherwise the area and access the scope must allow. */
  need: Need | "signed-in";
  params?: P;
  query?: Q;
  body?: B;
  /** What the body may be sent as (Content-Type); JSON only when absent. */
  bodyTypes?: readonly MediaType[];
  /** The body as the OpenAPI document shows it, when `body` is a parser that cannot say (a transform). */
  documentedBody?: z.ZodType;
  /** The success status; 204 answers have no body (and no `response`). */
  status: 200 | 201 | 204;
  response?: R;
  /** What the answer may be given as (Accept); JSON only when absent. */
  answerTypes?: readonly MediaType[];
  handle(context: ApiContext, input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> }): Promise<Answer<R>>;
}

export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** A route with its types erased for the table: `run` parses, handles and shapes the answer. */
export interface ApiRoute {
  method: HttpMethod;
  path: string;
  summary: string;
  need: Need | "signed-in";
  params?: ObjectSchema;
  query?: ObjectSchema;
  body?: z.ZodType;
  bodyTypes?: readonly MediaType[];
  documentedBody?: z.ZodType;
  status: 200 | 201 | 204;
  response?: z.ZodType;
  answerTypes?: readonly MediaType[];
  run(context: ApiContext, raw: RawInput): Promise<unknown>;
}

function parseWith(schema: z.ZodType | undefined, value: unknown): unknown {
  return schema ? schema.parse(value) : undefined;
}

export function defineRoute<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<P, Q, B, R>): ApiRoute {
  const { handle, ...meta } = definition;
  return {
    ...meta,
    async run(context, raw) {
      // The table's only casts: what a schema's parse returns is, by zod's contract, its output type.
      const input = {
        params: parseWith(definition.params, raw.params) as Parsed<P>,
        query: parseWith(definition.query, raw.query) as Parsed<Q>,
        body: parseWith(definition.body, raw.body) as Parsed<B>,
      };
      const result = await handle(context, input);
      // Parsing the answer strips whatever the schema does not list: nothing undocumented leaves.
      return definition.response ? definition.response.parse(result) : null;
    },
  };
}
