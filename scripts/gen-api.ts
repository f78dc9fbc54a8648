import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Generates TypeScript types from Garage's admin API documents. v2 into
 * contracts/garage-admin-v2.gen.ts, the one wire contract both the console's client and
 * the engine's handlers import (neither may import the other's folder). v1, for the console's translation of Garage 0.9–1.x clusters:
 * lib/admin-api/schema-v1.gen.ts. Paths resolve from the repository root, not the
 * caller's cwd, so the script works from a fresh clone wherever npm is run. The
 * documents are kept in the repository (lib/admin-api/openapi/); `--check` compares
 * instead of writing.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const openapiDir = path.join(repoRoot, "lib", "admin-api", "openapi");
const documents = [
  {
    spec: path.join(openapiDir, "garage-admin-v2.openapi.json"),
    outputs: [path.join("contracts", "garage-admin-v2.gen.ts")],
  },
  {
    spec: path.join(openapiDir, "garage-admin-v1.openapi.yml"),
    outputs: [path.join("lib", "admin-api", "schema-v1.gen.ts")],
  },
];
const checkOnly = process.argv.includes("--check");

function generate(spec: string, target: string): void {
  const binary = path.join(repoRoot, "node_modules", ".bin", "openapi-typescript");
  execFileSync(binary, [spec, "-o", target], { stdio: checkOnly ? "pipe" : "inherit", cwd: repoRoot });
}

function staleOutputs(scratch: string): string[] {
  return documents.flatMap(({ spec, outputs }, index) => {
    const fresh = path.join(scratch, `schema-${index}.gen.ts`);
    generate(spec, fresh);
    const expected = fs.readFileSync(fresh, "utf8");
    return outputs.filter((output) => {
      const committed = path.join(repoRoot, output);
      return !fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== expected;
    });
  });
}

if (checkOnly) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "carport-gen-api-"));
  try {
    const stale = staleOutputs(scratch);
    if (stale.length > 0) {
      console.error(`gen:api: ${stale.join(", ")} out of date; run \`npm run gen:api\` and commit.`);
      process.exit(1);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
} else {
  for (const { spec, outputs } of documents) for (const output of outputs) generate(spec, path.join(repoRoot, output));
}
