/** Values that can be bound to a SQL parameter ($1, $2, …). */
export type SqlParam = string | number | boolean | null | bigint;

/** A plain row: decimals, dates and timestamps come back as strings. */
export type Row = Record<string, unknown>;

export type Engine = 'duckdb' | 'postgres';

/** A column of a bulk insert: its name and SQL type, e.g. `DECIMAL(18,2)`, `BOOLEAN`, `VARCHAR`. */
export interface BulkColumn {
  name: string;
  type: string;
}

/**
 * Rows go to the engine as one JSON document per chunk and are cast to their
 * column types in SQL: a statement per 5,000 rows instead of one per row, and
 * still a single bound parameter (no values in the SQL text).
 */
export const BULK_CHUNK_ROWS = 5000;

export function bulkJson(columns: readonly BulkColumn[], rows: readonly Record<string, SqlParam>[]): string {
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        columns.map((c) => {
          const value = row[c.name];
          return [
            c.name,
            value === null || value === undefined || typeof value === 'boolean' ? (value ?? null) : String(value),
          ];
        }),
      ),
    ),
  );
}

export interface SqlExecutor {
  query<T = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a statement and answers how many rows it changed. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

/**
 * The Database port. Repositories talk to it only; it hides whether DuckDB or
 * PostgreSQL answers. Calls made inside `transaction(...)` run in that
 * transaction automatically (the port tracks it with AsyncLocalStorage).
 */
export interface Database extends SqlExecutor {
  readonly engine: Engine;
  /**
   * One command = one transaction. `lockKey` serialises writers that share it
   * (a tenant id): DuckDB conflicts on concurrent writes to the same rows, so its
   * driver queues them; PostgreSQL takes a transaction-scoped advisory lock.
   */
  transaction<T>(lockKey: string, work: () => Promise<T>): Promise<T>;
  inTransaction(): boolean;
  /**
   * Runs `hook` once the current transaction has committed, in this process (not when it rolls
   * back or is retried): for in-process caches of what the transaction wrote. Throws outside a
   * transaction.
   */
  afterCommit(hook: () => void): void;
  /** Inserts many rows into `table` (a constant of the code, never client input). */
  bulkInsert(table: string, columns: readonly BulkColumn[], rows: readonly Record<string, SqlParam>[]): Promise<void>;
  /** Runs a multi-statement script without parameters (migrations only). */
  script(sql: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DATABASE = Symbol('DATABASE');

/** Error codes the drivers normalise so that services can map them to 409s. */
export class UniqueViolationError extends Error {
  constructor(
    message: string,
    readonly constraint: string | null,
  ) {
    super(message);
    this.name = 'UniqueViolationError';
  }
}
