import { Inject, Injectable } from '@nestjs/common';
import type { DocumentDetail, DocumentKind } from '@billinator/contracts';
import { computeLine, dec, quantity } from '@billinator/money';
import { AuditService } from '../audit/audit.service';
import { today } from '../common/date.validator';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { DATABASE, Database } from '../database/database.port';
import { MovementRequest, StockService } from '../inventory/stock.service';
import { RequestContext } from '../tenancy/request-context';
import { DOCUMENT_KIND_CONFIG } from './document-kinds';
import { DocumentHeaderRecord, DocumentsRepository, LineRecord } from './documents.repository';
import { documentTotals, DocumentsService } from './documents.service';
import { CorrectionDto } from './dto/document.dto';
import { settle } from './settlement';

const CORRECTABLE = ['issued', 'posted', 'partially_paid', 'paid'];

/**
 * Credit notes (against sales invoices) and purchase returns (against bills): they
 * return at most what is left of each line, move the goods back, and reduce what is owed.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsRepository,
    private readonly lifecycle: DocumentsService,
    private readonly stock: StockService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async create(kind: 'credit_note' | 'purchase_return', dto: CorrectionDto): Promise<DocumentDetail> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    const invoiceKind: DocumentKind = kind === 'credit_note' ? 'sales_invoice' : 'purchase_invoice';
    const invoiceLabel = DOCUMENT_KIND_CONFIG[invoiceKind].label;
    const id = newId();
    await this.db.transaction(this.context.tenantId, async () => {
      const invoice = await this.documents.findHeader(dto.invoiceId, [invoiceKind]);
      if (!invoice) {
        throw new ProblemException(422, 'unprocessable', `No ${invoiceLabel} with id ${dto.invoiceId}`, [
          { field: 'invoiceId', message: 'unknown' },
        ]);
      }
      if (!CORRECTABLE.includes(invoice.status)) {
        throw new ProblemException(
          409,
          'conflict',
          invoice.status === 'draft'
            ? `A draft ${invoiceLabel} can still be edited; no ${config.label} is needed`
            : `${invoice.number} is void; there is nothing left to return`,
        );
      }
      const issueDate = dto.issueDate ?? today();
      if (issueDate < invoice.issueDate) {
        throw new ProblemException(
          400,
          'validation_failed',
          `A ${config.label} cannot be dated before ${invoice.number}`,
          [{ field: 'issueDate', message: 'before the invoice date' }],
        );
      }
      const lines = this.returnLines(
        await this.documents.lines(invoice.id),
        await this.documents.returnedQuantities(invoice.id),
        dto,
      );
      const products = await this.lifecycle.productsOf(lines.map((l) => l.productId));
      const goods = lines.filter((l) => products.get(l.productId)!.kind === 'goods');
      const source = new Map((await this.documents.lines(invoice.id)).map((l) => [l.id, l]));
      const movements = await this.stock.moveMany(
        goods.map((line): MovementRequest => ({
          product: products.get(line.productId)!,
          kind: config.stockKind!,
          quantity: config.stockSign < 0 ? `-${line.quantity}` : line.quantity,
          // Goods come back at the cost they went out at.
          unitCost: source.get(line.invoiceLineId!)?.unitCost ?? undefined,
          reason: dto.reason,
          refType: kind,
          refId: id,
        })),
      );
      goods.forEach((line, i) => (line.unitCost = movements[i].unitCost));
      const totals = documentTotals(lines);
      const applied = dec(totals.total).gt(dec(invoice.balance)) ? dec(invoice.balance) : dec(totals.total);
      const now = nowIso();
      const header: DocumentHeaderRecord = {
        id,
        kind,
        number: await this.lifecycle.nextNumber(config, issueDate),
        status: 'issued',
        partyId: invoice.partyId,
        supplierBillNumber: null,
        relatedId: invoice.id,
        issueDate,
        dueDate: issueDate,
        notes: null,
        reason: dto.reason,
        ...totals,
        amountPaid: '0.00',
        amountCredited: applied.toFixed(2),
        // What the invoice could not absorb stays as the party's credit.
        balance: dec(totals.total).minus(applied).toFixed(2),
        issuedAt: now,
        voidedAt: null,
        voidReason: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await this.documents.insert(header, lines);
      const invoiceOpen = DOCUMENT_KIND_CONFIG[invoiceKind].openStatus;
      const settlement = settle(
        invoiceOpen,
        invoice.total,
        invoice.amountPaid,
        dec(invoice.amountCredited).plus(applied),
      );
      await this.documents.setSettlement(invoice.id, settlement, now);
      await this.audit.recordMany([
        {
          action: `${kind}.issued`,
          entityType: kind,
          entityId: id,
          after: {
            number: header.number,
            invoiceId: invoice.id,
            invoiceNumber: invoice.number,
            reason: dto.reason,
            total: header.total,
            applied: header.amountCredited,
            unapplied: header.balance,
            lines: lines.map((l) => ({ invoiceLineId: l.invoiceLineId, productId: l.productId, quantity: l.quantity })),
          },
        },
        {
          action: `${invoiceKind}.credited`,
          entityType: invoiceKind,
          entityId: invoice.id,
          before: { status: invoice.status, amountCredited: invoice.amountCredited, balance: invoice.balance },
          after: {
            status: settlement.status,
            amountCredited: settlement.amountCredited,
            balance: settlement.balance,
            by: header.number,
          },
        },
      ]);
    });
    return this.lifecycle.get(kind, id);
  }

  /** The lines of the correction, each limited to what is left to return of its invoice line. */
  private returnLines(
    invoiceLines: readonly LineRecord[],
    returned: ReadonlyMap<string, string>,
    dto: CorrectionDto,
  ): LineRecord[] {
    const byId = new Map(invoiceLines.map((l) => [l.id, l]));
    const requested = new Map<string, string>();
    const errors: { field: string; message: string }[] = [];
    dto.lines.forEach((line, i) => {
      const source = byId.get(line.invoiceLineId);
      if (!source) {
        errors.push({ field: `lines.${i}.invoiceLineId`, message: `line ${i + 1} is not a line of this invoice` });
        return;
      }
      const total = dec(requested.get(source.id) ?? '0').plus(dec(line.quantity));
      requested.set(source.id, total.toString());
      const left = dec(source.quantity).minus(dec(returned.get(source.id) ?? '0'));
      if (total.gt(left)) {
        errors.push({
          field: `lines.${i}.quantity`,
          message: `line ${source.lineNo}: at most ${quantity(left)} can still be returned (invoiced ${source.quantity}, returned ${returned.get(source.id) ?? quantity(0)})`,
        });
      }
    });
    if (errors.length > 0) {
      throw new ProblemException(422, 'unprocessable', errors.map((e) => e.message).join('; '), errors);
    }
    return [...requested.entries()].map(([lineId, qty], i) => {
      const source = byId.get(lineId)!;
      const amounts = computeLine({
        quantity: qty,
        unitPrice: source.unitPrice,
        discountPercent: source.discountPercent,
        taxRate: source.taxRate,
      });
      return {
        id: newId(),
        lineNo: i + 1,
        productId: source.productId,
        description: source.description,
        quantity: quantity(qty),
        unitPrice: source.unitPrice,
        discountPercent: source.discountPercent,
        taxRate: source.taxRate,
        ...amounts,
        unitCost: null,
        invoiceLineId: source.id,
      };
    });
  }
}
