import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config";
import { startEngine } from "../server/start";
import type { TargetSpec } from "./loadgen/client";
import { type Child, startTsChild } from "./processes";
import { preload, type PreloadResult, type PreloadSpec } from "./preload";
import { engineThreadPoolSize } from "../server/util/limits";

/**
 * The three things the load generator can aim at: the raw ceiling server, the
 * engine (a child process on the bench's data dir) and, with --compare, a peer.
 */

export interface RunningTarget {
  spec: TargetSpec;
  /** Buckets filled through the service layer before the child started. */
  preloaded: PreloadResult[];
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

const preloadBlockBytes = 4096;

/** Our environment without CARPORT_* (a developer's own settings must not leak into the bench). */
/** The same libuv pool for the engine and the raw ceiling server, so neither gets more I/O threads. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, UV_THREADPOOL_SIZE: String(engineThreadPoolSize) };
  for (const name of Object.keys(env)) if (name.startsWith("CARPORT_")) delete env[name];
  return env;
}

function engineEnv(dataDir: string): Record<string, string> {
  return {
    CARPORT_DATA_DIR: dataDir,
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
}

/**
 * Makes an access key that may create buckets through the engine's own service,
 * in this process, before the child starts on the same data dir (no admin API
 * needed), and fills the buckets that need many keys.
 */
export async function prepareEngineDir(
  dataDir: string,
  preloads: PreloadSpec[],
): Promise<{ credentials: TargetSpec["credentials"]; preloaded: PreloadResult[] }> {
  // Setup only: no fsync per commit (the child reopens the same files with fsync on, as configured),
  // and small ingest buffers (the preloaded objects are 16 B and inline: no block is ever written,
  // but each PUT would otherwise allocate a whole 1 MiB block buffer).
  const config = {
    ...loadConfig(engineEnv(dataDir), dataDir),
    metadataFsync: false,
    dataFsync: false,
    blockSizeBytes: preloadBlockBytes,
  };
  const running = await startEngine(config);
  try {
    const key = await running.engine.keys.create({ name: "bench", allowCreateBucket: true });
    const preloaded: PreloadResult[] = [];
    for (const spec of preloads) preloaded.push(await preload(running.engine, key.accessKeyId, spec));
    return {
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: config.s3.region },
      preloaded,
    };
  } finally {
    await running.stop();
  }
}

function asTarget(
  child: Child,
  url: string,
  credentials: TargetSpec["credentials"],
  preloaded: PreloadResult[] = [],
): RunningTarget {
  return { spec: { url, credentials }, preloaded, pid: child.pid, stop: child.stop, output: child.output };
}

export async function startEngineChild(
  dataDir: string,
  profileDir: string | null,
  preloads: PreloadSpec[],
): Promise<RunningTarget> {
  const { credentials, preloaded } = await prepareEngineDir(dataDir, preloads);
  const flags = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const env = { ...cleanEnv(), ...engineEnv(dataDir) };
  const { child, match } = await startTsChild(
    path.join("server", "main.ts"),
    [],
    env,
    /S3 API (http:\/\/[^\s,]+)/,
    flags,
  );
  return asTarget(child, match[1], credentials, preloaded);
}

export async function startCeilingServer(dir: string): Promise<RunningTarget> {
  fs.mkdirSync(dir, { recursive: true });
  const { child, match } = await startTsChild(
    path.join("bench", "ceiling-server.ts"),
    [dir],
    cleanEnv(),
    /listening (http:\/\/\S+)/,
  );
  // The ceiling server checks no signature; the generator signs anyway, so both sides pay the same.
  return asTarget(child, match[1], { accessKeyId: "ceiling", secretAccessKey: "ceiling-secret", region: "garage" });
}

export async function startSinkServer(): Promise<RunningTarget> {
  const { child, match } = await startTsChild(
    path.join("bench", "sink-server.ts"),
    [],
    cleanEnv(),
    /listening (http:\/\/\S+)/,
  );
  return asTarget(child, match[1], { accessKeyId: "sink", secretAccessKey: "sink-secret", region: "garage" });
}

/** The s3rver package in a child process, its files under dir. */
export async function startS3rver(dir: string): Promise<RunningTarget> {
  fs.mkdirSync(dir, { recursive: true });
  const { child, match } = await startTsChild(
    path.join("bench", "s3rver-server.ts"),
    [dir],
    cleanEnv(),
    /listening (http:\/\/\S+)/,
  );
  return asTarget(child, match[1], { accessKeyId: "S3RVER", secretAccessKey: "S3RVER", region: "us-east-1" });
}

export function compareTarget(
  url: string,
  accessKeyId: string,
  secretAccessKey: string,
  region: string,
): RunningTarget {
  return {
    spec: { url, credentials: { accessKeyId, secretAccessKey, region } },
    preloaded: [],
    pid: 0,
    stop: async () => undefined,
    output: () => "",
  };
}
