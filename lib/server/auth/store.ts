import "server-only";
import Database from "better-sqlite3";
import path from "node:path";
import { CredentialStore, migrateCredentials } from "@/lib/server/credentials/store";
import { HikubeStore, migrateHikube } from "@/lib/server/hikube/store";
import { migrateTenancy } from "@/lib/server/tenancy/schema";
import { TenantStore } from "@/lib/server/tenancy/store";
import { openConsoleDb } from "@/lib/server/auth/console-db";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { bootstrapAdminName, isRole, type Role } from "@/lib/auth/roles";
import { migrateUsers } from "@/lib/server/auth/user-schema";

/**
 * The console's own store: users and their roles, and (through `tenants`) the tenants
 * they belong to, in <data>/console/console.db. Opened lazily (never at import time) and
 * kept on globalThis so every bundle of the process shares one connection.
 */
export interface ConsoleUser {
  id: string;
  name: string;
  role: Role;
  /** The tenant a `tenant` user belongs to; null for admins and viewers. */
  tenantId: string | null;
  disabled: boolean;
  /** True for a user created by an OpenID Connect sign-in (it may have no password). */
  oidc: boolean;
  createdAt: string;
}

interface UserRow {
  id: number;
  name: string;
  password_hash: string | null;
  role: string;
  tenant_id: string | null;
  disabled: number;
  password_source: string;
  oidc_subject: string | null;
  created_at_ms: number;
}

export class DuplicateUserNameError extends Error {
  override name = "DuplicateUserNameError";
  constructor(readonly userName: string) {
    super(`a user named ${userName} already exists`);
  }
}

/** Refused: the change would leave no enabled admin to run the console. */
export class LastAdminError extends Error {
  override name = "LastAdminError";
  constructor() {
    super("the console needs at least one enabled admin");
  }
}

export interface NewUser {
  name: string;
  /** null: signs in only through the OpenID provider (oidcSubject set). */
  password: string | null;
  role: Role;
  tenantId: string | null;
  passwordSource?: "bootstrap" | "user";
  oidcSubject?: string | null;
}

export interface UserChange {
  password?: string;
  role?: Role;
  tenantId?: string | null;
  disabled?: boolean;
}

const globalForStore = globalThis as typeof globalThis & { carportConsoleStore?: Promise<ConsoleStore> };

export function consoleDataDir(env: Record<string, string | undefined> = process.env): string {
  const dataRoot = env.CARPORT_DATA_DIR ? path.resolve(env.CARPORT_DATA_DIR) : path.resolve("data");
  return path.join(dataRoot, "console");
}

export class ConsoleStore {
  readonly tenants: TenantStore;
  /** What each Hikube Bucket manifest made (the seeds' issue). */
  readonly hikube: HikubeStore;
  /** Project credentials (OpenStack's EC2 credentials) and their users (the seeds' issue). */
  readonly credentials: CredentialStore;

  private constructor(private readonly db: Database.Database) {
    this.tenants = new TenantStore(db);
    this.hikube = new HikubeStore(db);
    this.credentials = new CredentialStore(db);
  }

  static async open(directory: string, bootstrapPassword: string | undefined): Promise<ConsoleStore> {
    const db = openConsoleDb(directory);
    migrateTenancy(db);
    migrateHikube(db);
    migrateCredentials(db);
    migrateUsers(db);
    const store = new ConsoleStore(db);
    if (bootstrapPassword) await store.syncBootstrapAdmin(bootstrapPassword);
    return store;
  }

  listUsers(): ConsoleUser[] {
    return this.db.prepare<[], UserRow>("SELECT * FROM users ORDER BY name").all().map(toUser);
  }

  findById(id: string): ConsoleUser | null {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE id = ?").get(id);
    return row ? toUser(row) : null;
  }

  findByName(name: string): ConsoleUser | null {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE name = ?").get(name);
    return row ? toUser(row) : null;
  }

