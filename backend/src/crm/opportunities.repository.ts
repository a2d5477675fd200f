import { Inject, Injectable } from '@nestjs/common';
import type { Opportunity, OpportunityStage, PipelineColumn } from '@billinator/contracts';
import { OPPORTUNITY_STAGES } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { likePattern, SqlWhere } from '../common/sql-where';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export interface OpportunityRecord {
  id: string;
  title: string;
  customerId: string | null;
  prospectName: string | null;
  value: string;
  stage: OpportunityStage;
  lostReason: string | null;
  probability: number;
  expectedCloseDate: string | null;
  ownerId: string;
}

export const OPPORTUNITY_SORTS = {
  title: 'o.title',
  value: 'o.value',
  expectedCloseDate: 'o.expected_close_date',
  stage: 'o.stage',
  updatedAt: 'o.updated_at',
} as const;
export type OpportunitySort = keyof typeof OPPORTUNITY_SORTS;

export interface OpportunityFilter {
  stage?: OpportunityStage;
  ownerId?: string;
  customerId?: string;
  closeFrom?: string;
  closeTo?: string;
  q?: string;
  sort: OpportunitySort;
  desc: boolean;
  limit: number;
  offset: number;
}

interface OpportunityRow {
  id: string;
  title: string;
  customer_id: string | null;
  customer_name: string | null;
  prospect_name: string | null;
  value: string;
  stage: OpportunityStage;
  lost_reason: string | null;
  probability: number;
  expected_close_date: string | null;
  owner_id: string;
  owner_name: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export function weighted(value: string, probability: number): string {
  return money(dec(value).times(probability).div(100));
}

function toOpportunity(row: OpportunityRow): Opportunity {
  const probability = Number(row.probability);
  return {
    id: row.id,
    title: row.title,
    customerId: row.customer_id,
    customerName: row.customer_name,
    prospectName: row.prospect_name,
    value: money(row.value),
    stage: row.stage,
    lostReason: row.lost_reason,
    probability,
    weightedValue: weighted(row.value, probability),
    expectedCloseDate: row.expected_close_date,
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

const SELECT = `SELECT o.id, o.title, o.customer_id, c.name AS customer_name, o.prospect_name, o.value, o.stage,
    o.lost_reason, o.probability, o.expected_close_date, o.owner_id, u.name AS owner_name, o.created_at,
    o.updated_at, o.version
  FROM opportunities o
  LEFT JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
  LEFT JOIN users u ON u.tenant_id = o.tenant_id AND u.id = o.owner_id`;

/** Opportunities of the request's tenant. */
@Injectable()
export class OpportunitiesRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  private get tenantId(): string {
    return this.context.tenantId;
  }

  async insert(record: OpportunityRecord, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO opportunities (id, tenant_id, title, customer_id, prospect_name, value, stage, lost_reason,
         probability, expected_close_date, owner_id, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS DATE), $11, CAST($12 AS TIMESTAMPTZ),
         CAST($12 AS TIMESTAMPTZ), 1)`,
      [
        record.id,
        this.tenantId,
        record.title,
        record.customerId,
        record.prospectName,
        record.value,
        record.stage,
        record.lostReason,
        record.probability,
        record.expectedCloseDate,
        record.ownerId,
        at,
      ],
    );
  }

  /** Answers false when the version moved on. */
  async update(record: OpportunityRecord, version: number, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE opportunities SET title = $3, customer_id = $4, prospect_name = $5, value = $6, stage = $7,
         lost_reason = $8, probability = $9, expected_close_date = CAST($10 AS DATE), owner_id = $11,
         updated_at = CAST($12 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $13`,
      [
        this.tenantId,
        record.id,
        record.title,
        record.customerId,
        record.prospectName,
        record.value,
        record.stage,
        record.lostReason,
        record.probability,
        record.expectedCloseDate,
        record.ownerId,
        at,
        version,
      ],
    );
    return changed > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db.execute('DELETE FROM opportunities WHERE tenant_id = $1 AND id = $2', [this.tenantId, id]);
  }

  async find(id: string): Promise<Opportunity | null> {
    const rows = await this.db.query<OpportunityRow>(`${SELECT} WHERE o.tenant_id = $1 AND o.id = $2`, [
      this.tenantId,
      id,
    ]);
    return rows[0] ? toOpportunity(rows[0]) : null;
  }

  private where(filter: Omit<OpportunityFilter, 'sort' | 'desc' | 'limit' | 'offset'>): SqlWhere {
    const where = new SqlWhere('o.tenant_id', this.tenantId);
    if (filter.stage) where.add('o.stage = ?', filter.stage);
    if (filter.ownerId) where.add('o.owner_id = ?', filter.ownerId);
    if (filter.customerId) where.add('o.customer_id = ?', filter.customerId);
    if (filter.closeFrom) where.add('o.expected_close_date >= CAST(? AS DATE)', filter.closeFrom);
    if (filter.closeTo) where.add('o.expected_close_date <= CAST(? AS DATE)', filter.closeTo);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      where.add(
        `(lower(o.title) LIKE ? ESCAPE '\\' OR lower(COALESCE(c.name, '')) LIKE ? ESCAPE '\\' OR lower(COALESCE(o.prospect_name, '')) LIKE ? ESCAPE '\\')`,
        pattern,
        pattern,
        pattern,
      );
    }
    return where;
  }

  async list(filter: OpportunityFilter): Promise<{ items: Opportunity[]; total: number }> {
    const where = this.where(filter);
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM (${SELECT} WHERE ${where.sql}) x`,
      where.params,
    );
    const direction = filter.desc ? 'DESC' : 'ASC';
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const rows = await this.db.query<OpportunityRow>(
      `${SELECT} WHERE ${where.sql}
       ORDER BY ${OPPORTUNITY_SORTS[filter.sort]} ${direction} NULLS LAST, o.id LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { items: rows.map(toOpportunity), total: Number(count?.total ?? 0) };
  }

  /** Count, total and weighted value per stage; every stage appears, empty ones with zeros. */
  async pipeline(filter: Omit<OpportunityFilter, 'sort' | 'desc' | 'limit' | 'offset'>): Promise<PipelineColumn[]> {
    const where = this.where(filter);
    const rows = await this.db.query<{ stage: OpportunityStage; count: number; total: string; weighted: string }>(
      `SELECT o.stage, count(*) AS count, SUM(o.value) AS total, SUM(ROUND(o.value * o.probability / 100.0, 2)) AS weighted
       FROM opportunities o LEFT JOIN customers c ON c.tenant_id = o.tenant_id AND c.id = o.customer_id
       WHERE ${where.sql} GROUP BY o.stage`,
      where.params,
    );
    const byStage = new Map(rows.map((r) => [r.stage, r]));
    return OPPORTUNITY_STAGES.map((stage) => {
      const row = byStage.get(stage);
      return {
        stage,
        count: Number(row?.count ?? 0),
        total: money(row?.total ?? '0'),
        weighted: money(row?.weighted ?? '0'),
      };
    });
  }

  async hasEngagement(id: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 AS found FROM activities WHERE tenant_id = $1 AND opportunity_id = $2
       UNION ALL SELECT 1 AS found FROM notes WHERE tenant_id = $1 AND opportunity_id = $2 LIMIT 1`,
      [this.tenantId, id],
    );
    return rows.length > 0;
  }
}
