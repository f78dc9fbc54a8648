import type { z } from "zod";
import { AdminError } from "../errors";
import type { RawInput, OperationResult } from "../v2/define";
import type { V2OperationName } from "../v2/operations";

/**
 * How the v1 and v0 routes reach the one set of handlers: a v2 operation by
 * name, with a v2 query and body. The router binds it to `invokeV2` and the
 * request's context; unit tests bind it to a fake, so the routes are testable
 * without HTTP or an engine.
 */
export type V2Call = (operation: V2OperationName, input: RawInput) => Promise<OperationResult>;

/** What a v1/v0 route answers; `body: undefined` is an empty body. */
export interface CompatResponse {
  status: number;
  body: unknown;
}

/** Calls a v2 operation and parses its body with the shape the translation reads. */
export async function callV2<S extends z.ZodType>(
  call: V2Call,
  operation: V2OperationName,
  input: Partial<RawInput>,
  shape: S,
): Promise<z.infer<S>> {
  const result = await call(operation, { query: input.query ?? {}, body: input.body });
  const parsed = shape.safeParse(result.body);
  if (parsed.success) return parsed.data;
  // The v2 layer is ours: a body we cannot read is a bug there, not bad input.
  throw new AdminError(
    "InternalError",
    `v2 ${operation} answered an unexpected body: ${parsed.error.issues[0]?.message ?? "?"}`,
  );
}

/** Calls a v2 operation for its effect only. */
export async function callV2Effect(call: V2Call, operation: V2OperationName, input: Partial<RawInput>): Promise<void> {
  await call(operation, { query: input.query ?? {}, body: input.body });
}

export function json(body: unknown): CompatResponse {
  return { status: 200, body };
}

/** Garage's DELETE answers in v0/v1: 204 and no body. */
export const noContent: CompatResponse = { status: 204, body: undefined };

/** Garage 0.8's layout updates answer 200 with an empty body. */
export const emptyOk: CompatResponse = { status: 200, body: undefined };
