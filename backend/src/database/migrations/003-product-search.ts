import type { Migration } from './migration';

/** A lower-cased "sku name" column, so that search scans one prepared column. */
export const productSearch: Migration = {
  version: 3,
  name: 'product search text',
  sql: `
ALTER TABLE products ADD COLUMN search_text VARCHAR;
UPDATE products SET search_text = lower(sku || ' ' || name);
`,
};
