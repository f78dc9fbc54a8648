import { type S3LeanClient, type S3Reply } from "./client";
import { Recorder, runLoops, withUniqueBody } from "./bodies";
import { type FillJob, keyName, type LoadJob, type LoadResult, type MixedJob, type MixedResult } from "./jobs";

/** Closed-loop load: fixed-size PUT or GET at a concurrency, a bulk fill, and the mixed 70/25/5 load. */

function expectStatus(reply: S3Reply, accepted: number[], what: string): string | null {
  return accepted.includes(reply.status) ? null : `${what}: HTTP ${reply.status}`;
}

async function timed(
  recorder: Recorder,
  what: string,
  accepted: number[],
  send: () => Promise<S3Reply>,
  bytesOf: (reply: S3Reply) => number,
): Promise<boolean> {
  const startedMs = performance.now();
  try {
    const reply = await send();
    const problem = expectStatus(reply, accepted, what);
    if (problem) recorder.fail(problem);
    else recorder.ok(startedMs, bytesOf(reply));
    return problem === null;
  } catch (error) {
    recorder.fail(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** A timed PUT of a fresh unique body of sizeBytes; true when the store accepted it. */
function timedPut(recorder: Recorder, client: S3LeanClient, bucket: string, key: string, sizeBytes: number) {
  return withUniqueBody(sizeBytes, (body) =>
    timed(
      recorder,
      "PUT",
      [200],
      () => client.call({ method: "PUT", bucket, key, body }),
      () => body.length,
    ),
  );
}

export async function runLoad(client: S3LeanClient, job: LoadJob): Promise<LoadResult> {
  const recorder = new Recorder();
  const deadlineMs = performance.now() + job.durationMs;
  let issued = 0;
  await runLoops(job.concurrency, deadlineMs, async () => {
    if (issued >= job.maxOps) return false;
    const index = issued++;
    if (job.method === "PUT") {
      await timedPut(recorder, client, job.bucket, `${job.keyPrefix}${index}`, job.sizeBytes);
    } else {
      const key = `${job.keyPrefix}${index % job.keyCount}`;
      await timed(
        recorder,
        "GET",
        [200],
        () => client.call({ method: "GET", bucket: job.bucket, key }),
        (reply) => reply.receivedBytes,
      );
    }
    // A failing target would otherwise spin; one error per request is enough to report.
    return recorder.errors < 100;
  });
  return recorder.result();
}

export async function runFill(client: S3LeanClient, job: FillJob): Promise<LoadResult> {
  const recorder = new Recorder();
  let next = 0;
  await runLoops(job.concurrency, Number.POSITIVE_INFINITY, async () => {
    if (next >= job.count || recorder.errors >= 100) return false;
    const key = keyName(job.keyPattern, next++);
    await timedPut(recorder, client, job.bucket, key, job.sizeBytes);
    return true;
  });
  return recorder.result();
}

/** Each worker owns its keys, so a GET never races another worker's DELETE: every error is the store's. */
export async function runMixed(client: S3LeanClient, job: MixedJob): Promise<MixedResult> {
  const live: string[][] = Array.from({ length: job.concurrency }, () => []);
  const written = new Array<number>(job.concurrency).fill(0);
  const put = async (recorder: Recorder, worker: number) => {
    const key = `${job.keyPrefix}w${worker}/${written[worker]++}`;
    if (await timedPut(recorder, client, job.bucket, key, job.sizeBytes)) live[worker].push(key);
  };
  const setup = new Recorder();
  await runLoops(job.concurrency, Number.POSITIVE_INFINITY, async (worker) => {
    await put(setup, worker);
    return live[worker].length < job.keysPerWorker && setup.errors < 100;
  });
  const recorder = new Recorder();
  const opsByMethod = { GET: 0, PUT: 0, DELETE: 0 };
  await runLoops(job.concurrency, performance.now() + job.durationMs, async (worker) => {
    const keys = live[worker];
    const dice = Math.random();
    if (dice < 0.05 && keys.length > 1) {
      const key = keys.splice(Math.floor(Math.random() * keys.length), 1)[0];
      opsByMethod.DELETE += 1;
      await timed(
        recorder,
        "DELETE",
        [204, 200],
        () => client.call({ method: "DELETE", bucket: job.bucket, key }),
        () => 0,
      );
    } else if (dice < 0.3 || keys.length === 0) {
      opsByMethod.PUT += 1;
      await put(recorder, worker);
    } else {
      const key = keys[Math.floor(Math.random() * keys.length)];
      opsByMethod.GET += 1;
      await timed(
        recorder,
        "GET",
        [200],
        () => client.call({ method: "GET", bucket: job.bucket, key }),
        (reply) => reply.receivedBytes,
      );
    }
    return recorder.errors < 1000;
  });
  const result = recorder.result();
  return {
    ...result,
    errors: result.errors + setup.errors,
    firstError: setup.firstError ?? result.firstError,
    opsByMethod,
  };
}
