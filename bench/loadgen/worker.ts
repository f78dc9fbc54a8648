import { S3LeanClient } from "./client";
import type { Job, JobResults } from "./jobs";
import { runFill, runLoad, runMixed } from "./run-load";
import { runBucket, runCopy, runDelete, runList, runMultipart } from "./run-ops";

/**
 * The load-generator process: forked by the bench, it runs one job at a time sent
 * over IPC and answers with its result, so the requests' CPU never shares the
 * engine's or the orchestrator's event loop.
 */

export interface JobMessage {
  id: number;
  job: Job;
}

export type ReplyMessage =
  { id: number; ok: true; result: JobResults[Job["kind"]] } | { id: number; ok: false; error: string };

async function run(job: Job): Promise<JobResults[Job["kind"]]> {
  const client = new S3LeanClient(job.target);
  try {
    switch (job.kind) {
      case "load":
        return await runLoad(client, job);
      case "fill":
        return await runFill(client, job);
      case "mixed":
        return await runMixed(client, job);
      case "multipart":
        return await runMultipart(client, job);
      case "copy":
        return await runCopy(client, job);
      case "list":
        return await runList(client, job);
      case "delete":
        return await runDelete(client, job);
      case "bucket":
        return await runBucket(client, job);
    }
  } finally {
    client.close();
  }
}

process.on("message", (message: JobMessage) => {
  run(message.job).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies ReplyMessage),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ReplyMessage),
  );
});
// The orchestrator going away ends the generator too.
process.on("disconnect", () => process.exit(0));
