import "server-only";
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

/**
 * console.db: the console's own small database (users, remote connections, the
 * console's S3 keys), one file opened the same way by every module that keeps tables in it.
 */
export function openConsoleDb(directory: string): Database.Database {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  // CARPORT_SQLITE_BINDING: better-sqlite3 built for another Node, set only by `npm test`'s Node 24 pass.
  const nativeBinding = process.env.CARPORT_SQLITE_BINDING;
  const db = new Database(path.join(directory, "console.db"), nativeBinding ? { nativeBinding } : {});
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

/**
 * Console modules that keep tables in console.db (connections, the console's S3
 * keys) migrate independently: each records its own schema version in
 * `module_versions` and applies the migrations it has not run yet, in one transaction.
 */
export function migrateModule(db: Database.Database, moduleName: string, migrations: readonly string[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS module_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  db.transaction(() => {
    const row = db
      .prepare<[string], { version: number }>("SELECT version FROM module_versions WHERE module = ?")
      .get(moduleName);
    for (let index = row?.version ?? 0; index < migrations.length; index += 1) db.exec(migrations[index]);
    db.prepare(
      "INSERT INTO module_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version",
    ).run(moduleName, migrations.length);
  }).immediate();
}
