import { Inject, Injectable } from '@nestjs/common';
import type { Activity, ActivityType } from '@billinator/contracts';
import { SqlWhere } from '../common/sql-where';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

/** What is stored of an activity (besides id, tenant, timestamps and version). */
export interface ActivityRecord {
  type: ActivityType;
  subject: string;
  details: string | null;
  dueAt: string;
  assigneeId: string;
  done: boolean;
  doneAt: string | null;
  customerId: string | null;
  opportunityId: string | null;
  contactId: string | null;
}

export interface ActivityFilter {
  assigneeId?: string;
  open?: boolean;
  customerId?: string;
  opportunityId?: string;
  type?: ActivityType;
  q?: string;
  limit: number;
  offset: number;
}

interface ActivityRow {
  id: string;
  type: ActivityType;
  subject: string;
  details: string | null;
  due_at: string;
  assignee_id: string;
  assignee_name: string | null;
  done: boolean;
  done_at: string | null;
  overdue: boolean;
  customer_id: string | null;
  customer_name: string | null;
  opportunity_id: string | null;
  opportunity_title: string | null;
  contact_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** `$now` is the placeholder of the current time: overdue = open and due before it. */
const SELECT = (now: string) => `SELECT a.id, a.type, a.subject, a.details, a.due_at, a.assignee_id,
    u.name AS assignee_name, a.done, a.done_at, (NOT a.done AND a.due_at < CAST(${now} AS TIMESTAMPTZ)) AS overdue,
    a.customer_id, c.name AS customer_name, a.opportunity_id, o.title AS opportunity_title, a.contact_id,
    a.created_at, a.updated_at, a.version
  FROM activities a
  LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.assignee_id
  LEFT JOIN customers c ON c.tenant_id = a.tenant_id AND c.id = a.customer_id
  LEFT JOIN opportunities o ON o.tenant_id = a.tenant_id AND o.id = a.opportunity_id`;

/** Open overdue ones first, then open ones by due time, done ones last (also by due time). */
const ORDER = (now: string) => `CASE WHEN a.done THEN 2 WHEN a.due_at < CAST(${now} AS TIMESTAMPTZ) THEN 0 ELSE 1 END,
  a.due_at, a.created_at, a.id`;

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    details: row.details,
    dueAt: row.due_at,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name ?? '',
    done: row.done === true,
    doneAt: row.done_at,
    overdue: row.overdue === true,
    customerId: row.customer_id,
    customerName: row.customer_name,
    opportunityId: row.opportunity_id,
    opportunityTitle: row.opportunity_title,
    contactId: row.contact_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** Calls, meetings, e-mails and tasks, with the names of what they point at. */
@Injectable()
export class ActivitiesRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  async list(filter: ActivityFilter, now: string): Promise<{ items: Activity[]; total: number }> {
    const where = new SqlWhere('a.tenant_id', this.context.tenantId);
    if (filter.assigneeId) where.add('a.assignee_id = ?', filter.assigneeId);
    if (filter.open !== undefined) where.add('a.done = ?', !filter.open);
    if (filter.customerId) where.add('a.customer_id = ?', filter.customerId);
    if (filter.opportunityId) where.add('a.opportunity_id = ?', filter.opportunityId);
    if (filter.type) where.add('a.type = ?', filter.type);
    if (filter.q) where.add('strpos(lower(a.subject), ?) > 0', filter.q.trim().toLowerCase());
    const countParams = [...where.params];
    const nowParam = where.next(now);
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const [count, rows] = await Promise.all([
      this.db.query<{ total: number }>(`SELECT count(*) AS total FROM activities a WHERE ${where.sql}`, countParams),
      this.db.query<ActivityRow>(
        `${SELECT(nowParam)} WHERE ${where.sql} ORDER BY ${ORDER(nowParam)} LIMIT ${limit} OFFSET ${offset}`,
        where.params,
      ),
    ]);
    return { items: rows.map(toActivity), total: Number(count[0]?.total ?? 0) };
  }

  async findById(id: string, now: string): Promise<Activity | null> {
    const rows = await this.db.query<ActivityRow>(`${SELECT('$3')} WHERE a.tenant_id = $1 AND a.id = $2`, [
      this.context.tenantId,
      id,
      now,
    ]);
    return rows[0] ? toActivity(rows[0]) : null;
  }

  async insert(id: string, a: ActivityRecord, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO activities (id, tenant_id, type, subject, details, due_at, assignee_id, done, done_at, customer_id,
         opportunity_id, contact_id, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMPTZ), $7, $8, CAST($9 AS TIMESTAMPTZ), $10, $11, $12,
         CAST($13 AS TIMESTAMPTZ), CAST($13 AS TIMESTAMPTZ), 1)`,
      [
        id,
        this.context.tenantId,
        a.type,
        a.subject,
        a.details,
        a.dueAt,
        a.assigneeId,
        a.done,
        a.doneAt,
        a.customerId,
        a.opportunityId,
        a.contactId,
        at,
      ],
    );
  }

  /** Writes the whole record if the version still matches; false when someone changed it meanwhile. */
  async update(id: string, version: number, a: ActivityRecord, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE activities SET type = $4, subject = $5, details = $6, due_at = CAST($7 AS TIMESTAMPTZ), assignee_id = $8,
         done = $9, done_at = CAST($10 AS TIMESTAMPTZ), customer_id = $11, opportunity_id = $12, contact_id = $13,
         updated_at = CAST($14 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $3`,
      [
        this.context.tenantId,
        id,
        version,
        a.type,
        a.subject,
        a.details,
        a.dueAt,
        a.assigneeId,
        a.done,
        a.doneAt,
        a.customerId,
        a.opportunityId,
        a.contactId,
        at,
      ],
    );
    return changed === 1;
  }

  async delete(id: string): Promise<void> {
    await this.db.execute('DELETE FROM activities WHERE tenant_id = $1 AND id = $2', [this.context.tenantId, id]);
  }
}