  findByOidcSubject(subject: string): ConsoleUser | null {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE oidc_subject = ?").get(subject);
    return row ? toUser(row) : null;
  }

  /**
   * Returns the user when the password matches, else null: the same answer, after the
   * same work, for an unknown name, a user without a password and a wrong password.
   * A disabled user with the right password is returned; callers refuse it.
   */
  async verifyCredentials(name: string, password: string): Promise<ConsoleUser | null> {
    const row = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE name = ?").get(name);
    if (!row?.password_hash) {
      await hashPassword(password);
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
  }

  /** Throws DuplicateUserNameError when the name is taken (names compare without case). */
  async createUser(input: NewUser): Promise<ConsoleUser> {
    const hash = input.password === null ? null : await hashPassword(input.password);
    let id: number | bigint;
    try {
      id = this.db
        .prepare(
          "INSERT INTO users (name, password_hash, role, tenant_id, password_source, oidc_subject, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          input.name,
          hash,
          input.role,
          input.tenantId,
          input.passwordSource ?? "user",
          input.oidcSubject ?? null,
          Date.now(),
        ).lastInsertRowid;
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE")
        throw new DuplicateUserNameError(input.name);
      throw error;
    }
    const created = this.findById(String(id));
    if (!created) throw new Error(`user ${id} vanished after its insert`);
    return created;
  }

  /** Null for an unknown id. A new password is the user's own from then on (not the environment's). */
  async updateUser(id: string, change: UserChange): Promise<ConsoleUser | null> {
    const hash = change.password === undefined ? undefined : await hashPassword(change.password);
    this.db
      .transaction(() => {
        const current = this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE id = ?").get(id);
        if (!current) return;
        const role = change.role ?? current.role;
        const disabled = change.disabled ?? current.disabled === 1;
        if (current.role === "admin" && current.disabled === 0 && (role !== "admin" || disabled))
          this.refuseLastAdmin();
        this.db
          .prepare(
            "UPDATE users SET role = ?, tenant_id = ?, disabled = ?, password_hash = COALESCE(?, password_hash), password_source = CASE WHEN ? IS NULL THEN password_source ELSE 'user' END WHERE id = ?",
          )
          .run(
            role,
            change.tenantId === undefined ? current.tenant_id : change.tenantId,
            disabled ? 1 : 0,
            hash ?? null,
            hash ?? null,
            id,
          );
      })
      .immediate();
    return this.findById(id);
  }

  /** The OpenID provider decides these on every sign-in. */
  setRoleAndTenant(id: string, role: Role, tenantId: string | null): void {
    this.db.prepare("UPDATE users SET role = ?, tenant_id = ? WHERE id = ?").run(role, tenantId, id);
  }

  deleteUser(id: string): boolean {
    return this.db
      .transaction(() => {
        const current = this.findById(id);
        if (!current) return false;
        if (current.role === "admin" && !current.disabled) this.refuseLastAdmin();
        return this.db.prepare("DELETE FROM users WHERE id = ?").run(id).changes > 0;
      })
      .immediate();
  }

  /** Called inside a transaction that is about to remove an enabled admin. */
  private refuseLastAdmin(): void {
    const row = this.db
      .prepare<[], { count: number }>("SELECT COUNT(*) AS count FROM users WHERE role = 'admin' AND disabled = 0")
      .get();
    if ((row?.count ?? 0) <= 1) throw new LastAdminError();
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
    if (existing.password_source !== "bootstrap") return;
    if (existing.password_hash && (await verifyPassword(password, existing.password_hash))) return;
    this.db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").run(await hashPassword(password), existing.id);
  }
}

function toUser(row: UserRow): ConsoleUser {
  if (!isRole(row.role)) throw new Error(`console store: user ${row.id} has an unknown role`);
  return {
    id: String(row.id),
    name: row.name,
    role: row.role,
    tenantId: row.tenant_id,
    disabled: row.disabled === 1,
    oidc: row.oidc_subject !== null,
    createdAt: new Date(row.created_at_ms).toISOString(),
  };
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
