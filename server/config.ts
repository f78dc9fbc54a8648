import fs from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import type { EngineSettings, VolumeSettings } from "./engine/settings";
import { limits } from "./util/limits";

/**
 * The engine's configuration: a TOML file using Garage's names where they overlap,
 * then environment overrides, validated once on start. A bad value stops the engine
 * with a message naming the key.
 */

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`invalid configuration: ${key}: ${detail}`);
  }
}

const bindAddr = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]*):\d{1,5}$/, "expected host:port, e.g. 127.0.0.1:3900")
  .refine((value) => {
    const port = Number(value.slice(value.lastIndexOf(":") + 1));
    return port >= 0 && port <= 65535;
  }, "port must be between 0 and 65535");

const capacity = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?\s*([KMGTP]i?B?)?$/i, "expected bytes or a size like 10G"),
]);

const volumeSchema = z.strictObject({
  path: z.string().min(1),
  capacity: capacity.optional(),
  zone: z.string().min(1).optional(),
  read_only: z.boolean().optional(),
});

const fileSchema = z.strictObject({
  metadata_dir: z.string().min(1).optional(),
  data_dir: z.union([z.string().min(1), z.array(volumeSchema).min(1)]).optional(),
  replication_factor: z.number().int().min(1).max(limits.maxReplicationFactor).optional(),
  consistency_mode: z.enum(["consistent", "degraded", "dangerous"]).optional(),
  metadata_fsync: z.boolean().optional(),
  data_fsync: z.boolean().optional(),
  block_size: z.number().int().min(limits.minBlockSizeBytes).max(limits.maxBlockSizeBytes).optional(),
  s3_api: z
    .strictObject({
      api_bind_addr: bindAddr.optional(),
      s3_region: z.string().min(1).max(limits.maxRegionLength).optional(),
      root_domain: z.string().optional(),
      public_url: z.string().optional(),
    })
    .optional(),
  s3_web: z
    .strictObject({
      bind_addr: bindAddr.optional(),
      root_domain: z.string().optional(),
      add_host_to_metrics: z.boolean().optional(),
    })
    .optional(),
  http: z
    .strictObject({
      headers_timeout_ms: z.number().int().min(1).max(limits.requestTimeoutMs).optional(),
    })
    .optional(),
  admin: z
    .strictObject({
      api_bind_addr: bindAddr.optional(),
      admin_token: z.string().min(1).optional(),
      metrics_token: z.string().min(1).optional(),
      metrics_require_token: z.boolean().optional(),
    })
    .optional(),
});

type FileConfig = z.infer<typeof fileSchema>;

export type VolumeConfig = VolumeSettings;

/** The whole server's configuration: the engine's settings and the three listeners'. */
export interface EngineConfig extends EngineSettings {
  s3: {
    bindAddr: string;
    region: string;
    /** The S3 endpoint as clients reach it, for credentials handed out (a Hikube secret's endpoint). */
    publicUrl: string;
    rootDomain: string | null;
    consoleOrigins: string[];
    /** Behind a TLS-terminating proxy: X-Forwarded-Proto and X-Forwarded-For tell how the client came. */
    trustForwardedHeaders: boolean;
    /** SSE-C keys over plain HTTP: refused as AWS does, unless a test setup says so. */
    sseCustomerOverHttp: boolean;
  };
  web: { bindAddr: string; rootDomain: string | null };
  /** Every listener's timeouts (the request and keep-alive ones are fixed limits). */
  http: { headersTimeoutMs: number };
  admin: {
    bindAddr: string;
    /** null: generated on first start and kept in metadataDir. */
    adminToken: string | null;
    metricsToken: string | null;
    metricsRequireToken: boolean;
  };
}

export type Env = Record<string, string | undefined>;

const sizeUnits: Record<string, number> = {
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  KI: 1024,
  MI: 1024 ** 2,
  GI: 1024 ** 3,
  TI: 1024 ** 4,
  PI: 1024 ** 5,
};

/** Parses "10G", "500MiB", "1000000" (SI units, as Garage: 1 kB = 1000 B). */
export function parseSizeBytes(input: string | number): number {
  if (typeof input === "number") return input;
  const match = /^(\d+(?:\.\d+)?)\s*([KMGTP]i?)?B?$/i.exec(input.trim());
  if (!match) throw new Error(`not a size: ${input}`);
  const unit = match[2] ? sizeUnits[match[2].toUpperCase()] : 1;
  return Math.round(Number(match[1]) * unit);
}

