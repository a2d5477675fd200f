import type { Migration } from './migration';

/**
 * Single-column indexes for lookups by one key. DuckDB answers an equality (or IN list) on a
 * single indexed column from its ART index and uses no index for `tenant_id = … AND …`, so the
 * repositories that read a document's lines or links ask for `document_id` alone and drop
 * other tenants' rows themselves; PostgreSQL gets the same indexes for the same queries.
 * Only columns that are never updated (DuckDB turns an update of an indexed column into a
 * delete and insert, and refuses some): not documents' number, status or amounts. Not
 * `stock_transactions.product_id` either: a product's movements fetched row by row through an
 * index cost DuckDB more than scanning the ledger (5 ms against 1.3 ms at 300 movements).
 */
export const pointLookupIndexes: Migration = {
  version: 9,
  name: 'single-column indexes for point lookups',
  sql: `
CREATE INDEX document_lines_document_id_idx ON document_lines (document_id);
CREATE INDEX document_links_document_id_idx ON document_links (document_id);
`,
};
