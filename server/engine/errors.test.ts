import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { engineErrorCodes } from "./errors";

/**
 * Every engine error code is thrown by some engine code: the protocol tables map
 * each code, so a code nothing throws is a row of dead mapping. A code counts as
 * used when an engine source file (not this table, not a test) names it as a
 * string literal, which is how EngineError and checkConditions take their codes.
 */

function engineSources(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return engineSources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("engine error codes", () => {
  const table = path.join(import.meta.dirname, "errors.ts");
  const sources = engineSources(import.meta.dirname)
    .filter((file) => file !== table)
    .map((file) => fs.readFileSync(file, "utf8"));

  it("reads the engine's sources", () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each(engineErrorCodes)("%s is thrown somewhere in the engine", (code) => {
    expect(sources.some((source) => source.includes(`"${code}"`))).toBe(true);
  });
});
