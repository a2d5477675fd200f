import { Inject, Injectable } from '@nestjs/common';
import type { DocumentStatus, PaymentDirection, PaymentMethod } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import Big from 'big.js';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { CountersRepository } from '../database/counters.repository';
import { BulkColumn, DATABASE, Database, SqlParam } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { DOCUMENT_KIND_CONFIG, formatNumber } from './document-kinds';
import { DocumentHeaderRecord, DocumentsRepository } from './documents.repository';
import { AllocationRecord, PaymentsRepository } from './payments.repository';
import { PAYMENT_DIRECTIONS } from './payments.service';
import { settle, Settlement } from './settlement';

/** A payment with the allocations it names, as `POST payments-…` receives it. */
export interface BatchPayment {
  partyId: string;
  date: string;
  amount: string;
  method: PaymentMethod;
  reference?: string | null;
  allocations: { invoiceId: string; amount: string }[];
}

const OPEN = ['issued', 'posted', 'partially_paid'];
const CHUNK = 1000;

const PAYMENT_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'direction', type: 'VARCHAR' },
  { name: 'number', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'party_id', type: 'VARCHAR' },
  { name: 'payment_date', type: 'DATE' },
  { name: 'amount', type: 'DECIMAL(18,2)' },
  { name: 'method', type: 'VARCHAR' },
  { name: 'reference', type: 'VARCHAR' },
  { name: 'allocated', type: 'DECIMAL(18,2)' },
  { name: 'reversed_at', type: 'TIMESTAMPTZ' },
  { name: 'reversal_reason', type: 'VARCHAR' },
  { name: 'created_at', type: 'TIMESTAMPTZ' },
  { name: 'updated_at', type: 'TIMESTAMPTZ' },
  { name: 'version', type: 'INTEGER' },
];

/**
 * Records many payments with named allocations in one tenant transaction: the same checks
 * (party, invoice of that party and open, no allocation beyond its balance or the payment),
 * numbers, settlement and audit records as `PaymentsService.create` for each payment in order,
 * with one counter statement per year, bulk inserts, one settlement update per 1,000 documents
 * and one audit batch. All or nothing. For imports and demo histories.
 */
