import type { Migration } from './migration';

export const catalogPartiesStock: Migration = {
  version: 2,
  name: 'products, customers, suppliers, contacts, stock ledger',
  sql: `
CREATE TABLE products (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  sku VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  unit VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  sale_price DECIMAL(18,2) NOT NULL,
  purchase_price DECIMAL(18,2) NOT NULL,
  tax_rate DECIMAL(5,2) NOT NULL,
  reorder_level DECIMAL(18,3) NOT NULL,
  active BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (tenant_id, sku)
);

CREATE TABLE customers (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  phone VARCHAR,
  tax_id VARCHAR,
  address VARCHAR,
  payment_terms_days INTEGER NOT NULL,
  opening_balance DECIMAL(18,2) NOT NULL,
  credit_limit DECIMAL(18,2),
  active BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE suppliers (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  phone VARCHAR,
  tax_id VARCHAR,
  address VARCHAR,
  payment_terms_days INTEGER NOT NULL,
  opening_balance DECIMAL(18,2) NOT NULL,
  credit_limit DECIMAL(18,2),
  active BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE contacts (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  phone VARCHAR,
  position VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX contacts_customer_idx ON contacts (tenant_id, customer_id);

-- Per-tenant sequences (stock movement order; later document numbers).
CREATE TABLE counters (
  tenant_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, name)
);

-- The stock ledger is the truth: on hand is the sum of quantity, never a counter.
-- avg_cost_after is the moving average cost once the row is applied.
CREATE TABLE stock_transactions (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  product_id VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  quantity DECIMAL(18,3) NOT NULL,
  unit_cost DECIMAL(18,4) NOT NULL,
  avg_cost_after DECIMAL(18,4) NOT NULL,
  reason VARCHAR,
  ref_type VARCHAR,
  ref_id VARCHAR,
  occurred_at TIMESTAMPTZ NOT NULL,
  actor_id VARCHAR,
  UNIQUE (tenant_id, seq)
);
CREATE INDEX stock_product_idx ON stock_transactions (tenant_id, product_id);
`,
};
