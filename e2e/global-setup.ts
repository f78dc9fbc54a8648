import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startProductProcess } from "../scripts/lib/product-process";

/**
 * Starts the whole product as `npm start` does (scripts/start.ts: production build,
 * embedded engine) on free ports in a temp data dir with a known console password.
 * Tests read the address and password from the environment set here.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const artifactsDir = path.join(repoRoot, "e2e", ".artifacts");
export const e2ePassword = "e2e-console-password";

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-"));
  let product;
  try {
    product = await startProductProcess({
      dataDir,
      consolePassword: e2ePassword,
      logFile: path.join(artifactsDir, "server.log"),
    });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env.CARPORT_E2E_BASE_URL = product.consoleUrl;
  process.env.CARPORT_E2E_PASSWORD = e2ePassword;
  process.env.CARPORT_E2E_ADMIN_URL = product.adminUrl;
  process.env.CARPORT_E2E_S3_URL = product.s3Url;
  process.env.CARPORT_E2E_DATA_DIR = dataDir;
  return async () => {
    await product.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
