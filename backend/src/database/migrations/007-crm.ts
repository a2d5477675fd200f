import type { Migration } from './migration';

/**
 * CRM: opportunities, activities, notes; links between documents (quote → invoice it
 * became, invoice → its quote, quote → its opportunity). The link key makes a second
 * conversion of the same quote impossible even if two requests raced.
 */
export const crm: Migration = {
  version: 7,
  name: 'opportunities, activities, notes, document links',
  sql: `
CREATE TABLE opportunities (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  customer_id VARCHAR,
  prospect_name VARCHAR,
  value DECIMAL(18,2) NOT NULL,
  stage VARCHAR NOT NULL,
  lost_reason VARCHAR,
  probability INTEGER NOT NULL,
  expected_close_date DATE,
  owner_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX opportunities_tenant_idx ON opportunities (tenant_id);

CREATE TABLE activities (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  details VARCHAR,
  due_at TIMESTAMPTZ NOT NULL,
  assignee_id VARCHAR NOT NULL,
  done BOOLEAN NOT NULL,
  done_at TIMESTAMPTZ,
  customer_id VARCHAR,
  opportunity_id VARCHAR,
  contact_id VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX activities_tenant_idx ON activities (tenant_id);

CREATE TABLE notes (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  customer_id VARCHAR,
  opportunity_id VARCHAR,
  author_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notes_tenant_idx ON notes (tenant_id);

CREATE TABLE document_links (
  tenant_id VARCHAR NOT NULL,
  document_id VARCHAR NOT NULL,
  link_kind VARCHAR NOT NULL,
  target_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, document_id, link_kind)
);
`,
};
