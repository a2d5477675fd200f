import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement } from '@duckdb/node-api';
import {
  BULK_CHUNK_ROWS,
  BulkColumn,
  bulkJson,
  Database,
  Row,
  SqlExecutor,
  SqlParam,
  UniqueViolationError,
} from './database.port';
import { KeyedMutex } from './keyed-mutex';
import { runCommitHooks } from './commit-hooks';
import { normaliseDuckRow } from './row-values';

const STATEMENT_CACHE_SIZE = 256;
const CONFLICT_RETRIES = 3;

/** One DuckDB connection with its own cache of prepared statements. */
class PooledConnection implements SqlExecutor {
  private readonly statements = new Map<string, DuckDBPreparedStatement>();
  private readonly controls = new Map<string, DuckDBPreparedStatement>();

  constructor(readonly raw: DuckDBConnection) {}

  async query<T = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    try {
      // The result is materialised: its chunks are read synchronously, which spares the two
      // further round trips through the thread pool that reading it as a stream costs.
      const result = await this.prepared(sql, params).run();
      const names = result.deduplicatedColumnNames();
      const rows: T[] = [];
      for (let i = 0, count = result.chunkCount; i < count; i++) {
        for (const row of result.getChunk(i).getRowObjects(names)) rows.push(normaliseDuckRow(row) as T);
      }
      return rows;
    } catch (error) {
      throw translateDuckError(error);
    }
  }

  async execute(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    try {
      const result = await this.prepared(sql, params).run();
      return result.rowsChanged;
    } catch (error) {
      throw translateDuckError(error);
    }
  }

  /**
   * Transaction control through statements prepared once per connection: `run(sql)` would
   * parse it again each time (≈ 0.3 ms for BEGIN against ≈ 0.1 ms prepared).
   */
  async control(sql: 'BEGIN TRANSACTION' | 'COMMIT' | 'ROLLBACK'): Promise<void> {
    try {
      let statement = this.controls.get(sql);
      if (!statement) {
        statement = await this.raw.prepare(sql);
        this.controls.set(sql, statement);
      }
      await statement.run();
    } catch (error) {
      throw translateDuckError(error);
    }
  }

  /** Runs SQL without preparing it (DDL, multi-statement scripts). */
  async script(sql: string): Promise<void> {
    try {
      await this.raw.run(sql);
    } catch (error) {
      throw translateDuckError(error);
    }
  }

  private prepared(sql: string, params: readonly SqlParam[]): DuckDBPreparedStatement {
    const statement = this.statements.get(sql);
    if (!statement) throw new Error('statement not prepared');
    statement.clearBindings();
    if (params.length > 0) statement.bind([...params]);
    return statement;
  }

  async prepare(sql: string): Promise<void> {
    if (this.statements.has(sql)) {
      // refresh LRU position
      const s = this.statements.get(sql)!;
      this.statements.delete(sql);
      this.statements.set(sql, s);
      return;
    }
    const statement = await this.raw.prepare(sql).catch((error: unknown) => {
      throw translateDuckError(error);
    });
    this.statements.set(sql, statement);
    if (this.statements.size > STATEMENT_CACHE_SIZE) {
      const [oldestSql, oldest] = this.statements.entries().next().value as [string, DuckDBPreparedStatement];
      oldest.destroySync();
      this.statements.delete(oldestSql);
    }
  }

  close(): void {
    for (const s of [...this.statements.values(), ...this.controls.values()]) s.destroySync();
    this.statements.clear();
    this.controls.clear();
    this.raw.closeSync();
  }
}

function translateDuckError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/violates (unique|primary key) constraint/i.test(message)) {
    const key = /Duplicate key "([^"]*)"/.exec(message)?.[1] ?? null;
    return new UniqueViolationError(message, key);
  }
  return error instanceof Error ? error : new Error(message);
}

function isWriteConflict(error: unknown): boolean {
  return error instanceof Error && /conflict/i.test(error.message) && !(error instanceof UniqueViolationError);
}

/**
 * The embedded DuckDB store: one file, a small pool of connections. Writers with
 * the same lock key (a tenant) are queued, because DuckDB's optimistic concurrency
 * aborts one of two transactions that touch the same rows.
 */
