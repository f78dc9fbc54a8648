import { z } from "zod";
import { AdminError } from "../errors";
import type { AdminRequestContext } from "../context";

/**
 * An operation: its zod schemas for the query string and the JSON body, and its
 * handler. `defineOperation` keeps the handler typed by its schemas; the
 * operation keeps its result type, which the dispatch table checks against the
 * generated v2 contract (contract.ts).
 */

export interface RawInput {
  query: Record<string, string | undefined>;
  body: unknown;
}

export interface OperationResult<Body = unknown> {
  status: number;
  /** undefined: an empty body (Garage answers some deletions with 200 and nothing). */
  body: Body;
}

export interface Operation<Body = unknown> {
  run(context: AdminRequestContext, input: RawInput): Promise<OperationResult<Body>>;
}

interface OperationSpec<Q extends z.ZodType, B extends z.ZodType, Result> {
  query?: Q;
  body?: B;
  handle(context: AdminRequestContext, input: { query: z.infer<Q>; body: z.infer<B> }): Promise<Result> | Result;
}

const noQuery = z.object({});
const noBody = z.unknown();

export function defineOperation<Result, Q extends z.ZodType = typeof noQuery, B extends z.ZodType = typeof noBody>(
  spec: OperationSpec<Q, B, Result>,
): Operation<Result> {
  const querySchema = spec.query ?? noQuery;
  const bodySchema = spec.body ?? noBody;
  return {
    async run(context, input) {
      const query = parseOrThrow(querySchema, input.query, "query");
      const body = parseOrThrow(bodySchema, input.body, "body");
      const result = await spec.handle(context, { query: query as z.infer<Q>, body: body as z.infer<B> });
      return { status: 200, body: result };
    },
  };
}

function parseOrThrow(schema: z.ZodType, value: unknown, where: string): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue.path.length > 0 ? ` at ${issue.path.map(String).join(".")}` : "";
  throw new AdminError("InvalidRequest", `Invalid ${where}${at}: ${issue.message}`);
}

/** Query flags are strings: "true"/"false" (Garage accepts only these). */
export const queryBoolean = z.enum(["true", "false"]).transform((value) => value === "true");

/** Shared request pieces. */
export const nodeQuery = z.object({ node: z.string().min(1) });
