import type { Migration } from './migration';

/**
 * PostgreSQL answers list pages from btree indexes; DuckDB scans its columns
 * (its indexes do not serve ORDER BY and would only slow inserts), so it gets none.
 */
export const productIndexes: Migration = {
  version: 5,
  name: 'product list indexes (PostgreSQL)',
  sql: 'SELECT 1',
  engines: {
    postgres: `
CREATE INDEX products_name_idx ON products (tenant_id, name, seq);
CREATE INDEX products_seq_idx ON products (tenant_id, seq);
CREATE INDEX customers_name_idx ON customers (tenant_id, name);
CREATE INDEX suppliers_name_idx ON suppliers (tenant_id, name);
CREATE INDEX audit_log_time_idx ON audit_log (tenant_id, occurred_at);
`,
  },
};
