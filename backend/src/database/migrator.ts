import { createHash } from 'node:crypto';
import type { Database } from './database.port';
import type { Migration } from './migrations';

export interface MigrationStatus {
  applied: number[];
  pending: number[];
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

function sqlFor(db: Database, migration: Migration): string {
  return migration.engines?.[db.engine] ?? migration.sql;
}

/** Applies pending migrations in one transaction and records them in `schema_migrations`. */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  await db.script(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    checksum VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
  )`);
  return db.transaction('schema-migrations', async () => {
    const rows = await db.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    const applied = new Map(rows.map((r) => [Number(r.version), r.checksum]));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const sql = sqlFor(db, migration);
      const existing = applied.get(migration.version);
      if (existing !== undefined) {
        if (existing !== checksum(sql)) {
          throw new Error(
            `Migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await db.script(sql);
      await db.execute('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
        migration.version,
        migration.name,
        checksum(sql),
        new Date().toISOString(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}

export async function migrationStatus(db: Database, migrations: readonly Migration[]): Promise<MigrationStatus> {
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations').catch(() => []);
  const applied = rows.map((r) => Number(r.version));
  return { applied, pending: migrations.map((m) => m.version).filter((v) => !applied.includes(v)) };
}