@Injectable()
export class BatchPaymentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly documents: DocumentsRepository,
    private readonly counters: CountersRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async createBatch(
    direction: PaymentDirection,
    batch: readonly BatchPayment[],
  ): Promise<{ id: string; number: string }[]> {
    if (batch.length === 0) return [];
    const config = PAYMENT_DIRECTIONS[direction];
    const openStatus = DOCUMENT_KIND_CONFIG[config.invoiceKind].openStatus;
    const label = DOCUMENT_KIND_CONFIG[config.invoiceKind].label;
    const tenantId = this.context.tenantId;
    return this.db.transaction(tenantId, async () => {
      for (const id of new Set(batch.map((p) => p.partyId))) {
        if (!(await this.documents.findParty(config.partyTable, id))) {
          throw new ProblemException(422, 'unprocessable', `No ${config.partyTable.slice(0, -1)} with id ${id}`);
        }
      }
      const ids = [...new Set(batch.flatMap((p) => p.allocations.map((a) => a.invoiceId)))];
      const headers = new Map<string, DocumentHeaderRecord>();
      const paid = new Map<string, Big>();
      for (let start = 0; start < ids.length; start += CHUNK) {
        const chunk = ids.slice(start, start + CHUNK);
        for (const h of await this.documents.findHeaders(chunk)) headers.set(h.id, h);
        for (const [id, amount] of await this.payments.paidOn(chunk)) paid.set(id, dec(amount));
      }
      const perYear = new Map<string, number>();
      for (const p of batch) perYear.set(p.date.slice(0, 4), (perYear.get(p.date.slice(0, 4)) ?? 0) + 1);
      const reserved = await this.counters.nextMany(
        tenantId,
        [...perYear.entries()].map(([year, count]) => ({ name: `payment_${direction}:${year}`, count })),
      );
      const now = nowIso();
      const settled = new Map<string, Settlement>();
      /** How many payments settled each document: each one bumps its version, as one by one. */
      const touches = new Map<string, number>();
      const rows: Record<string, SqlParam>[] = [];
      const allocations: AllocationRecord[] = [];
      const audits: AuditEntry[] = [];
      const answer: { id: string; number: string }[] = [];
      for (const p of batch) {
        const id = newId();
        const year = p.date.slice(0, 4);
        const number = formatNumber(config.series, year, reserved.get(`payment_${direction}:${year}`)!);
        reserved.set(`payment_${direction}:${year}`, reserved.get(`payment_${direction}:${year}`)! + 1);
        const own: AllocationRecord[] = [];
        for (const a of p.allocations) {
          const doc = headers.get(a.invoiceId);
          if (!doc || doc.kind !== config.invoiceKind) {
            throw new ProblemException(422, 'unprocessable', `No ${label} with id ${a.invoiceId}`);
          }
          const status = settled.get(doc.id)?.status ?? doc.status;
          const balance = dec(settled.get(doc.id)?.balance ?? doc.balance);
          if (doc.partyId !== p.partyId) {
            throw new ProblemException(422, 'unprocessable', `${doc.number} belongs to another party`);
          }
          if (!OPEN.includes(status)) {
            throw new ProblemException(
              422,
              'unprocessable',
              `${doc.number} is ${status}; only open ${label}s take payments`,
            );
          }
          if (dec(a.amount).gt(balance)) {
            throw new ProblemException(422, 'unprocessable', `${doc.number} has only ${money(balance)} left to pay`);
          }
          own.push({
            id: newId(),
            paymentId: id,
            documentId: doc.id,
            amount: dec(a.amount).toFixed(2),
            allocatedAt: now,
          });
        }
        const allocated = own.reduce((sum, a) => sum.plus(dec(a.amount)), new Big(0));
        if (allocated.gt(dec(p.amount))) {
          throw new ProblemException(
            422,
            'unprocessable',
            `The allocations add up to ${money(allocated)}, more than the ${money(p.amount)} available`,
          );
        }
        const effects = [];
        for (const a of own) {
          const doc = headers.get(a.documentId)!;
          const total = (paid.get(doc.id) ?? new Big(0)).plus(dec(a.amount));
          paid.set(doc.id, total);
          const settlement = settle(openStatus, doc.total, total, doc.amountCredited);
          settled.set(doc.id, settlement);
          touches.set(doc.id, (touches.get(doc.id) ?? 0) + 1);
          effects.push({
            invoiceId: doc.id,
            number: doc.number,
            status: settlement.status,
            balance: settlement.balance,
          });
        }
        allocations.push(...own);
        rows.push({
          id,
          tenant_id: tenantId,
          direction,
          number,
          status: 'posted',
          party_id: p.partyId,
          payment_date: p.date,
          amount: money(p.amount),
          method: p.method,
          reference: p.reference ?? null,
          allocated: money(allocated),
          reversed_at: null,
          reversal_reason: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        audits.push({
          action: `payment_${direction}.created`,
          entityType: 'payment',
          entityId: id,
          after: {
            number,
            partyId: p.partyId,
            date: p.date,
            amount: money(p.amount),
            method: p.method,
            reference: p.reference ?? null,
            allocations: own.map((a) => ({ invoiceId: a.documentId, amount: a.amount })),
            unallocated: money(dec(p.amount).minus(allocated)),
            invoices: effects,
          },
        });
        answer.push({ id, number });
      }
      await this.db.bulkInsert('payments', PAYMENT_COLUMNS, rows);
      await this.payments.insertAllocations(allocations);
      await this.setSettlements(tenantId, [...settled.entries()], touches, now);
      await this.audit.recordMany(audits);
      return answer;
    });
  }

  /** Stores new figures and status of many documents, a statement per 1,000 (each bumps the version). */
  private async setSettlements(
    tenantId: string,
    settled: [string, Settlement][],
    touches: ReadonlyMap<string, number>,
    at: string,
  ): Promise<void> {
    for (let start = 0; start < settled.length; start += CHUNK) {
      const params: SqlParam[] = [tenantId, at];
      const values = settled.slice(start, start + CHUNK).map(([id, s]) => {
        params.push(id, s.amountPaid, s.amountCredited, s.balance, s.status satisfies DocumentStatus, touches.get(id)!);
        const n = params.length;
        return `($${n - 5}, CAST($${n - 4} AS DECIMAL(18,2)), CAST($${n - 3} AS DECIMAL(18,2)),
          CAST($${n - 2} AS DECIMAL(18,2)), CAST($${n - 1} AS VARCHAR), CAST($${n} AS INTEGER))`;
      });
      await this.db.execute(
        `UPDATE documents SET amount_paid = v.amount_paid, amount_credited = v.amount_credited, balance = v.balance,
           status = v.status, updated_at = CAST($2 AS TIMESTAMPTZ), version = documents.version + v.touches
         FROM (VALUES ${values.join(', ')}) AS v(id, amount_paid, amount_credited, balance, status, touches)
         WHERE documents.tenant_id = $1 AND documents.id = v.id`,
        params,
      );
    }
  }
}
