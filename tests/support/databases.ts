import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Database } from '../../backend/src/database/database.port';
import { openDatabase } from '../../backend/src/database/open-database';
import { removeDir, tempDataDir } from './server';

/** PostgreSQL for tests: 127.0.0.1:5432, database `test` (CI has the same). */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'duckdb' | 'postgres';
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh DuckDB file in a temporary folder. */
export function duckDbUnderTest(): TestDatabase {
  const dir = tempDataDir('billinator-db-');
  return {
    name: 'duckdb',
    open: () => openDatabase(`duckdb:${join(dir, 'test.duckdb')}`),
    dispose: async () => removeDir(dir),
  };
}

/** A fresh schema in the local PostgreSQL, dropped afterwards. */
export function postgresUnderTest(): TestDatabase {
  const schema = `bn_test_${randomBytes(6).toString('hex')}`;
  let created = false;
  return {
    name: 'postgres',
    async open() {
      if (!created) {
        const admin = new Client({ connectionString: TEST_POSTGRES_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        created = true;
      }
      const separator = TEST_POSTGRES_URL.includes('?') ? '&' : '?';
      return openDatabase(`${TEST_POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
    },
    async dispose() {
      if (!created) return;
      const admin = new Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export const ENGINES: [string, () => TestDatabase][] = [
  ['DuckDB', duckDbUnderTest],
  ['PostgreSQL', postgresUnderTest],
];
