import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";

/** The product started by global-setup.ts: its URL and the admin's password. */
function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests with \`npm run test:e2e\``);
  return value;
}

export const test = base.extend({
  // The console's port is only known once global setup has picked it.
  baseURL: async ({ baseURL }, provide) => provide(process.env.CARPORT_E2E_BASE_URL ?? baseURL),
});

export { expect };

export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const adminPassword = () => fromSetup("CARPORT_E2E_PASSWORD");

/** The engine's generated admin token, to prove it never reaches the browser. */
export function adminToken(): string {
  return fs.readFileSync(path.join(fromSetup("CARPORT_E2E_DATA_DIR"), "meta", "admin_token"), "utf8").trim();
}

export const engineUrls = {
  admin: () => fromSetup("CARPORT_E2E_ADMIN_URL"),
  s3: () => fromSetup("CARPORT_E2E_S3_URL"),
};
