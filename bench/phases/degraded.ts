import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../../server/config";
import { startEngine } from "../../server/start";
import { engineThreadPoolSize } from "../../server/util/limits";
import type { TargetSpec } from "../loadgen/client";
import type { Plan } from "../options";
import { type LoadGenerator, startTsChild } from "../processes";
import { type Measurements, bestOf } from "../measurements";
import { sizeLabel } from "../units";
import { ensureBucket, mebibytesPerSecond } from "./objects";

/**
 * Issue 13's bench phase: object throughput with one volume down, as a share of
 * the same load with every volume up. The engine runs over three volumes in three
 * zones with replication factor 3 (a write needs 2 copies of 3); once the healthy
 * PUT and GET are measured, one volume's directory is moved away, and the same PUT
 * (new keys) and GET (the keys written while healthy) run again.
 */

export const degradedConcurrency = 4;
const zones = ["dc1", "dc2", "dc3"];
const healthPollMs = 200;
const healthWaitMs = 30_000;
const stepTimeoutMs = 120_000;

/** The object size of the phase: the smallest large size (1 MiB by default), stored in blocks. */
export function degradedSizeBytes(plan: Plan): number {
  return Math.min(...plan.largeSizesBytes);
}

function configToml(dir: string): string {
  return [
    "replication_factor = 3",
    ...zones.flatMap((zone, index) => [
      "[[data_dir]]",
      `path = "${path.join(dir, `volume-${index}`)}"`,
      `zone = "${zone}"`,
      `capacity = "100G"`,
    ]),
  ].join("\n");
}

function engineEnv(dir: string): Record<string, string> {
  return {
    CARPORT_CONFIG: path.join(dir, "carport.toml"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
}

/** An access key made through the engine's own service before the child opens the same directories. */
async function prepare(dir: string): Promise<TargetSpec["credentials"]> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "carport.toml"), configToml(dir));
  const config = { ...loadConfig(engineEnv(dir), dir), metadataFsync: false, dataFsync: false };
  const running = await startEngine(config);
  try {
    const key = await running.engine.keys.create({ name: "bench-degraded", allowCreateBucket: true });
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: config.s3.region };
  } finally {
    await running.stop();
  }
}

/** Waits until /health (no token needed) says the cluster is degraded: the volume is known down. */
async function waitUntilDegraded(adminUrl: string): Promise<void> {
  const deadlineMs = Date.now() + healthWaitMs;
  while (Date.now() < deadlineMs) {
    const text = await (await fetch(new URL("/health", adminUrl))).text();
    if (text.includes("some storage nodes are unavailable")) return;
    await new Promise((resolve) => setTimeout(resolve, healthPollMs));
  }
  throw new Error(`the engine did not report the missing volume within ${healthWaitMs} ms`);
}

export async function measureDegraded(
  generator: LoadGenerator,
  plan: Plan,
  workDir: string,
  bucket: string,
): Promise<Measurements> {
  const dir = path.join(workDir, "degraded");
  const credentials = await prepare(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, UV_THREADPOOL_SIZE: String(engineThreadPoolSize) };
  for (const name of Object.keys(env)) if (name.startsWith("CARPORT_")) delete env[name];
  const { child, match } = await startTsChild(
    path.join("server", "main.ts"),
    [],
    { ...env, ...engineEnv(dir) },
    /S3 API (http:\/\/[^\s,]+), website \S+ admin API (http:\/\/\S+)/,
  );
  try {
    const target: TargetSpec = { url: match[1], credentials };
    await ensureBucket(generator, target, bucket);
    const sizeBytes = degradedSizeBytes(plan);
    const maxOps = Math.max(plan.minLargeOps, Math.floor(plan.largeBudgetBytes / sizeBytes));
    const load = (method: "PUT" | "GET", keyPrefix: string, keyCount: number) =>
      generator.run({
        kind: "load",
        target,
        method,
        bucket,
        keyPrefix,
        sizeBytes,
        concurrency: degradedConcurrency,
        durationMs: stepTimeoutMs,
        maxOps,
        keyCount,
      });
    let written = 0;
    // Best of the plan's repetitions, as for the ceilings: one run on a busy machine says little.
    const best = async (method: "PUT" | "GET", keyPrefix: (run: number) => string, keyCount: number) => {
      const runs: Measurements[] = [];
      for (let run = 0; run < plan.ceilingRepetitions; run += 1) {
        const result = await load(method, keyPrefix(run), keyCount);
        if (method === "PUT") written = Math.max(written, result.ops);
        runs.push({ value: mebibytesPerSecond(result) });
      }
      return bestOf(runs).value;
    };
    const id = `${sizeLabel(sizeBytes)}-c${degradedConcurrency}`;
    const out: Measurements = {};
    out[`degraded-healthy-put-${id}`] = await best("PUT", () => "healthy-", 0);
    out[`degraded-healthy-get-${id}`] = await best("GET", () => "healthy-", written);
    fs.renameSync(path.join(dir, "volume-1"), path.join(dir, "volume-1.away"));
    await waitUntilDegraded(match[2]);
    out[`degraded-put-${id}`] = await best("PUT", (run) => `down-${run}-`, 0);
    out[`degraded-get-${id}`] = await best("GET", () => "healthy-", written);
    return out;
  } finally {
    await child.stop();
  }
}
