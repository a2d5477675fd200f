import { Inject, Injectable } from '@nestjs/common';
import { SqlWhere } from '../common/sql-where';
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

/** Filters of the trail, normalised (see `AuditService.normaliseFilter`). */
export interface AuditFilter {
  /** Records at or after this moment (ISO UTC with milliseconds, the stored form). */
  from?: string;
  /** Records at or before this moment, or before it when `toExclusive` (a date-only `to`). */
  to?: string;
  toExclusive?: boolean;
  actorId?: string;
  /** Exact action. */
  action?: string;
  /** Actions that start with this text (`sales_invoice.*` → `sales_invoice.`). */
  actionPrefix?: string;
  entityType?: string;
  entityId?: string;
  /** Only records of this seq range (a period narrowed by `AuditBlockIndex`). */
  seqFrom?: number;
  seqTo?: number;
}

/** How many records match a filter, and the first and last of them. */
export interface AuditMatch {
  total: number;
  lo: number;
  hi: number;
}

/** Who and what appears in a stretch of the trail. */
export interface AuditDirectoryRow {
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  last_seq: number;
}

const COLUMNS =
  'tenant_id, seq, occurred_at, actor_id, actor_email, ip, request_id, action, entity_type, entity_id, before_json, after_json, prev_hash, hash';
/** The columns the filters read (what a narrow read materialises when it needs no more). */
const FILTER_COLUMNS = 'tenant_id, seq, occurred_at, actor_id, action, entity_type, entity_id';
const SINGLE_ROW_VALUES = COLUMNS.split(', ')
  .map((name, i) => (name === 'seq' ? `CAST($${i + 1} AS BIGINT)` : `$${i + 1}`))
  .join(', ');

/** Seqs per block of the block summary (`AuditBlockIndex`). */
export const BLOCK = 4096;

/**
 * One row of a block summary: the block's records (when `action`, `actorId` and `entityType`
 * are all undefined), or those of one action, one actor or one entity type in the block.
 */
export interface BlockSummaryRow {
  block: number;
  action?: string;
  actorId?: string | null;
  entityType?: string;
  n: number;
  min: string;
  max: string;
}

/** A filtered read of the trail: optional CTE, the relation to read and its WHERE clause. */
interface Selection {
  with: string;
  from: string;
  where: SqlWhere;
}

export function hasFilter(filter: AuditFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== false);
}

/**
 * The append-only audit trail. There is deliberately no update or delete here.
 *
 * Reading it fast (5,000,000 records of one tenant on DuckDB, which has no index that serves
 * ORDER BY … OFFSET): a tenant's seqs run 1..N without gaps, so an unfiltered page is a seq
 * range and its total is the chain head. A filtered page first counts the matches with their
 * lowest and highest seq in one scan; when the matches are a whole seq range (a period, on a
 * chain written in time order) the page is again a seq range, otherwise a top-N by seq.
 */
