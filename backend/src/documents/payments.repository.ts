import { Inject, Injectable } from '@nestjs/common';
import type { Payment, PaymentDirection, PaymentMethod, PaymentStatus } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { placeholders } from '../common/placeholders';
import { likePattern, SqlWhere } from '../common/sql-where';
import { BulkColumn, DATABASE, Database, SqlParam } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

export interface PaymentRecord {
  id: string;
  direction: PaymentDirection;
  number: string;
  status: PaymentStatus;
  partyId: string;
  date: string;
  amount: string;
  method: PaymentMethod;
  reference: string | null;
  allocated: string;
  createdAt: string;
}

export interface AllocationRecord {
  id: string;
  paymentId: string;
  documentId: string;
  amount: string;
  allocatedAt: string;
}

export interface PaymentListFilter {
  direction: PaymentDirection;
  partyId?: string;
  from?: string;
  to?: string;
  status?: PaymentStatus;
  q?: string;
  limit: number;
  offset: number;
}

interface PaymentRow {
  id: string;
  direction: PaymentDirection;
  number: string;
  status: PaymentStatus;
  party_id: string;
  party_name: string;
  payment_date: string;
  amount: string;
  method: PaymentMethod;
  reference: string | null;
  allocated: string;
  reversed_at: string | null;
  reversal_reason: string | null;
  created_at: string;
}

const ALLOCATION_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'payment_id', type: 'VARCHAR' },
  { name: 'document_id', type: 'VARCHAR' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
  { name: 'allocated_at', type: 'TIMESTAMPTZ' },
  { name: 'reversed', type: 'BOOLEAN' },
];

const partyTable = (direction: PaymentDirection) => (direction === 'received' ? 'customers' : 'suppliers');

const SELECT = (direction: PaymentDirection) => `SELECT pm.id, pm.direction, pm.number, pm.status, pm.party_id,
    p.name AS party_name, pm.payment_date, pm.amount, pm.method, pm.reference, pm.allocated, pm.reversed_at,
    pm.reversal_reason, pm.created_at
  FROM payments pm JOIN ${partyTable(direction)} p ON p.tenant_id = pm.tenant_id AND p.id = pm.party_id`;

function toPayment(row: PaymentRow, allocations: Payment['allocations']): Payment {
  const reversed = row.status === 'reversed';
  return {
    id: row.id,
    direction: row.direction,
    number: row.number,
    status: row.status,
    partyId: row.party_id,
    partyName: row.party_name,
    ...(row.direction === 'received' ? { customerId: row.party_id } : { supplierId: row.party_id }),
    date: row.payment_date,
    amount: money(row.amount),
    method: row.method,
    reference: row.reference,
    allocated: money(row.allocated),
    unallocated: reversed ? '0.00' : money(dec(row.amount).minus(dec(row.allocated))),
    allocations,
    reversedAt: row.reversed_at,
    reversalReason: row.reversal_reason,
    createdAt: row.created_at,
  };
}

