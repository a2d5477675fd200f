import { resolve } from 'node:path';
import type { Database } from './database.port';
import { DuckDbDatabase } from './duckdb.database';
import { PostgresDatabase } from './postgres.database';

/** `DATABASE_URL`: unset or `duckdb:PATH` → embedded DuckDB; `postgres://…` → PostgreSQL. */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return PostgresDatabase.open(url);
  }
  const path = url.replace(/^duckdb:/, '');
  return DuckDbDatabase.open(path === ':memory:' ? path : resolve(path));
}
