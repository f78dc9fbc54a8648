import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { loadConfig, type EngineConfig } from "../config";
import { startEngine, type RunningEngine, type StartOptions } from "../start";

/**
 * Integration-test fixture: the real engine on free ports (all three listeners on
 * 127.0.0.1:0) in a fresh temporary directory, with fsync on, stopped and removed
 * by cleanup(). Generic: admin calls, S3 clients, configuration overrides.
 */

export interface TestEngineOptions {
  /** Changes the loaded configuration before start (volumes, replication factor, tokens...). */
  configure?: (config: EngineConfig, rootDir: string) => EngineConfig;
  start?: StartOptions;
}

export interface TestEngine {
  readonly running: RunningEngine;
  rootDir: string;
  /** Calls the admin API with the admin token unless init.token says otherwise (null: no header). */
  adminFetch(pathOrOperation: string, init?: AdminFetchInit): Promise<Response>;
  /** adminFetch + JSON body, failing the test on a non-2xx status. */
  adminJson<T = unknown>(pathOrOperation: string, init?: AdminFetchInit): Promise<T>;
  s3Client(accessKeyId: string, secretAccessKey: string): S3Client;
  /** Stops the engine and starts it again on the same directories (new ports). */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export interface AdminFetchInit {
  method?: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of `body` (not JSON-encoded): for malformed and oversize bodies. */
  rawBody?: string | Uint8Array;
  token?: string | null;
}

export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const rootDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "carport-test-"));
  const env = {
    CARPORT_DATA_DIR: path.join(rootDir, "data"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
  const loaded = { ...loadConfig(env, rootDir), metadataFsync: true, dataFsync: true };
  const config = options.configure ? options.configure(loaded, rootDir) : loaded;
  const fixture = { running: await startEngine(config, options.start) };
  const adminFetch = (target: string, init: AdminFetchInit = {}) => {
    const running = fixture.running;
    const url = new URL(target.startsWith("/") ? target : `/v2/${target}`, running.adminUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    const token = init.token === undefined ? running.adminToken : init.token;
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const raw = init.rawBody;
    const body =
      raw !== undefined
        ? typeof raw === "string"
          ? raw
          : new Uint8Array(raw)
        : init.body === undefined
          ? undefined
          : JSON.stringify(init.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    const method = init.method ?? (body !== undefined ? "POST" : "GET");
    return fetch(url, { method, headers, body });
  };
  const testEngine: TestEngine = {
    get running() {
      return fixture.running;
    },
    rootDir,
    adminFetch,
    async adminJson<T>(target: string, init?: AdminFetchInit): Promise<T> {
      const response = await adminFetch(target, init);
      const text = await response.text();
      if (!response.ok) throw new Error(`${target}: HTTP ${response.status}: ${text}`);
      return (text === "" ? undefined : JSON.parse(text)) as T;
    },
    s3Client: (accessKeyId, secretAccessKey) =>
      new S3Client({
        endpoint: fixture.running.s3Url,
        region: config.s3.region,
        forcePathStyle: true,
        credentials: { accessKeyId, secretAccessKey },
      }),
    async restart() {
      await fixture.running.stop();
      fixture.running = await startEngine(config, options.start);
    },
    async cleanup() {
      await fixture.running.stop();
      await fs.promises.rm(rootDir, { recursive: true, force: true });
    },
  };
  return testEngine;
}
