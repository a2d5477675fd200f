import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampTZValue, DuckDBTimestampValue } from '@duckdb/node-api';
import type { Row } from './database.port';

/**
 * Normalises DuckDB values to the plain JSON-friendly values both drivers return:
 * DECIMAL → string ("12.50"), DATE → "YYYY-MM-DD", TIMESTAMP(TZ) → ISO string,
 * BIGINT → number (when safe).
 */
export function normaliseDuckValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) {
    return new Date(Number(value.micros / 1000n)).toISOString();
  }
  if (value instanceof DuckDBDateValue) return value.toString();
  return value;
}

export function normaliseDuckRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = normaliseDuckValue(row[key]);
  return out;
}
