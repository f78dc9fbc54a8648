import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseSizeBytes } from "./config";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "carport-config-"));
}

function writeToml(dir: string, text: string): string {
  const file = path.join(dir, "carport.toml");
  fs.writeFileSync(file, text);
  return file;
}

describe("loadConfig", () => {
  it("uses Garage's defaults and ./data when nothing is configured", () => {
    const cwd = tempDir();
    const config = loadConfig({}, cwd);
    expect(config.s3.bindAddr).toBe("127.0.0.1:3900");
    expect(config.web.bindAddr).toBe("127.0.0.1:3902");
    expect(config.admin.bindAddr).toBe("127.0.0.1:3903");
    expect(config.metadataDir).toBe(path.join(cwd, "data/meta"));
    expect(config.volumes.map((volume) => volume.path)).toEqual([path.join(cwd, "data/blocks")]);
    expect(config.replicationFactor).toBe(1);
    expect(config.metadataFsync && config.dataFsync).toBe(true);
  });

  it("reads Garage's names from carport.toml and lets the environment win", () => {
    const cwd = tempDir();
    writeToml(
      cwd,
      `metadata_dir = "m"\ndata_dir = [{ path = "d1", capacity = "2G" }, { path = "d2" }]\nreplication_factor = 2\n` +
        `[s3_api]\napi_bind_addr = "0.0.0.0:4900"\ns3_region = "eu-west"\nroot_domain = "s3.example.com"\n` +
        `[s3_web]\nbind_addr = "127.0.0.1:4902"\nroot_domain = ".web.example.com"\n` +
        `[admin]\napi_bind_addr = "127.0.0.1:4903"\nadmin_token = "from-file-token"\nmetrics_token = "metrics-from-file"\n`,
    );
    const config = loadConfig({ CARPORT_ADMIN_TOKEN: "from-env-token", CARPORT_S3_PORT: "5900" }, cwd);
    expect(config.metadataDir).toBe(path.join(cwd, "m"));
    expect(config.volumes).toEqual([
      { path: path.join(cwd, "d1"), capacityBytes: 2_000_000_000, zone: null, readOnly: false },
      { path: path.join(cwd, "d2"), capacityBytes: null, zone: null, readOnly: false },
    ]);
    expect(config.replicationFactor).toBe(2);
    expect(config.s3).toMatchObject({ bindAddr: "0.0.0.0:5900", region: "eu-west", rootDomain: ".s3.example.com" });
    expect(config.web.rootDomain).toBe(".web.example.com");
    expect(config.admin).toMatchObject({
      adminToken: "from-env-token",
      metricsToken: "metrics-from-file",
      bindAddr: "127.0.0.1:4903",
    });
  });

  it("derives the public S3 URL from the bound address, 127.0.0.1 for a wildcard bind", () => {
    expect(loadConfig({}, tempDir()).s3.publicUrl).toBe("http://127.0.0.1:3900");
    expect(loadConfig({ CARPORT_BIND_HOST: "0.0.0.0", CARPORT_S3_PORT: "4900" }, tempDir()).s3.publicUrl).toBe(
      "http://127.0.0.1:4900",
    );
    expect(loadConfig({ CARPORT_BIND_HOST: "10.1.2.3" }, tempDir()).s3.publicUrl).toBe("http://10.1.2.3:3900");
  });

  it("takes [s3_api] public_url, and CARPORT_S3_PUBLIC_URL over it", () => {
    const cwd = tempDir();
    writeToml(cwd, '[s3_api]\npublic_url = "https://s3.example.com/"\n');
    expect(loadConfig({}, cwd).s3.publicUrl).toBe("https://s3.example.com");
    expect(loadConfig({ CARPORT_S3_PUBLIC_URL: "https://prod.s3.example.net:8443" }, cwd).s3.publicUrl).toBe(
      "https://prod.s3.example.net:8443",
    );
  });

  it.each(["s3.example.com", "ftp://s3.example.com", "https://s3.example.com/?x=1", "https://u:p@s3.example.com"])(
    "refuses the public URL %j, naming the key",
    (value) => {
      const cwd = tempDir();
      expect(() => loadConfig({ CARPORT_S3_PUBLIC_URL: value }, cwd)).toThrow("CARPORT_S3_PUBLIC_URL");
      writeToml(cwd, `[s3_api]\npublic_url = ${JSON.stringify(value)}\n`);
      expect(() => loadConfig({}, cwd)).toThrow("[s3_api] public_url");
    },
  );

  it("puts metadata and data under CARPORT_DATA_DIR", () => {
    const cwd = tempDir();
    const config = loadConfig({ CARPORT_DATA_DIR: "elsewhere" }, cwd);
    expect(config.metadataDir).toBe(path.join(cwd, "elsewhere/meta"));
    expect(config.volumes[0].path).toBe(path.join(cwd, "elsewhere/blocks"));
  });

  it.each([
    ["replication_factor = 0\n", "replication_factor"],
    ['[s3_api]\napi_bind_addr = "nonsense"\n', "[s3_api] api_bind_addr"],
    ['[admin]\napi_bind_addr = "127.0.0.1:70000"\n', "[admin] api_bind_addr"],
    ['[s3_api]\nregion = "typo-for-s3_region"\n', "[s3_api] region"],
    ["unknown_key = 1\n", "unknown_key"],
    ['metadata_fsync = "yes"\n', "metadata_fsync"],
  ])("names the bad key in %j", (toml, key) => {
    const cwd = tempDir();
    writeToml(cwd, toml);
    expect(() => loadConfig({}, cwd)).toThrow(ConfigError);
    expect(() => loadConfig({}, cwd)).toThrow(key);
  });

  it("names a bad environment variable", () => {
    expect(() => loadConfig({ CARPORT_S3_PORT: "http" }, tempDir())).toThrow("CARPORT_S3_PORT");
    expect(() => loadConfig({ CARPORT_CONFIG: "/nonexistent/carport.toml" }, tempDir())).toThrow("CARPORT_CONFIG");
  });

  it("parses sizes with SI and binary units", () => {
    expect(parseSizeBytes("10G")).toBe(10_000_000_000);
    expect(parseSizeBytes("1.5 MB")).toBe(1_500_000);
    expect(parseSizeBytes("1MiB")).toBe(1_048_576);
    expect(parseSizeBytes(42)).toBe(42);
    expect(() => parseSizeBytes("lots")).toThrow();
  });
});

describe("npm run engine with a bad configuration", () => {
  it("stops with a message naming the key, before opening anything", () => {
    const cwd = tempDir();
    writeToml(cwd, '[s3_api]\napi_bind_addr = "not-an-address"\n');
    const entry = path.resolve(import.meta.dirname, "main.ts");
    const tsx = path.resolve(import.meta.dirname, "../node_modules/.bin/tsx");
    const result = spawnSync(tsx, [entry], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, CARPORT_CONFIG: path.join(cwd, "carport.toml") },
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("[s3_api] api_bind_addr");
    expect(fs.existsSync(path.join(cwd, "data"))).toBe(false);
  });
});
