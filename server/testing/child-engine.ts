import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";

/**
 * The real engine (`server/main.ts`) as a child process, for tests that need what an
 * in-process engine cannot give: a `kill -9` in the middle of writes, and clients
 * such as aws-cli talking to a separate process. Listeners bind port 0 and the
 * engine's start-up line tells us the ports; the data directory and the admin token
 * stay the same across restarts. Keys and buckets are made through the admin API,
 * never by opening the metadata beside a running engine.
 */

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const entryPoint = path.join(repoRoot, "server", "main.ts");
// Node loads tsx itself (no tsx CLI in between), so the pid we signal is the engine's.
const tsxLoader = pathToFileURL(path.join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;
const startTimeoutMs = 60_000;
const stopTimeoutMs = 30_000;
const startLine = /carport engine: S3 API (\S+), website (\S+), admin API (\S+)/;

// A test runner that dies (or forgets cleanup) must not leave engines behind holding ports and temp dirs.
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

export interface ChildEngineOptions {
  /** Extra environment for the engine (CARPORT_S3_REGION, ...). */
  env?: Record<string, string>;
  /** A TOML configuration written in the engine's root directory (given as argument) and used for every start. */
  configToml?: (rootDir: string) => string;
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

const createKeyResponse = z.object({ accessKeyId: z.string(), secretAccessKey: z.string() });
const createBucketResponse = z.object({ id: z.string() });

export class ChildEngine {
  s3Url = "";
  webUrl = "";
  adminUrl = "";
  /** Everything the engine printed, for failure messages. */
  output = "";
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly rootDir: string,
    readonly adminToken: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: ChildEngineOptions = {}): Promise<ChildEngine> {
    const rootDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "carport-child-"));
    const env = { ...options.env };
    if (options.configToml) {
      const configPath = path.join(rootDir, "carport.toml");
      await fs.promises.writeFile(configPath, options.configToml(rootDir));
      env.CARPORT_CONFIG = configPath;
    }
    const engine = new ChildEngine(rootDir, crypto.randomBytes(24).toString("base64url"), env);
    try {
      await engine.spawn();
    } catch (error) {
      await fs.promises.rm(rootDir, { recursive: true, force: true });
      throw error;
    }
    return engine;
  }

  get dataDir(): string {
    return path.join(this.rootDir, "data");
  }

  /** The one volume's block directories: `<blocksDir>/??/<sha256>`. */
  get blocksDir(): string {
    return path.join(this.dataDir, "blocks");
  }

  get region(): string {
    return this.env.CARPORT_S3_REGION ?? "garage";
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  private async spawn(): Promise<void> {
    const env = {
      ...process.env,
      CARPORT_DATA_DIR: this.dataDir,
      CARPORT_BIND_HOST: "127.0.0.1",
      CARPORT_S3_PORT: "0",
      CARPORT_WEB_PORT: "0",
      CARPORT_ADMIN_PORT: "0",
      CARPORT_ADMIN_TOKEN: this.adminToken,
      // A config file in the caller's environment must not change the engine under test.
      CARPORT_CONFIG: "",
      ...this.env,
    };
    // cwd is the temporary root, so a developer's ./carport.toml is not picked up either.
    const child = spawn(process.execPath, ["--import", tsxLoader, entryPoint], {
      cwd: this.rootDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    liveChildren.add(child);
    this.exited = new Promise((resolve) =>
      child.once("exit", () => {
        liveChildren.delete(child);
        resolve();
      }),
    );
    const urls = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`engine did not start within ${startTimeoutMs} ms`)),
        startTimeoutMs,
      );
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString("utf8");
        const match = startLine.exec(this.output);
        if (match) {
          clearTimeout(timer);
          child.off("exit", onExit);
          resolve(match);
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(new Error(`engine exited on start (code ${code}, signal ${signal})`));
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`${error.message}\n${this.output}`));
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => (this.output += chunk.toString("utf8")));
      child.once("exit", onExit);
    }).catch((error: unknown) => {
      this.child = null;
      throw error;
    });
    [, this.s3Url, this.webUrl, this.adminUrl] = urls;
  }

  /** Sends `signal` and waits for the process to be gone (SIGKILL: no cleanup of any kind runs). */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Starts the engine again on the same data directory and token (new ports). */
  async restart(): Promise<void> {
    if (this.child) await this.kill("SIGTERM");
    this.output = "";
    await this.spawn();
  }

  /** Graceful stop (SIGTERM), leaving the data directory. */
  async stop(): Promise<void> {
    await this.kill("SIGTERM");
  }

  async cleanup(): Promise<void> {
    await this.kill("SIGKILL");
    await fs.promises.rm(this.rootDir, { recursive: true, force: true });
  }

  /** Calls an admin v2 operation; a non-2xx status is an error naming the operation. */
  async admin(operation: string, body?: unknown, query: Record<string, string> = {}): Promise<unknown> {
    const url = new URL(`/v2/${operation}`, this.adminUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { authorization: `Bearer ${this.adminToken}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`admin ${operation}: HTTP ${response.status}: ${text}`);
    return text === "" ? null : JSON.parse(text);
  }

  async createKey(name: string, allowCreateBucket = true): Promise<AccessKey> {
    const created = createKeyResponse.parse(
      await this.admin("CreateKey", { name, allow: { createBucket: allowCreateBucket } }),
    );
    return { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
  }

  /** Creates a bucket and gives `key` read, write and owner on it; returns the bucket id. */
  async createBucketFor(key: AccessKey, bucketName: string): Promise<string> {
    const { id } = createBucketResponse.parse(await this.admin("CreateBucket", { globalAlias: bucketName }));
    await this.admin("AllowBucketKey", {
      bucketId: id,
      accessKeyId: key.accessKeyId,
      permissions: { read: true, write: true, owner: true },
    });
    return id;
  }

  /** Every block file on disk (hex SHA-256), from the `??` sub-directories only (not tmp/ or quarantine/). */
  async blockFiles(): Promise<Set<string>> {
    const found = new Set<string>();
    const entries = await fs.promises.readdir(this.blocksDir).catch(() => [] as string[]);
    for (const directory of entries.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const name of await fs.promises.readdir(path.join(this.blocksDir, directory)))
        if (/^[0-9a-f]{64}$/.test(name)) found.add(name);
    }
    return found;
  }
}
