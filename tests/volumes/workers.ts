import { z } from "zod";
import type { ChildEngine } from "../../server/testing/child-engine";

/** Admin reads of the background workers and the layout history, for the volume tests. */

const workerSchema = z.object({
  id: z.number(),
  name: z.string(),
  state: z.unknown(),
  errors: z.number(),
  progress: z.string().nullable(),
  queueLength: z.number().nullable(),
  tranquility: z.number().nullable(),
  freeform: z.array(z.string()),
});
export type Worker = z.infer<typeof workerSchema>;
const listWorkersSchema = z.object({ success: z.record(z.string(), z.array(workerSchema)) });

/** The workers as one node (volume) reports them: its own queue, restore and scrub figures. */
export async function workers(engine: ChildEngine, node = "self"): Promise<Worker[]> {
  const listed = listWorkersSchema.parse(await engine.admin("ListWorkers", {}, { node }));
  const [first] = Object.values(listed.success);
  if (!first) throw new Error("ListWorkers answered no node");
  return first;
}

async function workerNamed(engine: ChildEngine, name: string, node: string): Promise<Worker> {
  const found = (await workers(engine, node)).find((worker) => worker.name === name);
  if (!found) throw new Error(`no worker named ${name}`);
  return found;
}

export const rebalanceWorker = (engine: ChildEngine, node = "self") => workerNamed(engine, "Block rebalance", node);
export const resyncWorker = (engine: ChildEngine, node = "self") => workerNamed(engine, "Block resync", node);
export const scrubWorker = (engine: ChildEngine, node = "self") => workerNamed(engine, "Block scrub", node);

export async function setWorkerVariable(engine: ChildEngine, variable: string, value: string): Promise<void> {
  const answer = z
    .object({ success: z.record(z.string(), z.unknown()), error: z.record(z.string(), z.string()) })
    .parse(await engine.admin("SetWorkerVariable", { variable, value }, { node: "self" }));
  const errors = Object.values(answer.error);
  if (errors.length > 0) throw new Error(`SetWorkerVariable ${variable}: ${errors.join("; ")}`);
}

const historySchema = z.object({
  currentVersion: z.number(),
  versions: z.array(z.object({ version: z.number(), status: z.enum(["Current", "Draining", "Historical"]) })),
});

export async function layoutHistory(engine: ChildEngine): Promise<z.infer<typeof historySchema>> {
  return historySchema.parse(await engine.admin("GetClusterLayoutHistory"));
}
