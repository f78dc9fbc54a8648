import type { RawInput, OperationResult } from "../v2/define";
import type { V2OperationName } from "../v2/operations";
import type { V2Response } from "../v2/contract";

/**
 * How the v1 and v0 routes reach the one set of handlers: a v2 operation by
 * name, with a v2 query and body. The router binds it to `invokeV2` and the
 * request's context; unit tests bind it to a fake, so the routes are testable
 * without HTTP or an engine.
 */
export type V2Call = <Op extends V2OperationName>(
  operation: Op,
  input: RawInput,
) => Promise<OperationResult<V2Response<Op>>>;

/** What a v1/v0 route answers; `body: undefined` is an empty body. */
export interface CompatResponse {
  status: number;
  body: unknown;
}

/** Calls a v2 operation; its body is typed by the v2 contract (the handlers are checked against it). */
export async function callV2<Op extends V2OperationName>(
  call: V2Call,
  operation: Op,
  input: Partial<RawInput>,
): Promise<V2Response<Op>> {
  const result = await call(operation, { query: input.query ?? {}, body: input.body });
  return result.body;
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