/** The last record of a tenant's chain. */
export interface AuditHead {
  seq: number;
  hash: string;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async head(tenantId: string): Promise<AuditHead | null> {
    const rows = await this.db.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_heads WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  /** The chain head and the highest seq stored, read together (one snapshot). */
  async bounds(tenantId: string): Promise<{ headSeq: number; headHash: string | null; maxSeq: number }> {
    const [row] = await this.db.query<{ head_seq: number | null; head_hash: string | null; max_seq: number | null }>(
      `SELECT (SELECT seq FROM audit_heads WHERE tenant_id = $1) AS head_seq,
              (SELECT hash FROM audit_heads WHERE tenant_id = $1) AS head_hash,
              (SELECT max(seq) FROM audit_log WHERE tenant_id = $1) AS max_seq`,
      [tenantId],
    );
    return {
      headSeq: Number(row?.head_seq ?? 0),
      headHash: row?.head_hash ?? null,
      maxSeq: Number(row?.max_seq ?? 0),
    };
  }

  /** Stores records already chained (the head is moved separately, see `moveHead`). */
  async insert(rows: readonly AuditRow[]): Promise<void> {
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
  }

  /**
   * Moves the tenant's head from `from` (null: the chain has no head yet) to `to`, only if the
   * head is still `from`; answers whether it moved.
   */
  async moveHead(tenantId: string, from: AuditHead | null, to: AuditHead): Promise<boolean> {
    if (from === null) {
      await this.db.execute('INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, $2, $3)', [
        tenantId,
        to.seq,
        to.hash,
      ]);
      return true;
    }
    const moved = await this.db.execute(
      'UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1 AND seq = $4 AND hash = $5',
      [tenantId, to.seq, to.hash, from.seq, from.hash],
    );
    return moved === 1;
  }

  /**
   * The FROM and WHERE of a filtered read, optionally within the seq range `range` (and the
   * filter's own `seqFrom`/`seqTo`). On DuckDB a
   * selective predicate is read first on its own, in a MATERIALIZED CTE that the optimizer
   * does not merge into the scan, and the tenant and the other filters apply to what it found:
   * - an entity id: DuckDB uses an ART index only for a scan whose sole filter is on the
   *   indexed column, so the lookup is a point lookup instead of a scan of every entity id;
   * - a narrow seq range (a page, an export chunk): the range is checked on the compact seq
   *   column first, instead of comparing the tenant id of every row of the row groups whose
   *   seq bounds overlap the range (with several tenants, that is most of them).
   */
  private select(
    tenantId: string,
    filter: AuditFilter,
    range?: readonly [number, number],
    columns = COLUMNS,
  ): Selection {
    let seqs = range;
    if (filter.seqFrom !== undefined || filter.seqTo !== undefined) {
      seqs = [
        Math.max(range?.[0] ?? 1, filter.seqFrom ?? 1),
        Math.min(range?.[1] ?? Number.MAX_SAFE_INTEGER, filter.seqTo ?? Number.MAX_SAFE_INTEGER),
      ];
    }
    const where = new SqlWhere('tenant_id', tenantId);
    const duckdb = this.db.engine === 'duckdb';
    let withClause = '';
    let from = 'audit_log';
    let seqsDone = false;
    if (filter.entityId !== undefined) {
      if (duckdb) {
        withClause = `WITH by_entity AS MATERIALIZED (SELECT ${COLUMNS} FROM audit_log WHERE entity_id = ${where.next(filter.entityId)}) `;
        from = 'by_entity';
      } else {
        where.add('entity_id = ?', filter.entityId);
      }
    } else if (duckdb && seqs && AuditRepository.isNarrow(seqs[0], seqs[1])) {
      withClause = `WITH by_seq AS MATERIALIZED (SELECT ${columns} FROM audit_log WHERE seq BETWEEN ${where.next(seqs[0])} AND ${where.next(seqs[1])}) `;
      from = 'by_seq';
      seqsDone = true;
    }
    if (seqs && !seqsDone) where.add('seq BETWEEN ? AND ?', seqs[0], seqs[1]);
    if (filter.entityType !== undefined) where.add('entity_type = ?', filter.entityType);
    if (filter.actorId !== undefined) where.add('actor_id = ?', filter.actorId);
    if (filter.action !== undefined) where.add('action = ?', filter.action);
    if (filter.actionPrefix !== undefined) where.add('starts_with(action, ?)', filter.actionPrefix);
    if (filter.from !== undefined) where.add('occurred_at >= ?', filter.from);
    if (filter.to !== undefined) where.add(filter.toExclusive ? 'occurred_at < ?' : 'occurred_at <= ?', filter.to);
    return { with: withClause, from, where };
  }

  /** Counts the records that match (within `seqs`) and finds the lowest and highest seq among them. */
  async match(tenantId: string, filter: AuditFilter, seqs?: readonly [number, number]): Promise<AuditMatch> {
    const s = this.select(tenantId, filter, seqs, FILTER_COLUMNS);
    const [row] = await this.db.query<{ total: number; lo: number | null; hi: number | null }>(
      `${s.with}SELECT count(*) AS total, min(seq) AS lo, max(seq) AS hi FROM ${s.from} WHERE ${s.where.sql}`,
      s.where.params,
    );
    return { total: Number(row?.total ?? 0), lo: Number(row?.lo ?? 0), hi: Number(row?.hi ?? 0) };
  }

  /** Records of one seq range (`lo`..`hi`, both included) that match, newest or oldest first. */
  async range(
    tenantId: string,
    filter: AuditFilter,
    lo: number,
    hi: number,
    order: 'ASC' | 'DESC',
  ): Promise<AuditRow[]> {
    const s = this.select(tenantId, filter, [lo, hi]);
    return this.db.query<AuditRow>(
      `${s.with}SELECT ${COLUMNS} FROM ${s.from} WHERE ${s.where.sql} ORDER BY seq ${order}`,
      s.where.params,
    );
  }

  /** The seqs of a page of the records of the seq range `seqs` that match, newest first, by offset (a top-N). */
  async pageSeqs(
    tenantId: string,
    filter: AuditFilter,
    seqs: readonly [number, number],
    limit: number,
    offset: number,
  ): Promise<number[]> {
    const s = this.select(tenantId, filter, seqs, FILTER_COLUMNS);
    const sql = `${s.with}SELECT seq FROM ${s.from} WHERE ${s.where.sql} ORDER BY seq DESC LIMIT ${s.where.next(limit)} OFFSET ${s.where.next(offset)}`;
    return (await this.db.query<{ seq: number }>(sql, s.where.params)).map((r) => Number(r.seq));
  }

  /** A page of the records of the seq range `seqs` that match, newest first, by offset (a top-N). */
  async page(
    tenantId: string,
    filter: AuditFilter,
    seqs: readonly [number, number],
    limit: number,
    offset: number,
  ): Promise<AuditRow[]> {
    const s = this.select(tenantId, filter, seqs);
    const sql = `${s.with}SELECT ${COLUMNS} FROM ${s.from} WHERE ${s.where.sql} ORDER BY seq DESC LIMIT ${s.where.next(limit)} OFFSET ${s.where.next(offset)}`;
    return this.db.query<AuditRow>(sql, s.where.params);
  }

  /** The records with these seqs, newest first. */
  async bySeqs(tenantId: string, seqs: readonly number[]): Promise<AuditRow[]> {
    if (seqs.length === 0) return [];
    const list = seqs.join(',');
    if (this.db.engine === 'duckdb') {
      // The seq range first (see `select`), then the wanted seqs of it, then the tenant.
      return this.db.query<AuditRow>(
        `WITH by_seq AS MATERIALIZED (SELECT ${COLUMNS} FROM audit_log WHERE seq BETWEEN $2 AND $3
           AND list_contains(CAST(string_split($4, ',') AS BIGINT[]), seq))
         SELECT ${COLUMNS} FROM by_seq WHERE tenant_id = $1 ORDER BY seq DESC`,
        [tenantId, Math.min(...seqs), Math.max(...seqs), list],
      );
    }
    return this.db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = $1 AND seq = ANY(string_to_array($2, ',')::bigint[])
       ORDER BY seq DESC`,
      [tenantId, list],
    );
  }

  /** A seq range narrower than this is read on its own first (see `select`); tests lower it to try both ways. */
  static narrowSeqRange = 200_000;

  /** Whether `select` reads a seq range this wide on its own first. */
  static isNarrow(lo: number, hi: number): boolean {
    return hi - lo < AuditRepository.narrowSeqRange;
  }

  /** The next matching records after `afterSeq` and up to `throughSeq`, oldest first (exports). */
  async after(
    tenantId: string,
    filter: AuditFilter,
    afterSeq: number,
    throughSeq: number,
    limit: number,
  ): Promise<AuditRow[]> {
    const s = this.select(tenantId, filter, [afterSeq + 1, throughSeq]);
    const sql = `${s.with}SELECT ${COLUMNS} FROM ${s.from} WHERE ${s.where.sql} ORDER BY seq LIMIT ${s.where.next(limit)}`;
    return this.db.query<AuditRow>(sql, s.where.params);
  }

  /** Actors, their e-mails and the actions of records `afterSeq`+1..`throughSeq`, grouped. */
  async directory(tenantId: string, afterSeq: number, throughSeq: number): Promise<AuditDirectoryRow[]> {
    const s = this.select(tenantId, {}, [afterSeq + 1, throughSeq], 'tenant_id, seq, actor_id, actor_email, action');
    const rows = await this.db.query<AuditDirectoryRow>(
      `${s.with}SELECT actor_id, actor_email, action, max(seq) AS last_seq FROM ${s.from} WHERE ${s.where.sql}
       GROUP BY actor_id, actor_email, action`,
      s.where.params,
    );
    return rows.map((r) => ({ ...r, last_seq: Number(r.last_seq) }));
  }

  /** The block summary of records `afterSeq`+1..`throughSeq`: per block, all records, and per action, actor and entity type. */
  async blockSummary(tenantId: string, afterSeq: number, throughSeq: number): Promise<BlockSummaryRow[]> {
    const s = this.select(tenantId, {}, [afterSeq + 1, throughSeq], FILTER_COLUMNS);
    // (seq - 1) div BLOCK, written so that both engines compute it exactly.
    const block = `(seq - 1 - ((seq - 1) % ${BLOCK})) / ${BLOCK}`;
    const rows = await this.db.query<{
      block: number;
      action: string | null;
      actor_id: string | null;
      entity_type: string | null;
      g_action: number;
      g_actor: number;
      g_type: number;
      n: number;
      min_at: string;
      max_at: string;
    }>(
      `${s.with}SELECT block, action, actor_id, entity_type,
         GROUPING(action) AS g_action, GROUPING(actor_id) AS g_actor, GROUPING(entity_type) AS g_type,
         count(*) AS n, min(occurred_at) AS min_at, max(occurred_at) AS max_at
       FROM (SELECT ${block} AS block, action, actor_id, entity_type, occurred_at FROM ${s.from} WHERE ${s.where.sql}) b
       GROUP BY GROUPING SETS ((block), (block, action), (block, actor_id), (block, entity_type))`,
      s.where.params,
    );
    return rows.map((r) => ({
      block: Number(r.block),
      ...(Number(r.g_action) === 0 ? { action: r.action as string } : {}),
      ...(Number(r.g_actor) === 0 ? { actorId: r.actor_id } : {}),
      ...(Number(r.g_type) === 0 ? { entityType: r.entity_type as string } : {}),
      n: Number(r.n),
      min: r.min_at,
      max: r.max_at,
    }));
  }
}
