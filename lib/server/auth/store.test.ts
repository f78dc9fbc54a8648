import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import { openConsoleDb } from "@/lib/server/auth/console-db";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { ConsoleStore, DuplicateUserNameError, LastAdminError } from "@/lib/server/auth/store";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-console-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let directoryCount = 0;
const freshDirectory = () => path.join(root, `store-${(directoryCount += 1)}`);

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
    const directory = freshDirectory();
    const first = await ConsoleStore.open(directory, "first-password");
    expect(await first.verifyCredentials("admin", "first-password")).toMatchObject({
      name: "admin",
      role: "admin",
      tenantId: null,
      disabled: false,
    });
    expect(await first.verifyCredentials("admin", "nope")).toBeNull();
    expect(await first.verifyCredentials("nobody", "first-password")).toBeNull();

    const second = await ConsoleStore.open(directory, "second-password");
    expect(await second.verifyCredentials("admin", "first-password")).toBeNull();
    expect(await second.verifyCredentials("admin", "second-password")).not.toBeNull();
  });

  it("stops following the environment once an admin chose the password", async () => {
    const directory = freshDirectory();
    const store = await ConsoleStore.open(directory, "from-env");
    const admin = store.findByName("admin");
    await store.updateUser(admin?.id ?? "", { password: "chosen-in-console" });
    const reopened = await ConsoleStore.open(directory, "from-env-again");
    expect(await reopened.verifyCredentials("admin", "chosen-in-console")).not.toBeNull();
    expect(await reopened.verifyCredentials("admin", "from-env-again")).toBeNull();
  });

  it("ties tenant users to a tenant and keeps admins and viewers without one", async () => {
    const store = await ConsoleStore.open(freshDirectory(), "pw-admin-1");
    const acme = store.tenants.create({ name: "acme", limits: defaultTenantLimits, connectionId: "local" });
    const user = await store.createUser({ name: "alice", password: "tenant-pass", role: "tenant", tenantId: acme.id });
    expect(store.findById(user.id)).toMatchObject({ name: "alice", role: "tenant", tenantId: acme.id, oidc: false });
    await expect(
      store.createUser({ name: "bob", password: "viewer-pass", role: "viewer", tenantId: acme.id }),
    ).rejects.toThrow(/CHECK/);
    await expect(
      store.createUser({ name: "carol", password: "pass-carol", role: "tenant", tenantId: "t-missing" }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      store.createUser({ name: "ALICE", password: "again-pass", role: "viewer", tenantId: null }),
    ).rejects.toBeInstanceOf(DuplicateUserNameError);
  });

  it("disables users, and never removes or demotes the last enabled admin", async () => {
    const store = await ConsoleStore.open(freshDirectory(), "pw-admin-2");
    const admin = store.findByName("admin");
    if (!admin) throw new Error("no bootstrap admin");
    await expect(store.updateUser(admin.id, { disabled: true })).rejects.toBeInstanceOf(LastAdminError);
    await expect(store.updateUser(admin.id, { role: "viewer" })).rejects.toBeInstanceOf(LastAdminError);
    expect(() => store.deleteUser(admin.id)).toThrow(LastAdminError);
    const second = await store.createUser({ name: "ops", password: "ops-password", role: "admin", tenantId: null });
    expect(await store.updateUser(admin.id, { disabled: true })).toMatchObject({ disabled: true });
    expect(() => store.deleteUser(second.id)).toThrow(LastAdminError);
    expect(store.deleteUser(admin.id)).toBe(true);
    expect(store.findById(admin.id)).toBeNull();
  });

  it("keeps OpenID users without a password, found by their subject", async () => {
    const store = await ConsoleStore.open(freshDirectory(), undefined);
    const created = await store.createUser({
      name: "dora",
      password: null,
      role: "viewer",
      tenantId: null,
      oidcSubject: "https://idp.example dora-sub",
    });
    expect(store.findByOidcSubject("https://idp.example dora-sub")).toMatchObject({ id: created.id, oidc: true });
    expect(await store.verifyCredentials("dora", "")).toBeNull();
    expect(await store.verifyCredentials("dora", "anything")).toBeNull();
  });

  it("migrates a version 1 database: tenant ids become tenants, admins lose stray tenant ids", async () => {
    const directory = freshDirectory();
    // Opened as the console opens it (under Node 24, with that Node's SQLite binding).
    const legacy = openConsoleDb(directory);
    legacy.exec(`CREATE TABLE users (
       id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL,
       role TEXT NOT NULL CHECK (role IN ('admin', 'tenant')), tenant_id TEXT,
       password_source TEXT NOT NULL DEFAULT 'user', created_at_ms INTEGER NOT NULL)`);
    const hash = await hashPassword("legacy-pass");
    const insert = legacy.prepare(
      "INSERT INTO users (name, password_hash, role, tenant_id, created_at_ms) VALUES (?, ?, ?, ?, 1)",
    );
    insert.run("root", hash, "admin", "stray");
    insert.run("old-tenant", hash, "tenant", "legacy-co");
    legacy.pragma("user_version = 1");
    legacy.close();

    const store = await ConsoleStore.open(directory, undefined);
    expect(store.findByName("root")).toMatchObject({ role: "admin", tenantId: null, disabled: false });
    expect(store.findByName("old-tenant")).toMatchObject({ role: "tenant", tenantId: "legacy-co" });
    expect(store.tenants.find("legacy-co")).toMatchObject({ name: "legacy-co", limits: defaultTenantLimits });
    expect(await store.verifyCredentials("old-tenant", "legacy-pass")).not.toBeNull();
  });
});
