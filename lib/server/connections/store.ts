import "server-only";
import Database from "better-sqlite3";
import crypto from "node:crypto";
import { consoleDataDir } from "@/lib/server/auth/store";
import { migrateModule, openConsoleDb } from "@/lib/server/auth/console-db";
import { TokenCipher } from "@/lib/server/connections/token-cipher";
import type { Connection } from "@/lib/connections/types";

/**
 * Remote clusters the console manages, in the console's database (console.db) in a
 * table of their own. Their admin tokens are sealed with TokenCipher; nothing else here
 * is secret. Opened lazily and kept on globalThis like the user store.
 */
interface ConnectionRow {
  id: string;
  name: string;
  admin_url: string;
  s3_endpoint: string;
  region: string;
  token_iv: Buffer;
  token_tag: Buffer;
  token_ciphertext: Buffer;
  created_at_ms: number;
}

export type NewConnection = Omit<Connection, "id">;

// This module's own migrations, tracked in module_versions so they never collide with
// the user store's user_version. Each entry moves from version index to index + 1.
const moduleName = "connections";
const migrations: string[] = [
  `CREATE TABLE connections (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE COLLATE NOCASE,
     admin_url TEXT NOT NULL,
     s3_endpoint TEXT NOT NULL,
     region TEXT NOT NULL,
     token_iv BLOB NOT NULL,
     token_tag BLOB NOT NULL,
     token_ciphertext BLOB NOT NULL,
     created_at_ms INTEGER NOT NULL
   )`,
];

export class ConnectionStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly cipher: TokenCipher,
  ) {}

  static open(directory: string, secret: string | undefined): ConnectionStore {
    const cipher = TokenCipher.fromSecret(secret);
    const db = openConsoleDb(directory);
    migrateModule(db, moduleName, migrations);
    return new ConnectionStore(db, cipher);
  }

  list(): Connection[] {
    return this.db
      .prepare<[], ConnectionRow>("SELECT * FROM connections ORDER BY created_at_ms")
      .all()
      .map((row) => this.toConnection(row));
  }

  find(id: string): Connection | null {
    const row = this.db.prepare<[string], ConnectionRow>("SELECT * FROM connections WHERE id = ?").get(id);
    return row ? this.toConnection(row) : null;
  }

  /** Throws DuplicateConnectionNameError when the name is taken. */
  add(input: NewConnection): Connection {
    const id = `c-${crypto.randomBytes(6).toString("hex")}`;
    const sealed = this.cipher.seal(input.adminToken, id);
    try {
      this.db
        .prepare(
          "INSERT INTO connections (id, name, admin_url, s3_endpoint, region, token_iv, token_tag, token_ciphertext, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          id,
          input.name,
          input.adminUrl,
          input.s3Endpoint,
          input.region,
          sealed.iv,
          sealed.tag,
          sealed.ciphertext,
          Date.now(),
        );
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE")
        throw new DuplicateConnectionNameError(input.name);
      throw error;
    }
    return { id, ...input };
  }

  remove(id: string): boolean {
    return this.db.prepare("DELETE FROM connections WHERE id = ?").run(id).changes > 0;
  }

  close(): void {
    this.db.close();
  }

  private toConnection(row: ConnectionRow): Connection {
    const adminToken = this.cipher.open(
      { iv: row.token_iv, tag: row.token_tag, ciphertext: row.token_ciphertext },
      row.id,
    );
    return {
      id: row.id,
      name: row.name,
      adminUrl: row.admin_url,
      adminToken,
      s3Endpoint: row.s3_endpoint,
      region: row.region,
    };
  }
}

export class DuplicateConnectionNameError extends Error {
  override name = "DuplicateConnectionNameError";
  constructor(readonly connectionName: string) {
    super(`a connection named ${connectionName} already exists`);
  }
}

const globalForConnections = globalThis as typeof globalThis & { carportConnectionStore?: ConnectionStore };

/** The process's store, opened on first use in the console's data directory. */
export function getConnectionStore(): ConnectionStore {
  globalForConnections.carportConnectionStore ??= ConnectionStore.open(consoleDataDir(), process.env.AUTH_SECRET);
  return globalForConnections.carportConnectionStore;
}
