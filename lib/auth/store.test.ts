import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { ConsoleStore } from "./store";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-console-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe("passwords", () => {
  it("verifies the right password and refuses others", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("wrong horse", hash)).toBe(false);
    expect(await verifyPassword("correct horse", "not-a-hash")).toBe(false);
  });
});

describe("console store", () => {
  it("creates admin from the bootstrap password and follows it when it changes", async () => {
    const first = await ConsoleStore.open(directory, "first-password");
    expect(await first.verifyCredentials("admin", "first-password")).toMatchObject({
      name: "admin",
      role: "admin",
      tenantId: null,
    });
    expect(await first.verifyCredentials("admin", "nope")).toBeNull();
    expect(await first.verifyCredentials("nobody", "first-password")).toBeNull();

    const second = await ConsoleStore.open(directory, "second-password");
    expect(await second.verifyCredentials("admin", "first-password")).toBeNull();
    expect(await second.verifyCredentials("admin", "second-password")).not.toBeNull();
  });

  it("keeps tenants apart from admins", async () => {
    const store = await ConsoleStore.open(directory, undefined);
    const tenant = await store.createUser({
      name: "acme",
      password: "tenant-pass",
      role: "tenant",
      tenantId: "acme",
      passwordSource: "user",
    });
    expect(store.findById(tenant.id)).toEqual({ id: tenant.id, name: "acme", role: "tenant", tenantId: "acme" });
  });
});
