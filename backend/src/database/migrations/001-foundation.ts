import type { Migration } from './migration';

// No foreign keys: DuckDB turns updates of referenced rows into delete+insert and
// refuses them. Referential rules live in the services, scoped by tenant.
export const foundation: Migration = {
  version: 1,
  name: 'tenants, users, sessions, audit log',
  sql: `
CREATE TABLE tenants (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  tax_id VARCHAR,
  address VARCHAR,
  invoice_prefix VARCHAR NOT NULL,
  allow_negative_stock BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE users (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  email VARCHAR NOT NULL UNIQUE,
  name VARCHAR NOT NULL,
  password_hash VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_tenant_idx ON users (tenant_id);

CREATE TABLE sessions (
  id VARCHAR PRIMARY KEY,
  tenant_id VARCHAR NOT NULL,
  user_id VARCHAR NOT NULL,
  refresh_hash VARCHAR NOT NULL,
  previous_refresh_hash VARCHAR,
  ip VARCHAR,
  user_agent VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ,
  revoked_reason VARCHAR
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE audit_log (
  tenant_id VARCHAR NOT NULL,
  seq BIGINT NOT NULL,
  occurred_at VARCHAR NOT NULL,
  actor_id VARCHAR,
  actor_email VARCHAR,
  ip VARCHAR,
  request_id VARCHAR,
  action VARCHAR NOT NULL,
  entity_type VARCHAR NOT NULL,
  entity_id VARCHAR,
  before_json VARCHAR,
  after_json VARCHAR,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

CREATE TABLE audit_heads (
  tenant_id VARCHAR PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash VARCHAR NOT NULL
);
`,
};
