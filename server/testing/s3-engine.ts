import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { loadConfig } from "../config";
import { startEngine, type RunningEngine } from "../start";

/**
 * A real engine on free ports in a temporary directory, for S3 integration tests,
 * with helpers to make keys and buckets through the engine's own services.
 */

export interface S3TestEngine {
  running: RunningEngine;
  dataDir: string;
  /** A key allowed to create buckets, and a client signing with it. */
  accessKeyId: string;
  secretAccessKey: string;
  client: S3Client;
  clientFor(
    accessKeyId: string,
    secretAccessKey: string,
    options?: { forcePathStyle?: boolean; endpoint?: string },
  ): S3Client;
  newKey(name: string, allowCreateBucket?: boolean): Promise<{ accessKeyId: string; secretAccessKey: string }>;
  stop(): Promise<void>;
}

export interface S3TestEngineOptions {
  /** Virtual-host style addressing: buckets are also reached as `<bucket>.<rootDomain>`. */
  rootDomain?: string;
  /** The lifecycle worker's clock (tests move it forward). */
  lifecycleClock?: () => number;
}

export async function startS3TestEngine(
  env: Record<string, string> = {},
  options: S3TestEngineOptions = {},
): Promise<S3TestEngine> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-s3-"));
  const loaded = loadConfig(
    { CARPORT_DATA_DIR: dataDir, CARPORT_S3_PORT: "0", CARPORT_WEB_PORT: "0", CARPORT_ADMIN_PORT: "0", ...env },
    dataDir,
  );
  // Stored as the configuration loader stores it: lower case, with a leading dot.
  const rootDomain = options.rootDomain
    ? `.${options.rootDomain.replace(/^\./, "").toLowerCase()}`
    : loaded.s3.rootDomain;
  const config = { ...loaded, s3: { ...loaded.s3, rootDomain } };
  const running = await startEngine(config, { blockGcDelayMs: 0, lifecycleClock: options.lifecycleClock });
  const clientFor = (
    accessKeyId: string,
    secretAccessKey: string,
    options: { forcePathStyle?: boolean; endpoint?: string } = {},
  ) =>
    new S3Client({
      endpoint: options.endpoint ?? running.s3Url,
      region: config.s3.region,
      forcePathStyle: options.forcePathStyle ?? true,
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
  const newKey = async (name: string, allowCreateBucket = true) => {
    const key = await running.engine.keys.create({ name, allowCreateBucket });
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  };
  const main = await newKey("test-main");
  const client = clientFor(main.accessKeyId, main.secretAccessKey);
  return {
    running,
    dataDir,
    ...main,
    client,
    clientFor,
    newKey,
    stop: async () => {
      client.destroy();
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
