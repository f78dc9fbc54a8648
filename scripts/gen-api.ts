import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Generates lib/admin-api/schema.gen.ts from Garage's admin API v2 document.
 * Paths resolve from the repository root, not the caller's cwd, so the script works
 * from a fresh clone wherever npm is run. GARAGE_OPENAPI_SPEC points elsewhere when the
 * shared reference folder is not beside the repository. `--check` compares instead of
 * writing (and passes when the document is absent: the generated file is committed).
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const specPath = path.resolve(
  process.env.GARAGE_OPENAPI_SPEC ?? path.join(repoRoot, "..", "shared", "reference", "garage-admin-v2.openapi.json"),
);
const outputPath = path.join(repoRoot, "lib", "admin-api", "schema.gen.ts");
const checkOnly = process.argv.includes("--check");

function generate(target: string): void {
  const binary = path.join(repoRoot, "node_modules", ".bin", "openapi-typescript");
  execFileSync(binary, [specPath, "-o", target], { stdio: checkOnly ? "pipe" : "inherit", cwd: repoRoot });
}

if (!fs.existsSync(specPath)) {
  const message = `gen:api: Garage's OpenAPI document was not found at ${specPath}; set GARAGE_OPENAPI_SPEC to its path.`;
  if (checkOnly) {
    console.log(`${message} Skipping the check.`);
    process.exit(0);
  }
  console.error(`${message} The generated schema is committed, so builds do not need it.`);
  process.exit(1);
}

if (checkOnly) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "carport-gen-api-"));
  try {
    generate(path.join(scratch, "schema.gen.ts"));
    const fresh = fs.readFileSync(path.join(scratch, "schema.gen.ts"), "utf8");
    if (fresh !== fs.readFileSync(outputPath, "utf8")) {
      console.error("gen:api: lib/admin-api/schema.gen.ts is out of date; run `npm run gen:api` and commit it.");
      process.exit(1);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
} else {
  generate(outputPath);
}
