import "server-only";
import type Database from "better-sqlite3";
import { migrateModule } from "@/lib/server/auth/console-db";

/**
 * Project credentials (OpenStack's EC2 credentials) in console.db: which access keys are a
 * project's, made by which user. The key is also one of the tenant's keys (tenant_keys),
 * counted toward its limit. Each migration moves the module one version on.
 */
const migrations: string[] = [
  `CREATE TABLE project_credentials (
     access_key_id TEXT PRIMARY KEY,
     tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL,
     -- Whether the console last left the key its right to create buckets (withdrawn at a tenant limit).
     can_create_buckets INTEGER NOT NULL DEFAULT 1 CHECK (can_create_buckets IN (0, 1)),
     created_at_ms INTEGER NOT NULL
   );
   CREATE INDEX project_credentials_by_tenant ON project_credentials (tenant_id)`,
];

export function migrateCredentials(db: Database.Database): void {
  migrateModule(db, "credentials", migrations);
}

export interface ProjectCredentialRecord {
  accessKeyId: string;
  tenantId: string;
  userId: string;
  canCreateBuckets: boolean;
  createdAt: string;
}

interface Row {
  access_key_id: string;
  tenant_id: string;
  user_id: string;
  can_create_buckets: number;
  created_at_ms: number;
}

const toRecord = (row: Row): ProjectCredentialRecord => ({
  accessKeyId: row.access_key_id,
  tenantId: row.tenant_id,
  userId: row.user_id,
  canCreateBuckets: row.can_create_buckets === 1,
  createdAt: new Date(row.created_at_ms).toISOString(),
});

export class CredentialStore {
  constructor(private readonly db: Database.Database) {}

  record(input: { accessKeyId: string; tenantId: string; userId: string; canCreateBuckets: boolean }): void {
    this.db
      .prepare(
        "INSERT INTO project_credentials (access_key_id, tenant_id, user_id, can_create_buckets, created_at_ms) VALUES (?, ?, ?, ?, ?)",
      )
      .run(input.accessKeyId, input.tenantId, input.userId, input.canCreateBuckets ? 1 : 0, Date.now());
  }

  find(accessKeyId: string): ProjectCredentialRecord | null {
    const row = this.db
      .prepare<[string], Row>("SELECT * FROM project_credentials WHERE access_key_id = ?")
      .get(accessKeyId);
    return row ? toRecord(row) : null;
  }

  ofTenant(tenantId: string): ProjectCredentialRecord[] {
    return this.db
      .prepare<[string], Row>("SELECT * FROM project_credentials WHERE tenant_id = ? ORDER BY created_at_ms")
      .all(tenantId)
      .map(toRecord);
  }

  all(): ProjectCredentialRecord[] {
    return this.db.prepare<[], Row>("SELECT * FROM project_credentials ORDER BY created_at_ms").all().map(toRecord);
  }

  ofUser(userId: string): ProjectCredentialRecord[] {
    return this.db
      .prepare<[string], Row>("SELECT * FROM project_credentials WHERE user_id = ? ORDER BY created_at_ms")
      .all(userId)
      .map(toRecord);
  }

  setCanCreateBuckets(accessKeyId: string, allowed: boolean): void {
    this.db
      .prepare("UPDATE project_credentials SET can_create_buckets = ? WHERE access_key_id = ?")
      .run(allowed ? 1 : 0, accessKeyId);
  }

  forget(accessKeyId: string): void {
    this.db.prepare("DELETE FROM project_credentials WHERE access_key_id = ?").run(accessKeyId);
  }
}
