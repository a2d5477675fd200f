import { Inject, Injectable } from '@nestjs/common';
import type { TimelineEntry, TimelineKind } from '@billinator/contracts';
import { money } from '@billinator/money';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

interface TimelineRow {
  kind: TimelineKind;
  id: string;
  occurred_at: string;
  title: string;
  detail: string | null;
  amount: string | null;
  status: string | null;
}

/** Longest detail text of an entry; longer notes and details end with "…". */
const DETAIL_LENGTH = 200;
const shorten = (column: string) =>
  `CASE WHEN length(${column}) > ${DETAIL_LENGTH} THEN substr(${column}, 1, ${DETAIL_LENGTH - 1}) || '…' ELSE ${column} END`;

/**
 * Everything that happened with one customer, as one query over every source
 * ($1 tenant, $2 customer, $3 today for expired quotes, $4 limit). Each branch has
 * the same column types on both engines: VARCHAR text, TIMESTAMPTZ times, DECIMAL amounts.
 */
const TIMELINE_SQL = `
SELECT kind, id, occurred_at, title, detail, amount, status FROM (
  SELECT CASE d.kind WHEN 'sales_invoice' THEN 'invoice' ELSE d.kind END AS kind,
    d.id,
    CAST(COALESCE(d.issued_at, d.created_at) AS TIMESTAMPTZ) AS occurred_at,
    CASE
      WHEN d.number IS NULL THEN CASE d.kind WHEN 'sales_invoice' THEN 'Draft invoice'
        WHEN 'credit_note' THEN 'Draft credit note' ELSE 'Draft quote' END
      ELSE CASE d.kind WHEN 'sales_invoice' THEN 'Invoice ' WHEN 'credit_note' THEN 'Credit note ' ELSE 'Quote ' END
        || d.number
    END AS title,
    CASE d.kind
      WHEN 'credit_note' THEN CAST(d.reason AS VARCHAR)
      WHEN 'quote' THEN 'Valid until ' || CAST(d.due_date AS VARCHAR)
      ELSE 'Due ' || CAST(d.due_date AS VARCHAR)
    END AS detail,
    CAST(d.total AS DECIMAL(18,2)) AS amount,
    CASE WHEN d.kind = 'quote' AND d.status = 'sent' AND d.due_date < CAST($3 AS DATE) THEN 'expired'
      ELSE CAST(d.status AS VARCHAR) END AS status
  FROM documents d
  WHERE d.tenant_id = $1 AND d.party_id = $2 AND d.kind IN ('sales_invoice', 'credit_note', 'quote')
  UNION ALL
  SELECT 'payment', pm.id, CAST(pm.created_at AS TIMESTAMPTZ), 'Payment ' || pm.number,
    CAST(pm.reference AS VARCHAR), CAST(pm.amount AS DECIMAL(18,2)), CAST(pm.status AS VARCHAR)
  FROM payments pm
  WHERE pm.tenant_id = $1 AND pm.party_id = $2 AND pm.direction = 'received'
  UNION ALL
  SELECT 'opportunity', o.id, CAST(o.created_at AS TIMESTAMPTZ), CAST(o.title AS VARCHAR),
    CASE WHEN o.expected_close_date IS NULL THEN CAST(NULL AS VARCHAR)
      ELSE 'Expected to close ' || CAST(o.expected_close_date AS VARCHAR) END,
    CAST(o.value AS DECIMAL(18,2)), CAST(o.stage AS VARCHAR)
  FROM opportunities o
  WHERE o.tenant_id = $1 AND o.customer_id = $2
  UNION ALL
  SELECT 'activity', a.id, CAST(a.due_at AS TIMESTAMPTZ),
    CASE a.type WHEN 'call' THEN 'Call' WHEN 'meeting' THEN 'Meeting' WHEN 'email' THEN 'E-mail' ELSE 'Task' END
      || ': ' || a.subject,
    ${shorten('a.details')}, CAST(NULL AS DECIMAL(18,2)),
    CASE WHEN a.done THEN 'done' ELSE 'open' END
  FROM activities a
  WHERE a.tenant_id = $1 AND a.customer_id = $2
  UNION ALL
  SELECT 'note', n.id, CAST(n.created_at AS TIMESTAMPTZ), 'Note', ${shorten('n.body')},
    CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS VARCHAR)
  FROM notes n
  WHERE n.tenant_id = $1 AND (n.customer_id = $2 OR n.opportunity_id IN (
    SELECT o.id FROM opportunities o WHERE o.tenant_id = $1 AND o.customer_id = $2))
  UNION ALL
  SELECT 'contact', c.id, CAST(c.created_at AS TIMESTAMPTZ), 'Contact ' || c.name || ' added',
    CAST(c.position AS VARCHAR), CAST(NULL AS DECIMAL(18,2)), CAST(NULL AS VARCHAR)
  FROM contacts c
  WHERE c.tenant_id = $1 AND c.customer_id = $2
) t
ORDER BY occurred_at DESC, kind, id
LIMIT $4`;

/** The customer timeline's one query. */
@Injectable()
export class TimelineRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  /** Newest first; `today` (YYYY-MM-DD) tells which sent quotes have expired. */
  async ofCustomer(customerId: string, today: string, limit: number): Promise<TimelineEntry[]> {
    const rows = await this.db.query<TimelineRow>(TIMELINE_SQL, [this.context.tenantId, customerId, today, limit]);
    return rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      at: r.occurred_at,
      title: r.title,
      detail: r.detail,
      amount: r.amount === null ? null : money(r.amount),
      status: r.status,
    }));
  }
}
