import type { Migration } from './migration';

/**
 * Sales invoices, credit notes, bills and purchase returns share one table (`kind`
 * tells them apart) so that reports read one place. Totals are stored as computed by
 * libs/money at save time; amount_paid / amount_credited / balance follow payments
 * and credits inside the same transaction.
 */
export const documentsPayments: Migration = {
  version: 6,
  name: 'documents, lines, payments, allocations, idempotency keys',
  sql: `
CREATE TABLE documents (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  number VARCHAR,
  status VARCHAR NOT NULL,
  party_id VARCHAR NOT NULL,
  supplier_bill_number VARCHAR,
  related_id VARCHAR,
  issue_date DATE NOT NULL,
  due_date DATE NOT NULL,
  notes VARCHAR,
  reason VARCHAR,
  subtotal DECIMAL(18,2) NOT NULL,
  discount_total DECIMAL(18,2) NOT NULL,
  tax_total DECIMAL(18,2) NOT NULL,
  total DECIMAL(18,2) NOT NULL,
  amount_paid DECIMAL(18,2) NOT NULL,
  amount_credited DECIMAL(18,2) NOT NULL,
  balance DECIMAL(18,2) NOT NULL,
  issued_at TIMESTAMPTZ,
  voided_at TIMESTAMPTZ,
  void_reason VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX documents_kind_idx ON documents (tenant_id, kind);
CREATE INDEX documents_party_idx ON documents (tenant_id, party_id);

CREATE TABLE document_lines (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  document_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  product_id VARCHAR NOT NULL,
  description VARCHAR,
  quantity DECIMAL(18,3) NOT NULL,
  unit_price DECIMAL(18,4) NOT NULL,
  discount_percent DECIMAL(5,2) NOT NULL,
  tax_rate DECIMAL(5,2) NOT NULL,
  gross DECIMAL(18,2) NOT NULL,
  discount DECIMAL(18,2) NOT NULL,
  taxable DECIMAL(18,2) NOT NULL,
  tax DECIMAL(18,2) NOT NULL,
  total DECIMAL(18,2) NOT NULL,
  unit_cost DECIMAL(18,4),
  invoice_line_id VARCHAR
);
CREATE INDEX document_lines_document_idx ON document_lines (tenant_id, document_id);

CREATE TABLE payments (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  direction VARCHAR NOT NULL,
  number VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  party_id VARCHAR NOT NULL,
  payment_date DATE NOT NULL,
  amount DECIMAL(18,2) NOT NULL,
  method VARCHAR NOT NULL,
  reference VARCHAR,
  allocated DECIMAL(18,2) NOT NULL,
  reversed_at TIMESTAMPTZ,
  reversal_reason VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX payments_direction_idx ON payments (tenant_id, direction);

CREATE TABLE payment_allocations (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  payment_id VARCHAR NOT NULL,
  document_id VARCHAR NOT NULL,
  amount DECIMAL(18,2) NOT NULL,
  allocated_at TIMESTAMPTZ NOT NULL,
  reversed BOOLEAN NOT NULL
);
CREATE INDEX payment_allocations_payment_idx ON payment_allocations (tenant_id, payment_id);
CREATE INDEX payment_allocations_document_idx ON payment_allocations (tenant_id, document_id);

-- A pending row (status_code NULL) marks a request in flight under that key.
CREATE TABLE idempotency_keys (
  tenant_id VARCHAR NOT NULL,
  idem_key VARCHAR NOT NULL,
  request_hash VARCHAR NOT NULL,
  status_code INTEGER,
  response_json VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, idem_key)
);
`,
};
