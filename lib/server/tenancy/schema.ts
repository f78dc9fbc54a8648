import "server-only";
import type Database from "better-sqlite3";
import { migrateModule } from "@/lib/server/auth/console-db";

/**
 * Tenancy's tables in console.db: tenants and what each owns on its cluster. Migrated
 * before the user table, whose tenant column refers to tenants. Each entry moves the
 * module from version index to index + 1; never edit a shipped one.
 */
const moduleName = "tenancy";
const migrations: string[] = [
  `CREATE TABLE tenants (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     max_buckets INTEGER NOT NULL CHECK (max_buckets >= 0),
     max_bytes INTEGER NOT NULL CHECK (max_bytes >= 0),
     max_keys INTEGER NOT NULL CHECK (max_keys >= 0),
     default_bucket_quota_bytes INTEGER NOT NULL CHECK (default_bucket_quota_bytes > 0),
     connection_id TEXT NOT NULL DEFAULT 'local',
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
     created_at_ms INTEGER NOT NULL
   );
   -- A bucket id is 32 random bytes, unique across clusters in practice; one owner each.
   CREATE TABLE tenant_buckets (
     bucket_id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants (id),
     -- The name the tenant gave it: how the tenant addresses it (its global alias for a plain bucket).
     name TEXT NOT NULL,
     -- The Garage quota (maxSize) the console gave it; their sum stays within the tenant's max_bytes.
     quota_bytes INTEGER NOT NULL CHECK (quota_bytes > 0),
     created_at_ms INTEGER NOT NULL,
     UNIQUE (tenant_id, name)
   );
   CREATE TABLE tenant_keys (
     access_key_id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants (id),
     created_at_ms INTEGER NOT NULL
   );
   CREATE INDEX tenant_keys_by_tenant ON tenant_keys (tenant_id)`,
];

export function migrateTenancy(db: Database.Database): void {
  migrateModule(db, moduleName, migrations);
}
