import "server-only";
import type Database from "better-sqlite3";

/**
 * The users table's migrations, tracked in SQLite's user_version (the first module in
 * console.db). Each entry moves from user_version = index to index + 1; never edit a
 * shipped one. Tenancy's tables (lib/tenancy/schema) are migrated first: v2 refers to them.
 */
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
  // v2: the viewer role, a disabled flag, OpenID Connect users (no password, a subject),
  // and the tenant column tied to the tenants table. Tenant ids written before tenants
  // existed become tenants of that name with the default limits of the day.
  `INSERT INTO tenants (id, name, max_buckets, max_bytes, max_keys, default_bucket_quota_bytes, created_at_ms)
     SELECT DISTINCT tenant_id, tenant_id, 10, 107374182400, 20, 10737418240, created_at_ms FROM users
     WHERE role = 'tenant' AND tenant_id IS NOT NULL AND tenant_id NOT IN (SELECT id FROM tenants);
   CREATE TABLE users_v2 (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     -- NULL for users who sign in only through the OpenID provider.
     password_hash TEXT,
     role TEXT NOT NULL CHECK (role IN ('admin', 'viewer', 'tenant')),
     tenant_id TEXT REFERENCES tenants (id),
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
     password_source TEXT NOT NULL DEFAULT 'user' CHECK (password_source IN ('bootstrap', 'user')),
     -- The provider's issuer and subject, joined by a space; unique per provider user.
     oidc_subject TEXT UNIQUE,
     created_at_ms INTEGER NOT NULL,
     CHECK ((role = 'tenant') = (tenant_id IS NOT NULL))
   );
   INSERT INTO users_v2 (id, name, password_hash, role, tenant_id, password_source, created_at_ms)
     SELECT id, name, password_hash, role, CASE WHEN role = 'tenant' THEN tenant_id END, password_source, created_at_ms
     FROM users WHERE role <> 'tenant' OR tenant_id IS NOT NULL;
   DROP TABLE users;
   ALTER TABLE users_v2 RENAME TO users;
   CREATE INDEX users_by_tenant ON users (tenant_id)`,
];

export function migrateUsers(db: Database.Database): void {
  const version = Number(db.pragma("user_version", { simple: true }));
  for (let index = version; index < migrations.length; index += 1) {
    db.transaction(() => {
      db.exec(migrations[index]);
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  }
}
