import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation, nodeQuery } from "../define";
import { oncePerEngine, perNode } from "../per-node";
import type { WorkerInfo } from "../../../engine/service/workers";

/** ListWorkers, GetWorkerInfo, Get/SetWorkerVariable. */

function renderWorker(worker: WorkerInfo, nowMs: number = Date.now()): V2Schema<"WorkerInfoResp"> {
  return {
    id: worker.id,
    name: worker.name,
    state: worker.state,
    errors: worker.errors,
    consecutiveErrors: worker.consecutiveErrors,
    lastError: worker.lastError
      ? { message: worker.lastError.message, secsAgo: Math.max(0, Math.floor((nowMs - worker.lastError.atMs) / 1000)) }
      : null,
    progress: worker.progress,
    queueLength: worker.queueLength,
    tranquility: worker.tranquility,
    persistentErrors: null,
    freeform: worker.freeform,
  };
}

export const workerOperations = {
  ListWorkers: defineOperation({
    query: nodeQuery,
    body: z.object({ busyOnly: z.boolean().optional(), errorOnly: z.boolean().optional() }).default({}),
    handle: (context, { query, body }) =>
      perNode(context, query.node, (nodeId) =>
        context.admin.engine.workers
          .list(nodeId)
          .filter((worker) => (!body.busyOnly || worker.state === "busy") && (!body.errorOnly || worker.errors > 0))
          .map((worker) => renderWorker(worker)),
      ),
  }),
  GetWorkerInfo: defineOperation({
    query: nodeQuery,
    body: z.object({ id: z.number().int().nonnegative() }),
    handle: (context, { query, body }) =>
      perNode(context, query.node, (nodeId) => renderWorker(context.admin.engine.workers.get(body.id, nodeId))),
  }),
  GetWorkerVariable: defineOperation({
    query: nodeQuery,
    body: z.object({ variable: z.string().nullable().optional() }).default({}),
    handle: (context, { query, body }) =>
      oncePerEngine(context, query.node, () => {
        const all = context.admin.engine.workers.variables();
        if (!body.variable) return all;
        if (!(body.variable in all)) throw new Error(`Unknown worker variable: ${body.variable}`);
        return { [body.variable]: all[body.variable] };
      }),
  }),
  SetWorkerVariable: defineOperation({
    query: nodeQuery,
    body: z.object({ variable: z.string().min(1), value: z.string() }),
    handle: (context, { query, body }) =>
      oncePerEngine(context, query.node, async () => {
        await context.admin.engine.workers.setVariable(body.variable, body.value);
        return { variable: body.variable, value: context.admin.engine.workers.variables()[body.variable] };
      }),
  }),
} satisfies Partial<V2OperationTable>;
