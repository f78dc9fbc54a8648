import "server-only";
import type Database from "better-sqlite3";
import { migrateModule } from "@/lib/server/auth/console-db";

/**
 * Hikube Buckets in console.db: what each manifest made. The bucket itself is an ordinary
 * tenant bucket (tenant_buckets, under the manifest's name); this adds its dedicated key and
 * the uid of the BucketAccess its secret stands for. Each migration moves the module one
 * version on; never edit a shipped one.
 */
const migrations: string[] = [
  `CREATE TABLE hikube_buckets (
     tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
     -- metadata.name: unique within a tenant, as tenant bucket names are.
     name TEXT NOT NULL,
     bucket_id TEXT NOT NULL UNIQUE,
     -- bucket-<uuid>: its S3 name (global alias), BucketInfo's spec.bucketName
     bucket_name TEXT NOT NULL,
     access_key_id TEXT NOT NULL,
     -- the uuid of bc-<uuid>, BucketInfo's metadata.name
     access_uid TEXT NOT NULL,
     created_at_ms INTEGER NOT NULL,
     PRIMARY KEY (tenant_id, name)
   )`,
];

export function migrateHikube(db: Database.Database): void {
  migrateModule(db, "hikube", migrations);
}

export interface HikubeBucketRecord {
  tenantId: string;
  name: string;
  bucketId: string;
  bucketName: string;
  accessKeyId: string;
  accessUid: string;
  createdAt: string;
}

interface Row {
  tenant_id: string;
  name: string;
  bucket_id: string;
  bucket_name: string;
  access_key_id: string;
  access_uid: string;
  created_at_ms: number;
}

function toRecord(row: Row): HikubeBucketRecord {
  return {
    tenantId: row.tenant_id,
    name: row.name,
    bucketId: row.bucket_id,
    bucketName: row.bucket_name,
    accessKeyId: row.access_key_id,
    accessUid: row.access_uid,
    createdAt: new Date(row.created_at_ms).toISOString(),
  };
}

export class HikubeStore {
  constructor(private readonly db: Database.Database) {}

  record(input: Omit<HikubeBucketRecord, "createdAt">): HikubeBucketRecord {
    const now = Date.now();
    this.db
      .prepare(
        "INSERT INTO hikube_buckets (tenant_id, name, bucket_id, bucket_name, access_key_id, access_uid, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .run(input.tenantId, input.name, input.bucketId, input.bucketName, input.accessKeyId, input.accessUid, now);
    return { ...input, createdAt: new Date(now).toISOString() };
  }

  /** A tenant's manifests, oldest first; every tenant's when tenantId is undefined. */
  list(tenantId?: string): HikubeBucketRecord[] {
    const rows =
      tenantId === undefined
        ? this.db.prepare<[], Row>("SELECT * FROM hikube_buckets ORDER BY created_at_ms").all()
        : this.db
            .prepare<[string], Row>("SELECT * FROM hikube_buckets WHERE tenant_id = ? ORDER BY created_at_ms")
            .all(tenantId);
    return rows.map(toRecord);
  }

  byName(tenantId: string, name: string): HikubeBucketRecord | null {
    const row = this.db
      .prepare<[string, string], Row>("SELECT * FROM hikube_buckets WHERE tenant_id = ? AND name = ?")
      .get(tenantId, name);
    return row ? toRecord(row) : null;
  }

  byBucket(bucketId: string): HikubeBucketRecord | null {
    const row = this.db.prepare<[string], Row>("SELECT * FROM hikube_buckets WHERE bucket_id = ?").get(bucketId);
    return row ? toRecord(row) : null;
  }

  forget(bucketId: string): void {
    this.db.prepare("DELETE FROM hikube_buckets WHERE bucket_id = ?").run(bucketId);
  }
}
