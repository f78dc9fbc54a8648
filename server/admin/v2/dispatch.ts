import type { AdminRequestContext } from "../context";
import { requireScope } from "../auth";
import { toAdminError } from "../errors";
import type { Operation, OperationResult, RawInput } from "./define";
import type { V2OperationName } from "./operations";
import type { V2OperationTable, V2Response } from "./contract";
import { clusterOperations } from "./handlers/cluster";
import { layoutOperations } from "./handlers/layout";
import { adminTokenOperations } from "./handlers/admin-tokens";
import { keyOperations } from "./handlers/keys";
import { bucketOperations } from "./handlers/buckets";
import { permissionOperations } from "./handlers/permissions";
import { nodeOperations } from "./handlers/nodes";
import { workerOperations } from "./handlers/workers";
import { blockOperations } from "./handlers/blocks";

export type { V2OperationName } from "./operations";

/** Every v2 operation's schemas and handler: a missing one, or one answering another shape, is a compile error. */
const operations: V2OperationTable = {
  ...clusterOperations,
  ...layoutOperations,
  ...adminTokenOperations,
  ...keyOperations,
  ...bucketOperations,
  ...permissionOperations,
  ...nodeOperations,
  ...workerOperations,
  ...blockOperations,
};

/**
 * Runs one v2 operation for an authenticated caller: checks the token's scope,
 * validates the query and body with the operation's zod schemas, and returns the
 * v2-shaped response. Throws AdminError only (engine errors are mapped here). The v0/v1 translations call this too.
 */
export async function invokeV2<Op extends V2OperationName>(
  context: AdminRequestContext,
  operation: Op,
  input: RawInput,
): Promise<OperationResult<V2Response<Op>>> {
  try {
    requireScope(context.caller, operation);
    const handler: Operation<V2Response<Op>> = operations[operation];
    return await handler.run(context, input);
  } catch (error) {
    throw toAdminError(error);
  }
}
