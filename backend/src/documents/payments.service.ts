import { Inject, Injectable } from '@nestjs/common';
import type { DocumentKind, ListResponse, PartyAccount, Payment, PaymentDirection } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import Big from 'big.js';
import { AuditService } from '../audit/audit.service';
import { today } from '../common/date.validator';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { CountersRepository } from '../database/counters.repository';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { DOCUMENT_KIND_CONFIG, formatNumber } from './document-kinds';
import { DocumentHeaderRecord, DocumentsRepository } from './documents.repository';
import { AllocationDto, ListPaymentsQueryDto, PaymentDto } from './dto/document.dto';
import { AllocationRecord, PaymentsRepository } from './payments.repository';
import { settle } from './settlement';

interface DirectionConfig {
  direction: PaymentDirection;
  series: string;
  partyTable: 'customers' | 'suppliers';
  partyField: 'customerId' | 'supplierId';
  invoiceKind: DocumentKind;
  correctionKind: DocumentKind;
}

export const PAYMENT_DIRECTIONS: Readonly<Record<PaymentDirection, DirectionConfig>> = {
  received: {
    direction: 'received',
    series: 'RCPT',
    partyTable: 'customers',
    partyField: 'customerId',
    invoiceKind: 'sales_invoice',
    correctionKind: 'credit_note',
  },
  made: {
    direction: 'made',
    series: 'PAY',
    partyTable: 'suppliers',
    partyField: 'supplierId',
    invoiceKind: 'purchase_invoice',
    correctionKind: 'purchase_return',
  },
};

const OPEN = ['issued', 'posted', 'partially_paid'];

/**
 * Payments received and made: allocated to open invoices (bills) as the user says or
 * oldest due first; the rest stays as the party's credit. Reversed, never edited.
 * Every command runs under the tenant's write lock, so balances read inside it are
 * current and concurrent payments cannot over-allocate an invoice.
 */
