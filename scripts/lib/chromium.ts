import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * Playwright drives Debian's Chromium here: its own browser download cannot work on
 * these machines. CHROMIUM_PATH wins; else /usr/bin/chromium; else, when we are root
 * on Debian, we install it (about 25 s); else we stop and say how to get one.
 */
export const defaultChromiumPath = "/usr/bin/chromium";

/** Flags for headless Chromium here: without the background-networking ones it keeps calling hosts this machine cannot reach. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export function ensureChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (fs.existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
  }
  if (fs.existsSync(defaultChromiumPath)) return defaultChromiumPath;

  const isRoot = process.getuid?.() === 0;
  const isDebian = fs.existsSync("/etc/debian_version");
  if (!isRoot || !isDebian) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's package " +
        "(`sudo apt-get install -y chromium fonts-liberation`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  console.log("test: no Chromium found; installing Debian's chromium (about 25 s)…");
  const result = spawnSync("bash", ["-c", "apt-get update && apt-get install -y chromium fonts-liberation"], {
    stdio: "inherit",
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0 || !fs.existsSync(defaultChromiumPath))
    throw new Error("Installing chromium with apt-get failed; see the output above.");
  return defaultChromiumPath;
}
