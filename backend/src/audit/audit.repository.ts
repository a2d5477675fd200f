import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, Database } from '../database/database.port';

export interface AuditRow {
  tenant_id: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  actor_email: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

const COLUMNS =
  'tenant_id, seq, occurred_at, actor_id, actor_email, ip, request_id, action, entity_type, entity_id, before_json, after_json, prev_hash, hash';
const SINGLE_ROW_VALUES = COLUMNS.split(', ')
  .map((name, i) => (name === 'seq' ? `CAST($${i + 1} AS BIGINT)` : `$${i + 1}`))
  .join(', ');

/** The append-only audit trail. There is deliberately no update or delete here. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async head(tenantId: string): Promise<{ seq: number; hash: string } | null> {
    const rows = await this.db.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_heads WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  /** Appends records (already chained, in order) and moves the tenant's head to the last one. */
  async append(rows: readonly AuditRow[], isFirst: boolean): Promise<void> {
    if (rows.length === 1) {
      // One record (every command but imports): a plain insert costs DuckDB about half the JSON bulk path.
      const row = rows[0];
      await this.db.execute(`INSERT INTO audit_log (${COLUMNS}) VALUES (${SINGLE_ROW_VALUES})`, [
        row.tenant_id,
        row.seq,
        row.occurred_at,
        row.actor_id,
        row.actor_email,
        row.ip,
        row.request_id,
        row.action,
        row.entity_type,
        row.entity_id,
        row.before_json,
        row.after_json,
        row.prev_hash,
        row.hash,
      ]);
    } else {
      await this.db.bulkInsert(
        'audit_log',
        COLUMNS.split(', ').map((name) => ({ name, type: name === 'seq' ? 'BIGINT' : 'VARCHAR' })),
        rows.map((row) => ({ ...row })),
      );
    }
    const last = rows[rows.length - 1];
    if (isFirst) {
      await this.db.execute('INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, $2, $3)', [
        last.tenant_id,
        last.seq,
        last.hash,
      ]);
    } else {
      await this.db.execute('UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1', [
        last.tenant_id,
        last.seq,
        last.hash,
      ]);
    }
  }

  private where(tenantId: string, filter: AuditFilter): { sql: string; params: (string | number)[] } {
    const clauses = ['tenant_id = $1'];
    const params: (string | number)[] = [tenantId];
    const add = (sql: string, value: string) => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.entityType) add('entity_type = ?', filter.entityType);
    if (filter.entityId) add('entity_id = ?', filter.entityId);
    return { sql: clauses.join(' AND '), params };
  }

  async list(
    tenantId: string,
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const where = this.where(tenantId, filter);
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM audit_log WHERE ${where.sql}`,
      where.params,
    );
    const rows = await this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE ${where.sql} ORDER BY seq DESC LIMIT $${where.params.length + 1} OFFSET $${where.params.length + 2}`,
      [...where.params, limit, offset],
    );
    return { rows, total: Number(count?.total ?? 0) };
  }

  /** Reads the chain in order, a page at a time, for verification. */
  async chainPage(tenantId: string, afterSeq: number, pageSize: number): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [tenantId, afterSeq, pageSize],
    );
  }
}
