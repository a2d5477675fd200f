import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../database/database.port';

export interface StoredResponse {
  requestHash: string;
  /** Null while the first request is still running. */
  statusCode: number | null;
  body: string | null;
  createdAt: string;
}

/** Idempotency keys per tenant: the request they were first used for and its answer. */
@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(tenantId: string, key: string): Promise<StoredResponse | null> {
    const rows = await this.db.query<{
      request_hash: string;
      status_code: number | null;
      response_json: string | null;
      created_at: string;
    }>(
      'SELECT request_hash, status_code, response_json, created_at FROM idempotency_keys WHERE tenant_id = $1 AND idem_key = $2',
      [tenantId, key],
    );
    const row = rows[0];
    return row
      ? {
          requestHash: row.request_hash,
          statusCode: row.status_code === null ? null : Number(row.status_code),
          body: row.response_json,
          createdAt: row.created_at,
        }
      : null;
  }

  /** Claims the key for a request; a unique violation means someone else holds it. */
  async claim(tenantId: string, key: string, requestHash: string, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, status_code, response_json, created_at)
       VALUES ($1, $2, $3, NULL, NULL, CAST($4 AS TIMESTAMPTZ))`,
      [tenantId, key, requestHash, at],
    );
  }

  async complete(tenantId: string, key: string, statusCode: number, body: string): Promise<void> {
    await this.db.execute(
      'UPDATE idempotency_keys SET status_code = $3, response_json = $4 WHERE tenant_id = $1 AND idem_key = $2',
      [tenantId, key, statusCode, body],
    );
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.db.execute('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND idem_key = $2', [tenantId, key]);
  }
}
