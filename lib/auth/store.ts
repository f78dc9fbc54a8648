import "server-only";
import Database from "better-sqlite3";
import path from "node:path";
import { hashPassword, verifyPassword } from "./password";
import { bootstrapAdminName, isRole, type Role } from "./roles";
import { openConsoleDb } from "./console-db";

/**
 * The console's own store: users and their roles, in <data>/console/console.db.
 * Opened lazily (never at import time) and kept on globalThis so every bundle of the
 * process shares one connection.
 */
export interface ConsoleUser {
  id: string;
  name: string;
  role: Role;
  /** The tenant a `tenant` user belongs to; null for admins. Tenants come in a later issue. */
  tenantId: string | null;
}

interface UserRow {
  id: number;
  name: string;
  password_hash: string;
  role: string;
  tenant_id: string | null;
  password_source: string;
}

// Each entry migrates from user_version = index to index + 1; never edit a shipped one.
const migrations: string[] = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'tenant')),
     tenant_id TEXT,
     -- 'bootstrap': set from CARPORT_CONSOLE_PASSWORD, which then wins on every start;
     -- 'user': chosen in the console, which the environment no longer overrides.
     password_source TEXT NOT NULL DEFAULT 'user' CHECK (password_source IN ('bootstrap', 'user')),
     created_at_ms INTEGER NOT NULL
   )`,
];

const globalForStore = globalThis as typeof globalThis & { carportConsoleStore?: Promise<ConsoleStore> };

export function consoleDataDir(env: Record<string, string | undefined> = process.env): string {
  const dataRoot = env.CARPORT_DATA_DIR ? path.resolve(env.CARPORT_DATA_DIR) : path.resolve("data");
  return path.join(dataRoot, "console");
}

export class ConsoleStore {
  private constructor(private readonly db: Database.Database) {}

  static async open(directory: string, bootstrapPassword: string | undefined): Promise<ConsoleStore> {
    const db = openConsoleDb(directory);
    migrate(db);
    const store = new ConsoleStore(db);
    if (bootstrapPassword) await store.syncBootstrapAdmin(bootstrapPassword);
    return store;
  }

  findByName(name: string): (ConsoleUser & { passwordHash: string }) | null {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE name = ?").get(name);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  findById(id: string): ConsoleUser | null {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE id = ?").get(id);
    return row ? toUser(row) : null;
  }

  /** Returns the user when the password matches, else null (same answer for an unknown name). */
  async verifyCredentials(name: string, password: string): Promise<ConsoleUser | null> {
    const found = this.findByName(name);
    if (!found) {
      // Hash anyway so an unknown name costs as long as a wrong password.
      await hashPassword(password);
      return null;
    }
    const { passwordHash, ...user } = found;
    return (await verifyPassword(password, passwordHash)) ? user : null;
  }

  async createUser(input: {
    name: string;
    password: string;
    role: Role;
    tenantId: string | null;
    passwordSource: "bootstrap" | "user";
  }): Promise<ConsoleUser> {
    const hash = await hashPassword(input.password);
    const result = this.db
      .prepare(
        "INSERT INTO users (name, password_hash, role, tenant_id, password_source, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(input.name, hash, input.role, input.tenantId, input.passwordSource, Date.now());
    return { id: String(result.lastInsertRowid), name: input.name, role: input.role, tenantId: input.tenantId };
  }

  /** Creates `admin` on first start; afterwards keeps a bootstrap password in step with the environment. */
  private async syncBootstrapAdmin(password: string): Promise<void> {
    const existing = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE name = ?").get(bootstrapAdminName);
    if (!existing) {
      await this.createUser({
        name: bootstrapAdminName,
        password,
        role: "admin",
        tenantId: null,
        passwordSource: "bootstrap",
      });
      return;
    }
    if (existing.password_source !== "bootstrap" || (await verifyPassword(password, existing.password_hash))) return;
    this.db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(await hashPassword(password), existing.id);
  }
}

function migrate(db: Database.Database): void {
  const version = Number(db.pragma("user_version", { simple: true }));
  for (let index = version; index < migrations.length; index += 1) {
    db.transaction(() => {
      db.exec(migrations[index]);
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}

function toUser(row: UserRow): ConsoleUser {
  if (!isRole(row.role)) throw new Error(`console store: user ${row.id} has an unknown role`);
  return { id: String(row.id), name: row.name, role: row.role, tenantId: row.tenant_id };
}

/** The process's store, opened on first use with the environment's data dir and bootstrap password. */
export function getConsoleStore(): Promise<ConsoleStore> {
  globalForStore.carportConsoleStore ??= ConsoleStore.open(
    consoleDataDir(),
    process.env.CARPORT_CONSOLE_PASSWORD,
  ).catch((error: unknown) => {
    // Let the next request retry rather than caching a failed open forever.
    globalForStore.carportConsoleStore = undefined;
    throw error;
  });
  return globalForStore.carportConsoleStore;
}
