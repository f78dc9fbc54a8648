import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Generates lib/admin-api/schema.gen.ts from Garage's admin API v2 document.
 * Paths resolve from the repository root, not the caller's cwd, so the script works
 * from a fresh clone wherever npm is run. GARAGE_OPENAPI_SPEC points elsewhere when the
 * shared reference folder is not beside the repository.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");
const specPath = path.resolve(process.env.GARAGE_OPENAPI_SPEC ?? path.join(repoRoot, "..", "shared", "reference", "garage-admin-v2.openapi.json"));
const outputPath = path.join(repoRoot, "lib", "admin-api", "schema.gen.ts");

if (!fs.existsSync(specPath)) {
  console.error(`gen:api: Garage's OpenAPI document was not found at ${specPath}.`);
  console.error("Set GARAGE_OPENAPI_SPEC to its path. The generated schema is committed, so builds do not need it.");
  process.exit(1);
}

const binary = path.join(repoRoot, "node_modules", ".bin", "openapi-typescript");
execFileSync(binary, [specPath, "-o", outputPath], { stdio: "inherit", cwd: repoRoot });
