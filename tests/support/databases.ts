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

/** A connection URL whose sessions use `schema` (pg passes `options` to the server). */
export function postgresUrlFor(schema: string): string {
  const separator = TEST_POSTGRES_URL.includes('?') ? '&' : '?';
  return `${TEST_POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** Creates an empty schema for a server under test; answers its URL and how to drop it. */
export async function freshPostgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bn_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url: postgresUrlFor(schema),
    drop: async () => {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
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
      return openDatabase(postgresUrlFor(schema));
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

/** A store for a server process under test: its environment and how to clean up after it. */
export interface ServerStore {
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** The two stores a server runs on, for `describe.each`: the embedded DuckDB file and PostgreSQL. */
export const SERVER_STORES: [string, () => Promise<ServerStore>][] = [
  ['DuckDB', async () => ({ env: {}, cleanup: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const schema = await freshPostgresSchema();
      return { env: { DATABASE_URL: schema.url }, cleanup: schema.drop };
    },
  ],
];