function readFileConfig(configPath: string | undefined, required: boolean): FileConfig {
  if (!configPath || !fs.existsSync(configPath)) {
    if (required) throw new ConfigError("CARPORT_CONFIG", `file not found: ${configPath}`);
    return {};
  }
  let raw: unknown;
  try {
    raw = parseToml(fs.readFileSync(configPath, "utf8"));
  } catch (error) {
    throw new ConfigError(configPath, `not valid TOML: ${(error as Error).message}`);
  }
  return validate(raw, configPath);
}

function validate(raw: unknown, source: string): FileConfig {
  const parsed = fileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = formatKeyPath(issue.path, issue.code === "unrecognized_keys" ? issue.keys : []);
  throw new ConfigError(key, `${issue.message} (in ${source})`);
}

function formatKeyPath(issuePath: PropertyKey[], unknownKeys: string[]): string {
  const parts = [...issuePath.map(String), ...unknownKeys.slice(0, 1)];
  if (parts.length === 0) return "(root)";
  if (parts.length === 1) return parts[0];
  return `[${parts[0]}] ${parts.slice(1).join(".")}`;
}

function envPort(env: Env, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new ConfigError(name, `expected a port number (0-65535), got '${value}'`);
  return Number(value);
}

function withPort(addr: string, port: number | undefined): string {
  if (port === undefined) return addr;
  return `${addr.slice(0, addr.lastIndexOf(":"))}:${port}`;
}

function envMilliseconds(env: Env, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > limits.requestTimeoutMs)
    throw new ConfigError(name, `expected milliseconds between 1 and ${limits.requestTimeoutMs}, got '${value}'`);
  return Number(value);
}

function envBool(env: Env, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new ConfigError(name, `expected true or false, got '${value}'`);
}

function toVolumes(dataDir: FileConfig["data_dir"], fallback: string, baseDir: string): VolumeConfig[] {
  if (dataDir === undefined || typeof dataDir === "string") {
    return [{ path: path.resolve(baseDir, dataDir ?? fallback), capacityBytes: null, zone: null, readOnly: false }];
  }
  return dataDir.map((volume, index) => {
    let capacityBytes: number | null = null;
    try {
      capacityBytes = volume.capacity === undefined ? null : parseSizeBytes(volume.capacity);
    } catch {
      throw new ConfigError(`data_dir.${index}.capacity`, `not a size: ${String(volume.capacity)}`);
    }
    return {
      path: path.resolve(baseDir, volume.path),
      capacityBytes,
      zone: volume.zone ?? null,
      readOnly: volume.read_only ?? false,
    };
  });
}

