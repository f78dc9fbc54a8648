import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConsoleKeyStore } from "@/lib/server/s3/console-key-store";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-console-keys-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const secret = "a-test-auth-secret-of-enough-length";
const key = {
  accessKeyId: "GK0123456789abcdef01234567",
  secretAccessKey: "9f8e7d6c5b4a39281706f5e4d3c2b1a0-console-secret",
};

describe("console key store", () => {
  it("keeps the console key's secret sealed at rest", () => {
    const store = ConsoleKeyStore.open(directory, secret);
    expect(store.find("local")).toBeNull();
    store.save("local", key);
    expect(store.find("local")).toEqual(key);
    store.close();
    const bytes = Buffer.concat(
      fs
        .readdirSync(directory)
        .filter((name) => name.startsWith("console.db"))
        .map((name) => fs.readFileSync(path.join(directory, name))),
    );
    expect(bytes.includes(Buffer.from(key.secretAccessKey))).toBe(false);
    expect(bytes.includes(Buffer.from(key.accessKeyId))).toBe(true);
    const reopened = ConsoleKeyStore.open(directory, secret);
    expect(reopened.find("local")).toEqual(key);
    reopened.close();
  });

  it("cannot be opened with another AUTH_SECRET's key", () => {
    const store = ConsoleKeyStore.open(directory, "another-secret-entirely");
    expect(() => store.find("local")).toThrow();
    store.close();
  });

  it("replaces and removes a connection's key", () => {
    const store = ConsoleKeyStore.open(directory, secret);
    store.save("local", { accessKeyId: "GKnew", secretAccessKey: "new-secret" });
    expect(store.find("local")?.accessKeyId).toBe("GKnew");
    store.remove("local");
    expect(store.find("local")).toBeNull();
    store.close();
  });
});
