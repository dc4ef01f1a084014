import type { PoolClient } from 'pg';
import type { PostgresMigration } from './postgresMigrations.js';
import type { PostgresTables } from './postgresTables.js';

/**
 * Brings the schema up to date on `client`: creates the schema when missing, then applies each
 * migration not yet recorded in the migrations table, in version order, and records it. It all
 * runs in one transaction that first takes `pg_advisory_xact_lock` on the schema and prefix, so of
 * several processes starting together, each waits for the one before to commit, then finds
 * nothing left to do; a failed step leaves the schema as it was. Returns the versions this call
 * applied. The caller owns `client`.
 *
 * @example await migratePostgres(client, postgresTables('public', 'aurpay_'), POSTGRES_MIGRATIONS) // [1] on a new database, [] after
 */
export async function migratePostgres(
  client: PoolClient,
  tables: PostgresTables,
  migrations: readonly PostgresMigration[],
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [tables.migrationLock]);
    // Looked up first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
    const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [tables.schemaName]);
    if (schema.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${tables.schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
    );
    const done = new Set(
      (await client.query<{ version: number }>(`SELECT version FROM ${tables.migrations}`)).rows.map((row) => row.version),
    );
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql(tables));
      await client.query(`INSERT INTO ${tables.migrations} (version, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