export class DuckDbDatabase implements Database {
  readonly engine = 'duckdb' as const;
  private readonly idle: PooledConnection[] = [];
  private readonly waiters: ((c: PooledConnection) => void)[] = [];
  private readonly all: PooledConnection[] = [];
  private readonly writers = new KeyedMutex();
  private readonly current = new AsyncLocalStorage<PooledConnection>();
  /** Hooks to run after the commit of the transaction that holds the connection. */
  private readonly commitHooks = new WeakMap<PooledConnection, (() => void)[]>();
  private closed = false;
  private active = 0;
  private drained: (() => void) | null = null;

  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(path: string, poolSize = 4): Promise<DuckDbDatabase> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const db = new DuckDbDatabase(instance);
    for (let i = 0; i < poolSize; i++) {
      const connection = new PooledConnection(await instance.connect());
      db.all.push(connection);
      db.idle.push(connection);
    }
    return db;
  }

  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  afterCommit(hook: () => void): void {
    const connection = this.current.getStore();
    const hooks = connection && this.commitHooks.get(connection);
    if (!hooks) throw new Error('afterCommit needs a transaction');
    hooks.push(hook);
  }

  async query<T = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
    return this.withConnection(async (c) => {
      await c.prepare(sql);
      return c.query<T>(sql, params);
    });
  }

  async execute(sql: string, params: readonly SqlParam[] = []): Promise<number> {
    return this.withConnection(async (c) => {
      await c.prepare(sql);
      return c.execute(sql, params);
    });
  }

  async bulkInsert(
    table: string,
    columns: readonly BulkColumn[],
    rows: readonly Record<string, SqlParam>[],
  ): Promise<void> {
    const structure = JSON.stringify([
      Object.fromEntries(columns.map((c) => [c.name, c.type === 'BOOLEAN' ? 'BOOLEAN' : 'VARCHAR'])),
    ]);
    const select = columns.map((c) => (c.type === 'BOOLEAN' ? c.name : `CAST(${c.name} AS ${c.type})`)).join(', ');
    const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
      SELECT ${select} FROM (SELECT unnest(from_json($1, '${structure}'), recursive := true))`;
    for (let start = 0; start < rows.length; start += BULK_CHUNK_ROWS) {
      await this.execute(sql, [bulkJson(columns, rows.slice(start, start + BULK_CHUNK_ROWS))]);
    }
  }

  /** Runs a multi-statement script outside the statement cache (migrations). */
  async script(sql: string): Promise<void> {
    await this.withConnection((c) => c.script(sql));
  }

  async transaction<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return work();
    return this.writers.run(lockKey, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.runTransaction(work);
        } catch (error) {
          if (!isWriteConflict(error) || attempt >= CONFLICT_RETRIES) throw error;
        }
      }
    });
  }

  private async runTransaction<T>(work: () => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      await connection.control('BEGIN TRANSACTION');
      const hooks: (() => void)[] = [];
      this.commitHooks.set(connection, hooks);
      let result: T;
      try {
        result = await this.current.run(connection, work);
        await connection.control('COMMIT');
      } catch (error) {
        await connection.control('ROLLBACK').catch(() => undefined);
        throw error;
      }
      runCommitHooks(hooks);
      return result;
    } finally {
      this.commitHooks.delete(connection);
      this.release(connection);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1 AS ok');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.active > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const connection = this.all[0];
    await connection?.script('CHECKPOINT').catch(() => undefined);
    for (const c of this.all) c.close();
    this.instance.closeSync();
  }

  private async withConnection<T>(use: (c: PooledConnection) => Promise<T>): Promise<T> {
    const inTx = this.current.getStore();
    if (inTx) return use(inTx);
    const connection = await this.acquire();
    try {
      return await use(connection);
    } finally {
      this.release(connection);
    }
  }

  private acquire(): Promise<PooledConnection> {
    if (this.closed) return Promise.reject(new Error('The database is closed'));
    this.active++;
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(connection: PooledConnection): void {
    this.active--;
    const waiter = this.waiters.shift();
    if (waiter) waiter(connection);
    else this.idle.push(connection);
    if (this.active === 0 && this.drained) this.drained();
  }
}
