import fs from "node:fs";
import { ConfigError, loadConfig, splitBindAddr, type EngineConfig } from "../../server/config";
import { ensureEngineSecrets } from "../../server/secrets";
import { ensureConsoleCredentials, type ConsoleCredentials } from "./console-credentials";
import { consoleDir, consolePort, dataRoot, repoRoot } from "./paths";
import { engineThreadPoolSize } from "../../server/util/limits";

export interface ResolvedProduct {
  config: EngineConfig;
  credentials: ConsoleCredentials;
  adminToken: string;
  /** The environment for the Next.js child: everything the console and its embedded engine read. */
  childEnv: NodeJS.ProcessEnv;
  ports: { console: number; s3: number; web: number; admin: number };
}

/** Loads the configuration or exits with the message naming the bad key. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): EngineConfig {
  try {
    return loadConfig(env, repoRoot);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`carport: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

/** Everything `npm start` needs before spawning Next: data dir, secrets, credentials, ports. */
export function resolveProduct(env: NodeJS.ProcessEnv): ResolvedProduct {
  const config = loadConfigOrExit(env);
  fs.mkdirSync(dataRoot(env), { recursive: true, mode: 0o700 });
  fs.mkdirSync(config.metadataDir, { recursive: true, mode: 0o700 });
  const secrets = ensureEngineSecrets(config);
  const credentials = ensureConsoleCredentials(consoleDir(env), env);
  const ports = {
    console: consolePort(env),
    s3: splitBindAddr(config.s3.bindAddr).port,
    web: splitBindAddr(config.web.bindAddr).port,
    admin: splitBindAddr(config.admin.bindAddr).port,
  };
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    NEXT_TELEMETRY_DISABLED: "1",
    // The engine's block writes, fsyncs and hashes run on libuv's pool; 4 threads would serialise them.
    UV_THREADPOOL_SIZE: env.UV_THREADPOOL_SIZE ?? String(engineThreadPoolSize),
    CARPORT_DATA_DIR: dataRoot(env),
    CARPORT_ADMIN_TOKEN: secrets.adminToken,
    CARPORT_METRICS_TOKEN: secrets.metricsToken,
    CARPORT_CONSOLE_PASSWORD: credentials.password,
    AUTH_SECRET: credentials.authSecret,
    PORT: String(ports.console),
    CARPORT_S3_PORT: String(ports.s3),
    CARPORT_WEB_PORT: String(ports.web),
    CARPORT_ADMIN_PORT: String(ports.admin),
    // What the console hands out in credentials (a Hikube secret's endpoint), as the engine resolved it.
    CARPORT_S3_PUBLIC_URL: config.s3.publicUrl,
    CARPORT_S3_REGION: config.s3.region,
  };
  return { config, credentials, adminToken: secrets.adminToken, childEnv, ports };
}
