import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startProductProcess } from "../scripts/lib/product-process";
import { oidcAdminGroup, oidcTenantClaim, startOidcProvider } from "./oidc-provider";

/**
 * Starts the whole product as `npm start` does (scripts/start.ts: production build,
 * embedded engine) on free ports in a temp data dir with a known console password, with
 * a real OpenID provider beside it for single sign-on. Behind a "proxy" as far as rate
 * limits go (CARPORT_TRUST_PROXY): a test throttles its own X-Forwarded-For address, never
 * the address every other test signs in from. Tests read addresses and passwords from the
 * environment set here.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const artifactsDir = path.join(repoRoot, "e2e", ".artifacts");
export const e2ePassword = "e2e-console-password";

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-"));
  const consolePort = await freePort();
  const oidc = await startOidcProvider(`http://127.0.0.1:${consolePort}`);
  let product;
  try {
    product = await startProductProcess({
      dataDir,
      consolePassword: e2ePassword,
      logFile: path.join(artifactsDir, "server.log"),
      consolePort,
      env: {
        CARPORT_TRUST_PROXY: "true",
        CARPORT_OIDC_ISSUER: oidc.issuer,
        CARPORT_OIDC_CLIENT_ID: oidc.clientId,
        CARPORT_OIDC_CLIENT_SECRET: oidc.clientSecret,
        CARPORT_OIDC_TENANT_CLAIM: oidcTenantClaim,
        CARPORT_OIDC_ADMIN_GROUP: oidcAdminGroup,
        CARPORT_OIDC_CREATE_TENANTS: "true",
        CARPORT_OIDC_SCOPE: "openid profile",
      },
    });
  } catch (error) {
    await oidc.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env.CARPORT_E2E_BASE_URL = product.consoleUrl;
  process.env.CARPORT_E2E_PASSWORD = e2ePassword;
  process.env.CARPORT_E2E_ADMIN_URL = product.adminUrl;
  process.env.CARPORT_E2E_S3_URL = product.s3Url;
  process.env.CARPORT_E2E_DATA_DIR = dataDir;
  process.env.CARPORT_E2E_OIDC_CLIENT_SECRET = oidc.clientSecret;
  return async () => {
    await product.stop();
    await oidc.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
