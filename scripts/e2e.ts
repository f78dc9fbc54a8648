import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureChromium } from "./lib/chromium";
import { repoRoot } from "./lib/paths";

/** `npm run test:e2e`: find (or install) Chromium, then run Playwright; extra args pass through. */
let chromiumPath: string;
try {
  chromiumPath = ensureChromium();
} catch (error) {
  console.error(`test:e2e: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const playwrightCli = path.join(repoRoot, "node_modules", "@playwright", "test", "cli.js");
const result = spawnSync(process.execPath, [playwrightCli, "test", ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromiumPath, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
