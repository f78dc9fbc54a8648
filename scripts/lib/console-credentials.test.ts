import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { credentialsFileName, ensureConsoleCredentials } from "./console-credentials";

const directories: string[] = [];
function tempDir(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-creds-"));
  directories.push(directory);
  return path.join(directory, "console");
}
afterEach(() => directories.splice(0).forEach((directory) => fs.rmSync(directory, { recursive: true, force: true })));

describe("console credentials", () => {
  it("generates a password and secret on the first run, keeps them 0600, and reuses them", () => {
    const directory = tempDir();
    const first = ensureConsoleCredentials(directory, {});
    expect(first).toMatchObject({ user: "admin", firstRun: true, passwordFromEnv: false });
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    expect(fs.statSync(path.join(directory, credentialsFileName)).mode & 0o777).toBe(0o600);

    const second = ensureConsoleCredentials(directory, {});
    expect(second).toMatchObject({ password: first.password, authSecret: first.authSecret, firstRun: false });
  });

  it("lets the environment win without writing it down", () => {
    const directory = tempDir();
    const fromEnv = ensureConsoleCredentials(directory, {
      CARPORT_CONSOLE_PASSWORD: "from-env",
      AUTH_SECRET: "secret-from-env",
    });
    expect(fromEnv).toMatchObject({ password: "from-env", authSecret: "secret-from-env", passwordFromEnv: true });
    expect(fs.readFileSync(path.join(directory, credentialsFileName), "utf8")).not.toContain("from-env");
  });
});
