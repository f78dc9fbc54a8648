import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

it("the committed admin API types match Garage's OpenAPI document", () => {
  // Throws (with the script's message) when a generated file has drifted from the document.
  const output = execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/gen-api.ts", "--check"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  expect(output).not.toContain("out of date");
});
