// Preload for a bench server (`node --import ./scripts/bench/sql-trace.mjs`): counts and times
// every DuckDB statement the process runs. SIGUSR1 starts a fresh count (and keeps Node from
// opening its inspector on that signal); SIGUSR2 writes the counts to $SQL_TRACE_OUT.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The server's own copy of the driver (CommonJS), so that patching it here reaches the server.
const { DuckDBConnection, DuckDBPreparedStatement } = createRequire(`${process.cwd()}/`)('@duckdb/node-api');

const stats = new Map();
const record = (sql, started) => {
  const key = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  const entry = stats.get(key) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
  stats.set(key, entry);
};
const SQL = Symbol('sql');

const prepare = DuckDBConnection.prototype.prepare;
DuckDBConnection.prototype.prepare = async function (sql) {
  const statement = await prepare.call(this, sql);
  statement[SQL] = sql;
  return statement;
};
const runScript = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (sql, ...rest) {
  const started = process.hrtime.bigint();
  try {
    return await runScript.call(this, sql, ...rest);
  } finally {
    record(sql, started);
  }
};
const runPrepared = DuckDBPreparedStatement.prototype.run;
DuckDBPreparedStatement.prototype.run = async function () {
  const started = process.hrtime.bigint();
  try {
    return await runPrepared.call(this);
  } finally {
    record(this[SQL] ?? '(unknown)', started);
  }
};

process.on('SIGUSR1', () => stats.clear());
process.on('SIGUSR2', () => {
  const statements = [...stats.entries()]
    .map(([sql, s]) => ({ sql, count: s.count, ms: Number(s.ms.toFixed(1)) }))
    .sort((a, b) => b.ms - a.ms);
  writeFileSync(process.env.SQL_TRACE_OUT, JSON.stringify(statements));
});
