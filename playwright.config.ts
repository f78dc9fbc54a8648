import { defineConfig } from "@playwright/test";
import { chromiumArgs } from "./scripts/lib/chromium";

/**
 * End-to-end tests against the production build, started like `npm start` by
 * e2e/global-setup.ts on free ports in a temporary data dir. The browser is Debian's
 * Chromium (scripts/e2e.ts finds or installs it), never Playwright's download.
 */

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  // One product instance, shared by specs that sign in as the same user: run serially.
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
