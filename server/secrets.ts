import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { EngineConfig } from "./config";

/**
 * The admin and metrics tokens: configured, or generated on first start and kept
 * in the metadata directory with 0600 permissions, so a restart reuses them.
 */

export interface EngineSecrets {
  adminToken: string;
  metricsToken: string;
}

export function ensureEngineSecrets(config: EngineConfig): EngineSecrets {
  fs.mkdirSync(config.metadataDir, { recursive: true, mode: 0o700 });
  return {
    adminToken: config.admin.adminToken ?? readOrCreateToken(path.join(config.metadataDir, "admin_token")),
    metricsToken: config.admin.metricsToken ?? readOrCreateToken(path.join(config.metadataDir, "metrics_token")),
  };
}

function readOrCreateToken(file: string): string {
  if (fs.existsSync(file)) {
    const token = fs.readFileSync(file, "utf8").trim();
    if (token.length >= 16) return token;
  }
  const token = crypto.randomBytes(32).toString("base64url");
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return token;
}
