import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient, types } from 'pg';
import { runCommitHooks } from './commit-hooks';
import { BULK_CHUNK_ROWS, BulkColumn, bulkJson, Database, Row, SqlParam, UniqueViolationError } from './database.port';

// Same value shapes as the DuckDB driver: DATE as "YYYY-MM-DD", int8 as number,
// NUMERIC as string (pg's default), TIMESTAMPTZ as an ISO string.
types.setTypeParser(types.builtins.DATE, (v) => v);
types.setTypeParser(types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});
types.setTypeParser(types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
types.setTypeParser(types.builtins.TIMESTAMP, (v) => new Date(`${v}Z`).toISOString());

function translatePgError(error: unknown): Error {
  const pgError = error as { code?: string; constraint?: string; message?: string };
  if (pgError?.code === '23505') {
    return new UniqueViolationError(pgError.message ?? 'duplicate key', pgError.constraint ?? null);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** PostgreSQL store, for deployments with several backend replicas. */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  private readonly current = new AsyncLocalStorage<PoolClient>();
  /** Hooks to run after the commit of the transaction that holds the client. */
  private readonly commitHooks = new WeakMap<PoolClient, (() => void)[]>();

  private constructor(private readonly pool: Pool) {}

  static async open(connectionString: string, poolSize = 10): Promise<PostgresDatabase> {
    const pool = new Pool({ connectionString, max: poolSize });
    const db = new PostgresDatabase(pool);
    await db.ping();
    return db;
  }

  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  afterCommit(hook: () => void): void {
    const client = this.current.getStore();
    const hooks = client && this.commitHooks.get(client);
    if (!hooks) throw new Error('afterCommit needs a transaction');
    hooks.push(hook);
  }

  async query<T = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    const runner = this.current.getStore() ?? this.pool;
    try {
      const result = await runner.query(sql, params as unknown[]);
      return result.rows as T[];
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async execute(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    const runner = this.current.getStore() ?? this.pool;
    try {
      const result = await runner.query(sql, params as unknown[]);
      return result.rowCount ?? 0;
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async bulkInsert(
    table: string,
    columns: readonly BulkColumn[],
    rows: readonly Record<string, SqlParam>[],
  ): Promise<void> {
    const record = columns.map((c) => `${c.name} ${c.type === 'BOOLEAN' ? 'boolean' : 'text'}`).join(', ');
    const select = columns
      .map((c) => (c.type === 'BOOLEAN' ? `x.${c.name}` : `CAST(x.${c.name} AS ${c.type})`))
      .join(', ');
    const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
      SELECT ${select} FROM json_to_recordset($1::json) AS x(${record})`;
    for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
      await this.execute(sql, [bulkJson(columns, rows.slice(start, start + BULK_CHUNK_ROWS))]);
    }
  }

  async script(sql: string): Promise<void> {
    await this.execute(sql);
  }

  async transaction<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Writers of one tenant queue here, like the DuckDB driver's mutex; the lock
      // is released by COMMIT/ROLLBACK.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
      const hooks: (() => void)[] = [];
      this.commitHooks.set(client, hooks);
      let result: T;
      try {
        result = await this.current.run(client, work);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      runCommitHooks(hooks);
      return result;
    } finally {
      this.commitHooks.delete(client);
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