/** Payments received and made, and their allocations to invoices and bills. */
@Injectable()
export class PaymentsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  private get tenantId(): string {
    return this.context.tenantId;
  }

  async insert(payment: PaymentRecord): Promise<void> {
    await this.db.execute(
      `INSERT INTO payments (id, tenant_id, direction, number, status, party_id, payment_date, amount, method, reference,
         allocated, reversed_at, reversal_reason, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DATE), $8, $9, $10, $11, NULL, NULL, CAST($12 AS TIMESTAMPTZ),
         CAST($12 AS TIMESTAMPTZ), 1)`,
      [
        payment.id,
        this.tenantId,
        payment.direction,
        payment.number,
        payment.status,
        payment.partyId,
        payment.date,
        payment.amount,
        payment.method,
        payment.reference,
        payment.allocated,
        payment.createdAt,
      ],
    );
  }

  async insertAllocations(allocations: readonly AllocationRecord[]): Promise<void> {
    if (allocations.length === 0) return;
    await this.db.bulkInsert(
      'payment_allocations',
      ALLOCATION_COLUMNS,
      allocations.map((a) => ({
        id: a.id,
        tenant_id: this.tenantId,
        payment_id: a.paymentId,
        document_id: a.documentId,
        amount: a.amount,
        allocated_at: a.allocatedAt,
        reversed: false,
      })),
    );
  }

  async setAllocated(id: string, allocated: string, at: string): Promise<void> {
    await this.db.execute(
      `UPDATE payments SET allocated = $3, updated_at = CAST($4 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, allocated, at],
    );
  }

  async markReversed(id: string, reason: string, at: string): Promise<void> {
    await this.db.execute(
      `UPDATE payments SET status = 'reversed', reversed_at = CAST($3 AS TIMESTAMPTZ), reversal_reason = $4,
         updated_at = CAST($3 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, at, reason],
    );
    await this.db.execute('UPDATE payment_allocations SET reversed = TRUE WHERE tenant_id = $1 AND payment_id = $2', [
      this.tenantId,
      id,
    ]);
  }

  async find(direction: PaymentDirection, id: string): Promise<Payment | null> {
    const rows = await this.db.query<PaymentRow>(
      `${SELECT(direction)} WHERE pm.tenant_id = $1 AND pm.id = $2 AND pm.direction = $3`,
      [this.tenantId, id, direction],
    );
    if (!rows[0]) return null;
    const allocations = await this.db.query<{
      document_id: string;
      number: string | null;
      amount: string;
      reversed: boolean;
    }>(
      `SELECT a.document_id, d.number, a.amount, a.reversed
       FROM payment_allocations a JOIN documents d ON d.tenant_id = a.tenant_id AND d.id = a.document_id
       WHERE a.tenant_id = $1 AND a.payment_id = $2 ORDER BY a.allocated_at, d.number`,
      [this.tenantId, id],
    );
    return toPayment(
      rows[0],
      allocations.map((a) => ({
        invoiceId: a.document_id,
        invoiceNumber: a.number ?? '',
        amount: money(a.amount),
        reversed: a.reversed === true,
      })),
    );
  }

  /** Live (not reversed) allocations of a payment, per document. */
  async liveAllocations(paymentId: string): Promise<{ documentId: string; amount: string }[]> {
    const rows = await this.db.query<{ document_id: string; amount: string }>(
      `SELECT document_id, SUM(amount) AS amount FROM payment_allocations
       WHERE tenant_id = $1 AND payment_id = $2 AND NOT reversed GROUP BY document_id`,
      [this.tenantId, paymentId],
    );
    return rows.map((r) => ({ documentId: r.document_id, amount: money(r.amount) }));
  }

  /** What live allocations pay on each of `documentIds`. */
  async paidOn(documentIds: readonly string[]): Promise<Map<string, string>> {
    if (documentIds.length === 0) return new Map();
    const params: SqlParam[] = [this.tenantId];
    const rows = await this.db.query<{ document_id: string; paid: string }>(
      `SELECT document_id, SUM(amount) AS paid FROM payment_allocations
       WHERE tenant_id = $1 AND NOT reversed AND document_id IN (${placeholders(params, documentIds)})
       GROUP BY document_id`,
      params,
    );
    return new Map(rows.map((r) => [r.document_id, money(r.paid)]));
  }

  async list(filter: PaymentListFilter): Promise<{ items: Payment[]; total: number }> {
    const where = new SqlWhere('pm.tenant_id', this.tenantId).add('pm.direction = ?', filter.direction);
    if (filter.partyId) where.add('pm.party_id = ?', filter.partyId);
    if (filter.from) where.add('pm.payment_date >= CAST(? AS DATE)', filter.from);
    if (filter.to) where.add('pm.payment_date <= CAST(? AS DATE)', filter.to);
    if (filter.status) where.add('pm.status = ?', filter.status);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      where.add(
        `(lower(pm.number) LIKE ? ESCAPE '\\' OR lower(COALESCE(pm.reference, '')) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\')`,
        pattern,
        pattern,
        pattern,
      );
    }
    const base = SELECT(filter.direction);
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM (${base} WHERE ${where.sql}) c`,
      where.params,
    );
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const rows = await this.db.query<PaymentRow>(
      `${base} WHERE ${where.sql} ORDER BY pm.payment_date DESC, pm.number DESC LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { items: rows.map((r) => toPayment(r, [])), total: Number(count?.total ?? 0) };
  }

  /** Posted payments of a party: their total and what is not allocated yet. */
  async partyTotals(direction: PaymentDirection, partyId: string): Promise<{ paid: string; unallocated: string }> {
    const [row] = await this.db.query<{ paid: string | null; unallocated: string | null }>(
      `SELECT SUM(amount) AS paid, SUM(amount - allocated) AS unallocated FROM payments
       WHERE tenant_id = $1 AND direction = $2 AND party_id = $3 AND status = 'posted'`,
      [this.tenantId, direction, partyId],
    );
    return { paid: money(row?.paid ?? '0'), unallocated: money(row?.unallocated ?? '0') };
  }
}
