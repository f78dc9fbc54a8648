import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Generates the admin API v2 types from Garage's document, twice from the one
 * document: lib/admin-api/schema.gen.ts for the console's client and
 * server/admin/v2/schema.gen.ts for the engine's handlers (server/ may not import
 * lib/). Paths resolve from the repository root, not the caller's cwd, so the
 * script works from a fresh clone wherever npm is run. The document is kept in
 * the repository (lib/admin-api/openapi/); `--check` compares instead of writing.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const specPath = path.join(repoRoot, "lib", "admin-api", "openapi", "garage-admin-v2.openapi.json");
const outputPaths = [
  path.join("lib", "admin-api", "schema.gen.ts"),
  path.join("server", "admin", "v2", "schema.gen.ts"),
];
const checkOnly = process.argv.includes("--check");

function generate(target: string): void {
  const binary = path.join(repoRoot, "node_modules", ".bin", "openapi-typescript");
  execFileSync(binary, [specPath, "-o", target], { stdio: checkOnly ? "pipe" : "inherit", cwd: repoRoot });
}

if (checkOnly) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "carport-gen-api-"));
  try {
    generate(path.join(scratch, "schema.gen.ts"));
    const fresh = fs.readFileSync(path.join(scratch, "schema.gen.ts"), "utf8");
    const stale = outputPaths.filter((output) => {
      const committed = path.join(repoRoot, output);
      return !fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== fresh;
    });
    if (stale.length > 0) {
      console.error(`gen:api: ${stale.join(", ")} out of date; run \`npm run gen:api\` and commit.`);
      process.exit(1);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
} else {
  for (const output of outputPaths) generate(path.join(repoRoot, output));
}
