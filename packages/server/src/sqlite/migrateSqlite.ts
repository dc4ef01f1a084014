import type { Database } from 'better-sqlite3';
import type { SqliteMigration } from './sqliteMigrations.js';
import type { SqliteTables } from './sqliteTables.js';

/**
 * Brings the schema up to date: applies each migration not yet recorded in the migrations table,
 * in version order, and records it. It all runs in one `BEGIN IMMEDIATE` transaction, so of two
 * processes starting on one new file, the second waits (up to the busy timeout) for the first to
 * commit, then finds nothing left to do; and a failed step leaves the schema as it was. Returns
 * the versions this call applied.
 *
 * @example migrateSqlite(db, sqliteTables('aurpay_'), SQLITE_MIGRATIONS) // [1] on a new file, [] after
 */
export function migrateSqlite(db: Database, tables: SqliteTables, migrations: readonly SqliteMigration[]): number[] {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
    );
    const done = new Set(db.prepare(`SELECT version FROM ${tables.migrations}`).pluck().safeIntegers(false).all() as number[]);
    const record = db.prepare(`INSERT INTO ${tables.migrations} (version, name, applied_at) VALUES (?, ?, ?)`);
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql(tables));
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    }
    db.exec('COMMIT');
    return applied;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
