import "server-only";
import type Database from "better-sqlite3";

/**
 * Console modules that keep tables in console.db (connections, the console's S3
 * keys) migrate independently: each records its own schema version in
 * `module_versions` and applies the migrations it has not run yet, in one transaction.
 */
export function migrateModule(db: Database.Database, moduleName: string, migrations: readonly string[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS module_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  db.transaction(() => {
    const row = db.prepare<[string], { version: number }>("SELECT version FROM module_versions WHERE module = ?").get(moduleName);
    for (let index = row?.version ?? 0; index < migrations.length; index += 1) db.exec(migrations[index]);
    db.prepare("INSERT INTO module_versions (module, version) VALUES (?, ?) ON CONFLICT (module) DO UPDATE SET version = excluded.version").run(moduleName, migrations.length);
  }).immediate();
}
