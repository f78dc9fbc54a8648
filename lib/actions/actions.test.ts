import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every console action has one shape: session, role, zod, context and the error sentence
 * come from defineAction, so none may be written by hand.
 */
const actionsDir = import.meta.dirname;
const actionFiles = readdirSync(actionsDir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));

describe("lib/actions", () => {
  it("holds only server action files", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    for (const name of actionFiles) {
      expect(readFileSync(path.join(actionsDir, name), "utf8"), name).toMatch(/^"use server";\n/);
    }
  });

  it("defines every exported action with defineAction", () => {
    let actions = 0;
    for (const name of actionFiles) {
      const source = readFileSync(path.join(actionsDir, name), "utf8");
      const exports = source.match(/^export .*$/gm) ?? [];
      for (const line of exports) {
        expect(line, name).toMatch(/^export const \w+Action = defineAction\(/);
        actions += 1;
      }
    }
    expect(actions).toBeGreaterThanOrEqual(39);
  });
});
