import "server-only";
import Database from "better-sqlite3";
import { consoleDataDir } from "@/lib/server/auth/store";
import { migrateModule, openConsoleDb } from "@/lib/server/auth/console-db";
import { TokenCipher } from "@/lib/server/connections/token-cipher";

/**
 * The console's own S3 key per connection ("carport-console"), in console.db. Its
 * secret is sealed with the connections' cipher (AES-256-GCM, key from AUTH_SECRET),
 * bound by AAD to this table, the connection and the key id.
 */
export interface ConsoleKey {
  accessKeyId: string;
  secretAccessKey: string;
}

interface ConsoleKeyRow {
  connection_id: string;
  access_key_id: string;
  secret_iv: Buffer;
  secret_tag: Buffer;
  secret_ciphertext: Buffer;
}

const moduleName = "console-keys";
const migrations: string[] = [
  `CREATE TABLE console_keys (
     connection_id TEXT PRIMARY KEY,
     access_key_id TEXT NOT NULL,
     secret_iv BLOB NOT NULL,
     secret_tag BLOB NOT NULL,
     secret_ciphertext BLOB NOT NULL,
     created_at_ms INTEGER NOT NULL
   )`,
];

const aad = (connectionId: string, accessKeyId: string) => `console-keys/${connectionId}/${accessKeyId}`;

export class ConsoleKeyStore {
  private constructor(
    private readonly db: Database.Database,
    private readonly cipher: TokenCipher,
  ) {}

  static open(directory: string, secret: string | undefined): ConsoleKeyStore {
    const cipher = TokenCipher.fromSecret(secret);
    const db = openConsoleDb(directory);
    migrateModule(db, moduleName, migrations);
    return new ConsoleKeyStore(db, cipher);
  }

  find(connectionId: string): ConsoleKey | null {
    const row = this.db
      .prepare<[string], ConsoleKeyRow>("SELECT * FROM console_keys WHERE connection_id = ?")
      .get(connectionId);
    if (!row) return null;
    const secretAccessKey = this.cipher.open(
      { iv: row.secret_iv, tag: row.secret_tag, ciphertext: row.secret_ciphertext },
      aad(connectionId, row.access_key_id),
    );
    return { accessKeyId: row.access_key_id, secretAccessKey };
  }

  /** The key's id alone (no secret opened), to mark the console's key in lists. */
  keyIdOf(connectionId: string): string | null {
    const row = this.db
      .prepare<[string], { access_key_id: string }>("SELECT access_key_id FROM console_keys WHERE connection_id = ?")
      .get(connectionId);
    return row?.access_key_id ?? null;
  }

  save(connectionId: string, key: ConsoleKey): void {
    const sealed = this.cipher.seal(key.secretAccessKey, aad(connectionId, key.accessKeyId));
    this.db
      .prepare(
        `INSERT INTO console_keys (connection_id, access_key_id, secret_iv, secret_tag, secret_ciphertext, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id) DO UPDATE SET access_key_id = excluded.access_key_id, secret_iv = excluded.secret_iv,
           secret_tag = excluded.secret_tag, secret_ciphertext = excluded.secret_ciphertext, created_at_ms = excluded.created_at_ms`,
      )
      .run(connectionId, key.accessKeyId, sealed.iv, sealed.tag, sealed.ciphertext, Date.now());
  }

  remove(connectionId: string): void {
    this.db.prepare("DELETE FROM console_keys WHERE connection_id = ?").run(connectionId);
  }

  close(): void {
    this.db.close();
  }
}

const globalForKeys = globalThis as typeof globalThis & { carportConsoleKeyStore?: ConsoleKeyStore };

export function getConsoleKeyStore(): ConsoleKeyStore {
  globalForKeys.carportConsoleKeyStore ??= ConsoleKeyStore.open(consoleDataDir(), process.env.AUTH_SECRET);
  return globalForKeys.carportConsoleKeyStore;
}