@Injectable()
export class PaymentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly documents: DocumentsRepository,
    private readonly counters: CountersRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async list(direction: PaymentDirection, query: ListPaymentsQueryDto): Promise<ListResponse<Payment>> {
    const config = PAYMENT_DIRECTIONS[direction];
    const { items, total } = await this.payments.list({
      direction,
      partyId: config.partyField === 'customerId' ? query.customerId : query.supplierId,
      from: query.from,
      to: query.to,
      status: query.status,
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(direction: PaymentDirection, id: string): Promise<Payment> {
    const payment = await this.payments.find(direction, id);
    if (!payment) throw new ProblemException(404, 'not_found', `No payment with id ${id}`);
    return payment;
  }

  async create(direction: PaymentDirection, dto: PaymentDto): Promise<Payment> {
    const config = PAYMENT_DIRECTIONS[direction];
    const id = newId();
    await this.db.transaction(this.context.tenantId, async () => {
      const partyId = this.partyId(config, dto);
      const party = await this.documents.findParty(config.partyTable, partyId);
      if (!party) {
        throw new ProblemException(422, 'unprocessable', `No ${config.partyTable.slice(0, -1)} with id ${partyId}`, [
          { field: config.partyField, message: 'unknown' },
        ]);
      }
      const year = dto.date.slice(0, 4);
      const number = formatNumber(
        config.series,
        year,
        await this.counters.next(this.context.tenantId, `payment_${direction}:${year}`),
      );
      const now = nowIso();
      const allocations = await this.plan(config, partyId, dec(dto.amount), dto.allocations, id, now);
      const allocated = money(allocations.reduce((sum, a) => sum.plus(dec(a.amount)), new Big(0)));
      await this.payments.insert({
        id,
        direction,
        number,
        status: 'posted',
        partyId,
        date: dto.date,
        amount: money(dto.amount),
        method: dto.method,
        reference: dto.reference ?? null,
        allocated,
        createdAt: now,
      });
      await this.payments.insertAllocations(allocations);
      const effects = await this.resettle(
        config,
        allocations.map((a) => a.documentId),
        now,
      );
      await this.audit.record({
        action: `payment_${direction}.created`,
        entityType: 'payment',
        entityId: id,
        after: {
          number,
          partyId,
          date: dto.date,
          amount: money(dto.amount),
          method: dto.method,
          reference: dto.reference ?? null,
          allocations: allocations.map((a) => ({ invoiceId: a.documentId, amount: a.amount })),
          unallocated: money(dec(dto.amount).minus(dec(allocated))),
          invoices: effects,
        },
      });
    });
    return this.get(direction, id);
  }

  /** Allocates what is left of a payment (the party's credit) to open invoices. */
  async allocate(direction: PaymentDirection, id: string, requested: AllocationDto[] | undefined): Promise<Payment> {
    const config = PAYMENT_DIRECTIONS[direction];
    await this.db.transaction(this.context.tenantId, async () => {
      const payment = await this.get(direction, id);
      if (payment.status === 'reversed') {
        throw new ProblemException(409, 'conflict', `${payment.number} is reversed; it can no longer be allocated`);
      }
      if (dec(payment.unallocated).eq(0)) {
        throw new ProblemException(
          409,
          'conflict',
          `${payment.number} is fully allocated; nothing is left to allocate`,
        );
      }
      const now = nowIso();
      const allocations = await this.plan(config, payment.partyId, dec(payment.unallocated), requested, id, now);
      if (allocations.length === 0) {
        throw new ProblemException(
          422,
          'unprocessable',
          `${payment.partyName} has no open ${config.invoiceKind === 'sales_invoice' ? 'invoices' : 'bills'} to allocate to`,
        );
      }
      const added = allocations.reduce((sum, a) => sum.plus(dec(a.amount)), new Big(0));
      const allocated = money(dec(payment.allocated).plus(added));
      await this.payments.insertAllocations(allocations);
      await this.payments.setAllocated(id, allocated, now);
      const effects = await this.resettle(
        config,
        allocations.map((a) => a.documentId),
        now,
      );
      await this.audit.record({
        action: `payment_${direction}.allocated`,
        entityType: 'payment',
        entityId: id,
        before: { allocated: payment.allocated, unallocated: payment.unallocated },
        after: {
          allocated,
          allocations: allocations.map((a) => ({ invoiceId: a.documentId, amount: a.amount })),
          invoices: effects,
        },
      });
    });
    return this.get(direction, id);
  }

  /** Reverses a payment: its allocations stop counting and the invoices reopen. */
  async reverse(direction: PaymentDirection, id: string, reason: string): Promise<Payment> {
    const config = PAYMENT_DIRECTIONS[direction];
    await this.db.transaction(this.context.tenantId, async () => {
      const payment = await this.get(direction, id);
      if (payment.status === 'reversed') {
        throw new ProblemException(409, 'conflict', `${payment.number} is already reversed`);
      }
      const live = await this.payments.liveAllocations(id);
      const now = nowIso();
      await this.payments.markReversed(id, reason, now);
      const effects = await this.resettle(
        config,
        live.map((a) => a.documentId),
        now,
      );
      await this.audit.record({
        action: `payment_${direction}.reversed`,
        entityType: 'payment',
        entityId: id,
        before: { status: payment.status, allocations: live },
        after: { status: 'reversed', reason, invoices: effects },
      });
    });
    return this.get(direction, id);
  }

  async account(direction: PaymentDirection, partyId: string): Promise<PartyAccount> {
    const config = PAYMENT_DIRECTIONS[direction];
    const party = await this.documents.findParty(config.partyTable, partyId);
    if (!party) throw new ProblemException(404, 'not_found', `No ${config.partyTable.slice(0, -1)} with id ${partyId}`);
    const totals = await this.documents.partyTotals(config.invoiceKind, config.correctionKind, partyId);
    const payments = await this.payments.partyTotals(direction, partyId);
    const open = await this.documents.openDocuments(config.invoiceKind, partyId, today());
    const overdue = open.filter((d) => d.overdue).reduce((sum, d) => sum.plus(dec(d.balance)), new Big(0));
    return {
      partyId,
      openingBalance: party.openingBalance,
      invoiced: totals.invoiced,
      credited: totals.credited,
      paid: payments.paid,
      balance: money(
        dec(party.openingBalance).plus(dec(totals.invoiced)).minus(dec(totals.credited)).minus(dec(payments.paid)),
      ),
      unallocatedCredit: money(dec(payments.unallocated).plus(dec(totals.unappliedCredit))),
      overdue: money(overdue),
      openDocuments: open,
    };
  }

  private partyId(config: DirectionConfig, dto: PaymentDto): string {
    const other = config.partyField === 'customerId' ? 'supplierId' : 'customerId';
    if (dto[other] !== undefined) {
      throw new ProblemException(
        400,
        'validation_failed',
        `This payment names a ${config.partyField}, not a ${other}`,
        [{ field: other, message: `use ${config.partyField}` }],
      );
    }
    const id = dto[config.partyField];
    if (!id) {
      throw new ProblemException(400, 'validation_failed', `Choose the ${config.partyTable.slice(0, -1)}`, [
        { field: config.partyField, message: `${config.partyField} is required` },
      ]);
    }
    return id;
  }

  /**
   * The allocations of `available` money: as requested (each checked against the
   * invoice's balance, party and status), or oldest due first when none are named.
   */
  private async plan(
    config: DirectionConfig,
    partyId: string,
    available: Big,
    requested: AllocationDto[] | undefined,
    paymentId: string,
    at: string,
  ): Promise<AllocationRecord[]> {
    const record = (documentId: string, amount: Big): AllocationRecord => ({
      id: newId(),
      paymentId,
      documentId,
      amount: amount.toFixed(2),
      allocatedAt: at,
    });
    if (requested === undefined) {
      const open = await this.documents.openDocuments(config.invoiceKind, partyId, today());
      const plan: AllocationRecord[] = [];
      let left = available;
      for (const doc of open) {
        if (left.lte(0)) break;
        const amount = dec(doc.balance).lt(left) ? dec(doc.balance) : left;
        plan.push(record(doc.id, amount));
        left = left.minus(amount);
      }
      return plan;
    }
    const headers = new Map(
      (await this.documents.findHeaders(requested.map((a) => a.invoiceId))).map((h) => [h.id, h]),
    );
    const label = DOCUMENT_KIND_CONFIG[config.invoiceKind].label;
    const perDocument = new Map<string, Big>();
    const errors: { field: string; message: string }[] = [];
    requested.forEach((a, i) => {
      const field = `allocations.${i}`;
      const doc: DocumentHeaderRecord | undefined = headers.get(a.invoiceId);
      if (!doc || doc.kind !== config.invoiceKind) {
        errors.push({ field: `${field}.invoiceId`, message: `No ${label} with id ${a.invoiceId}` });
        return;
      }
      if (doc.partyId !== partyId) {
        errors.push({
          field: `${field}.invoiceId`,
          message: `${doc.number ?? 'The draft'} belongs to another ${config.partyTable.slice(0, -1)}`,
        });
        return;
      }
      if (!OPEN.includes(doc.status)) {
        const state = doc.status === 'paid' ? 'already paid' : doc.status;
        errors.push({
          field: `${field}.invoiceId`,
          message: `${doc.number ?? `The draft ${label}`} is ${state}; only open ${label}s take payments`,
        });
        return;
      }
      const total = (perDocument.get(doc.id) ?? new Big(0)).plus(dec(a.amount));
      perDocument.set(doc.id, total);
      if (total.gt(dec(doc.balance))) {
        errors.push({ field: `${field}.amount`, message: `${doc.number} has only ${doc.balance} left to pay` });
      }
    });
    const sum = [...perDocument.values()].reduce((s, v) => s.plus(v), new Big(0));
    if (errors.length === 0 && sum.gt(available)) {
      errors.push({
        field: 'allocations',
        message: `The allocations add up to ${money(sum)}, more than the ${money(available)} available`,
      });
    }
    if (errors.length > 0) {
      throw new ProblemException(422, 'unprocessable', errors.map((e) => e.message).join('; '), errors);
    }
    return [...perDocument.entries()].map(([documentId, amount]) => record(documentId, amount));
  }

  /** Recomputes paid amount, balance and status of each document from its live allocations. */
  private async resettle(config: DirectionConfig, documentIds: readonly string[], at: string) {
    const ids = [...new Set(documentIds)];
    const paid = await this.payments.paidOn(ids);
    const open = DOCUMENT_KIND_CONFIG[config.invoiceKind].openStatus;
    const effects = [];
    for (const doc of await this.documents.findHeaders(ids)) {
      const settlement = settle(open, doc.total, paid.get(doc.id) ?? '0', doc.amountCredited);
      await this.documents.setSettlement(doc.id, settlement, at);
      effects.push({ invoiceId: doc.id, number: doc.number, status: settlement.status, balance: settlement.balance });
    }
    return effects;
  }
}