/**
 * Loads the configuration: CARPORT_CONFIG (or ./carport.toml when present), then the
 * environment. CARPORT_DATA_DIR moves both metadata and data under one folder.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): EngineConfig {
  const explicitPath = env.CARPORT_CONFIG;
  const configPath = explicitPath ? path.resolve(cwd, explicitPath) : path.join(cwd, "carport.toml");
  const file = readFileConfig(configPath, Boolean(explicitPath));
  const baseDir = explicitPath ? path.dirname(configPath) : cwd;
  const dataRoot = env.CARPORT_DATA_DIR ? path.resolve(cwd, env.CARPORT_DATA_DIR) : null;

  const metadataDir = dataRoot ? path.join(dataRoot, "meta") : path.resolve(baseDir, file.metadata_dir ?? "data/meta");
  const volumes =
    dataRoot && (file.data_dir === undefined || typeof file.data_dir === "string")
      ? toVolumes(undefined, path.join(dataRoot, "blocks"), cwd)
      : toVolumes(file.data_dir, "data/blocks", baseDir);

  const bindHost = env.CARPORT_BIND_HOST;
  const defaultAddr = (port: number) => `${bindHost ?? "127.0.0.1"}:${port}`;
  const s3BindAddr = withPort(file.s3_api?.api_bind_addr ?? defaultAddr(3900), envPort(env, "CARPORT_S3_PORT"));

  return {
    metadataDir,
    volumes,
    replicationFactor: file.replication_factor ?? 1,
    consistencyMode: file.consistency_mode ?? "consistent",
    metadataFsync: file.metadata_fsync ?? true,
    dataFsync: file.data_fsync ?? true,
    blockSizeBytes: file.block_size ?? limits.blockSizeBytes,
    s3: {
      bindAddr: s3BindAddr,
      region: env.CARPORT_S3_REGION ?? file.s3_api?.s3_region ?? "garage",
      publicUrl: publicUrl(env, file.s3_api?.public_url, s3BindAddr),
      rootDomain: normaliseDomain(file.s3_api?.root_domain),
      consoleOrigins: consoleOrigins(env),
      trustForwardedHeaders: envBool(env, "CARPORT_S3_TRUST_FORWARDED") ?? false,
      sseCustomerOverHttp: envBool(env, "CARPORT_SSEC_ALLOW_HTTP") ?? false,
    },
    web: {
      bindAddr: withPort(file.s3_web?.bind_addr ?? defaultAddr(3902), envPort(env, "CARPORT_WEB_PORT")),
      rootDomain: normaliseDomain(file.s3_web?.root_domain),
    },
    http: {
      headersTimeoutMs:
        envMilliseconds(env, "CARPORT_HTTP_HEADERS_TIMEOUT_MS") ??
        file.http?.headers_timeout_ms ??
        limits.headersTimeoutMs,
    },
    admin: {
      bindAddr: withPort(file.admin?.api_bind_addr ?? defaultAddr(3903), envPort(env, "CARPORT_ADMIN_PORT")),
      adminToken: nonEmpty(env.CARPORT_ADMIN_TOKEN) ?? file.admin?.admin_token ?? null,
      metricsToken: nonEmpty(env.CARPORT_METRICS_TOKEN) ?? file.admin?.metrics_token ?? null,
      metricsRequireToken: envBool(env, "CARPORT_METRICS_REQUIRE_TOKEN") ?? file.admin?.metrics_require_token ?? false,
    },
  };
}

/**
 * `CARPORT_S3_PUBLIC_URL`, else `[s3_api] public_url`, else the bound address (127.0.0.1
 * for a wildcard bind): an http(s) URL without query or fragment, kept without a trailing slash.
 */
function publicUrl(env: Env, fromFile: string | undefined, s3BindAddr: string): string {
  const fromEnv = nonEmpty(env.CARPORT_S3_PUBLIC_URL);
  const given = fromEnv ?? fromFile;
  if (given === undefined) {
    const { host, port } = splitBindAddr(s3BindAddr);
    const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  }
  const key = fromEnv === undefined ? "[s3_api] public_url" : "CARPORT_S3_PUBLIC_URL";
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ConfigError(key, `expected a URL such as https://s3.example.com, got '${given}'`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username)
    throw new ConfigError(key, `expected an http or https URL without credentials, query or fragment, got '${given}'`);
  return given.replace(/\/+$/, "");
}

/** The console's origins, allowed to call the S3 API from the browser (presigned uploads). */
function consoleOrigins(env: Env): string[] {
  if (env.CARPORT_CONSOLE_ORIGINS)
    return env.CARPORT_CONSOLE_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean);
  const port = env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : "3000";
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Garage writes root domains with a leading dot; we accept both and keep the dot. */
function normaliseDomain(domain: string | undefined): string | null {
  if (!domain) return null;
  return domain.startsWith(".") ? domain.toLowerCase() : `.${domain.toLowerCase()}`;
}

/** The part of the configuration the engine opens with. */
export function engineSettings(config: EngineConfig): EngineSettings {
  return {
    metadataDir: config.metadataDir,
    volumes: config.volumes,
    replicationFactor: config.replicationFactor,
    consistencyMode: config.consistencyMode,
    metadataFsync: config.metadataFsync,
    dataFsync: config.dataFsync,
    blockSizeBytes: config.blockSizeBytes,
  };
}

export function splitBindAddr(addr: string): { host: string; port: number } {
  const index = addr.lastIndexOf(":");
  const host = addr.slice(0, index).replace(/^\[|\]$/g, "");
  return { host: host === "" ? "0.0.0.0" : host, port: Number(addr.slice(index + 1)) };
}
