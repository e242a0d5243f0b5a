/**
 * The workspace ledger: one SQLite file (`ledger.sqlite` in the workspace) holding every append-only
 * record of the lifecycle. Opening it creates the workspace and applies pending migrations.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { InputError } from "../errors.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type Db = Database.Database;

export function openLedger(home: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  let db: Db;
  try {
    mkdirSync(home, { recursive: true });
    db = new Database(join(home, "ledger.sqlite"));
  } catch (error) {
    throw new InputError(`cannot open the workspace ledger in ${home}: ${(error as Error).message}`, [], {
      hint: "Check that the workspace folder (--home or CFT_HOME) is writable.",
    });
  }
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  migrate(db, migrations);
  return db;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare("SELECT version FROM schema_migrations")
      .all()
      .map((r) => (r as { version: number }).version),
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
  }
}
