import { Inject, Injectable } from '@nestjs/common';
import type { Product } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { AuditEntry, AuditService } from '../audit/audit.service';
import { addDays } from '../common/date.validator';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { CountersRepository } from '../database/counters.repository';
import { BulkColumn, DATABASE, Database, SqlParam } from '../database/database.port';
import { COST_SCALE } from '../inventory/moving-average';
import { ProductsRepository } from '../inventory/products.repository';
import { MovementRequest, STOCK_MOVEMENT_COUNTER, StockService } from '../inventory/stock.service';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { DOCUMENT_KIND_CONFIG, formatNumber } from './document-kinds';
import { DocumentHeaderRecord, DocumentsRepository, LINE_COLUMNS, LineRecord, PartyRef } from './documents.repository';
import { documentAuditView, draftHeader, priceLines } from './documents.service';
import type { DocumentLineDto } from './dto/document.dto';

/** A document to create and issue at once, as `POST …` then `POST …/issue` would receive it. */
export interface BatchDraft {
  /** The customer (invoices) or supplier (bills). */
  partyId: string;
  issueDate: string;
  dueDate?: string | null;
  notes?: string | null;
  supplierBillNumber?: string;
  lines: DocumentLineDto[];
}

/** What a caller needs of an issued document. */
export interface BatchIssued {
  id: string;
  number: string;
  partyId: string;
  issueDate: string;
  dueDate: string;
  total: string;
  lines: { id: string; productId: string; quantity: string }[];
}

export type BatchKind = 'sales_invoice' | 'purchase_invoice';

const HEADER_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'kind', type: 'VARCHAR' },
  { name: 'number', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'party_id', type: 'VARCHAR' },
  { name: 'supplier_bill_number', type: 'VARCHAR' },
  { name: 'related_id', type: 'VARCHAR' },
  { name: 'issue_date', type: 'DATE' },
  { name: 'due_date', type: 'DATE' },
  { name: 'notes', type: 'VARCHAR' },
  { name: 'reason', type: 'VARCHAR' },
  { name: 'subtotal', type: 'DECIMAL(18,2)' },
  { name: 'discount_total', type: 'DECIMAL(18,2)' },
  { name: 'tax_total', type: 'DECIMAL(18,2)' },
  { name: 'total', type: 'DECIMAL(18,2)' },
  { name: 'amount_paid', type: 'DECIMAL(18,2)' },
  { name: 'amount_credited', type: 'DECIMAL(18,2)' },
  { name: 'balance', type: 'DECIMAL(18,2)' },
  { name: 'issued_at', type: 'TIMESTAMPTZ' },
  { name: 'voided_at', type: 'TIMESTAMPTZ' },
  { name: 'void_reason', type: 'VARCHAR' },
  { name: 'created_at', type: 'TIMESTAMPTZ' },
  { name: 'updated_at', type: 'TIMESTAMPTZ' },
  { name: 'version', type: 'INTEGER' },
];

/**
 * Creates and issues many invoices (or posts many bills) in one tenant transaction: the same
 * checks, prices, totals, numbers, stock movements, line costs and audit records as
 * `DocumentsService.create` followed by `issue` for each document in order, but with one
 * counter statement, one stock booking, bulk inserts and one audit batch. All or nothing: any
 * refusal (unknown or inactive party or product, short stock, a due date before the issue date,
 * a duplicate supplier bill number) rolls the whole batch back. For imports and demo histories.
 */
@Injectable()
export class BatchIssueService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsRepository,
    private readonly products: ProductsRepository,
    private readonly stock: StockService,
    private readonly counters: CountersRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  async issueBatch(kind: BatchKind, drafts: readonly BatchDraft[]): Promise<BatchIssued[]> {
    if (drafts.length === 0) return [];
    const config = DOCUMENT_KIND_CONFIG[kind];
    const tenantId = this.context.tenantId;
    return this.db.transaction(tenantId, async () => {
      const parties = await this.parties(config.partyTable, drafts);
      const products = await this.checkedProducts(drafts);
      await this.checkBillNumbers(kind, drafts);
      const now = nowIso();
      const priced = drafts.map((draft, i) => {
        const party = parties.get(draft.partyId)!;
        const lines = priceLines(draft.lines);
        const dueDate = draft.dueDate ?? addDays(draft.issueDate, party.paymentTermsDays);
        if (dueDate < draft.issueDate) {
          throw new ProblemException(400, 'validation_failed', 'The due date cannot be before the issue date', [
            { field: `${i}.dueDate`, message: 'before the issue date' },
          ]);
        }
        const header = draftHeader({
          id: newId(),
          kind,
          partyId: party.id,
          supplierBillNumber: kind === 'purchase_invoice' ? draft.supplierBillNumber! : null,
          issueDate: draft.issueDate,
          dueDate,
          notes: draft.notes ?? null,
          lines,
          at: now,
        });
        const goods = lines.filter((l) => products.get(l.productId)!.kind === 'goods');
        return { header, lines, goods };
      });

      // Numbers per year in the order given, and the ledger's sequence numbers: one statement.
      const perYear = new Map<string, number>();
      for (const { header } of priced) {
        const year = header.issueDate.slice(0, 4);
        perYear.set(year, (perYear.get(year) ?? 0) + 1);
      }
      const goodsCount = priced.reduce((n, p) => n + p.goods.length, 0);
      const reserved = await this.counters.nextMany(tenantId, [
        ...[...perYear.entries()].map(([year, count]) => ({ name: `${kind}:${year}`, count })),
        ...(goodsCount > 0 ? [{ name: STOCK_MOVEMENT_COUNTER, count: goodsCount }] : []),
      ]);
      const movements = await this.stock.moveMany(
        priced.flatMap(({ header, goods }) =>
          goods.map((line): MovementRequest => ({
            product: products.get(line.productId)!,
            kind: config.stockKind!,
            quantity: config.stockSign < 0 ? `-${line.quantity}` : line.quantity,
            unitCost: config.stockSign > 0 ? dec(line.taxable).div(dec(line.quantity)).toFixed(COST_SCALE) : undefined,
            refType: kind,
            refId: header.id,
          })),
        ),
        { firstSeq: reserved.get(STOCK_MOVEMENT_COUNTER) },
      );
      const series =
        kind === 'sales_invoice' ? ((await this.tenants.invoicePrefix(tenantId)) ?? config.series) : config.series;
      const nextOfYear = new Map([...perYear.keys()].map((year) => [year, reserved.get(`${kind}:${year}`)!]));
      const at = nowIso();
      const audits: AuditEntry[] = [];
      let m = 0;
      for (const doc of priced) {
        for (const line of doc.goods) line.unitCost = movements[m++].unitCost;
        const year = doc.header.issueDate.slice(0, 4);
        const seq = nextOfYear.get(year)!;
        nextOfYear.set(year, seq + 1);
        const number = formatNumber(series, year, seq);
        audits.push({
          action: `${kind}.created`,
          entityType: kind,
          entityId: doc.header.id,
          after: documentAuditView(doc.header, doc.lines),
        });
        const cost = doc.goods.reduce((sum, l) => sum.plus(dec(l.quantity).times(dec(l.unitCost!))), dec(0));
        audits.push({
          action: `${kind}.${config.openStatus}`,
          entityType: kind,
          entityId: doc.header.id,
          before: { status: 'draft', number: null, version: 1 },
          after: { status: config.openStatus, number, total: doc.header.total, goodsCost: money(cost), version: 2 },
        });
        Object.assign(doc.header, { number, status: config.openStatus, issuedAt: at, updatedAt: at, version: 2 });
      }
      await this.insert(tenantId, priced);
      await this.audit.recordMany(audits);
      return priced.map(({ header, lines }) => ({
        id: header.id,
        number: header.number!,
        partyId: header.partyId,
        issueDate: header.issueDate,
        dueDate: header.dueDate,
        total: header.total,
        lines: lines.map((l) => ({ id: l.id, productId: l.productId, quantity: l.quantity })),
      }));
    });
  }

  private async parties(table: 'customers' | 'suppliers', drafts: readonly BatchDraft[]) {
    const parties = new Map<string, PartyRef>();
    for (const id of new Set(drafts.map((d) => d.partyId))) {
      const party = await this.documents.findParty(table, id);
      const noun = table.slice(0, -1);
      if (!party) throw new ProblemException(422, 'unprocessable', `No ${noun} with id ${id}`);
      if (!party.active) {
        throw new ProblemException(422, 'unprocessable', `${party.name} is inactive; reactivate it to use it`);
      }
      parties.set(id, party);
    }
    return parties;
  }

  private async checkedProducts(drafts: readonly BatchDraft[]): Promise<Map<string, Product>> {
    const ids = [...new Set(drafts.flatMap((d) => d.lines.map((l) => l.productId)))];
    const products = new Map<string, Product>();
    for (let start = 0; start < ids.length; start += 500) {
      for (const p of await this.products.findMany(ids.slice(start, start + 500))) products.set(p.id, p);
    }
    const errors = drafts.flatMap((draft, d) =>
      draft.lines.flatMap((line, i) => {
        const product = products.get(line.productId);
        if (!product) return [{ field: `${d}.lines.${i}.productId`, message: `No product with id ${line.productId}` }];
        if (!product.active) return [{ field: `${d}.lines.${i}.productId`, message: `${product.sku} is inactive` }];
        return [];
      }),
    );
    if (errors.length > 0) {
      throw new ProblemException(422, 'unprocessable', errors.map((e) => e.message).join('; '), errors);
    }
    return products;
  }

  private async checkBillNumbers(kind: BatchKind, drafts: readonly BatchDraft[]): Promise<void> {
    const seen = new Set<string>();
    for (const draft of drafts) {
      if (kind !== 'purchase_invoice') {
        if (draft.supplierBillNumber !== undefined) {
          throw new ProblemException(400, 'validation_failed', 'Only bills carry a supplier bill number');
        }
        continue;
      }
      if (!draft.supplierBillNumber) {
        throw new ProblemException(400, 'validation_failed', "Enter the supplier's bill number");
      }
      const key = `${draft.partyId}\u0000${draft.supplierBillNumber}`;
      if (
        seen.has(key) ||
        (await this.documents.supplierBillNumberTaken(draft.partyId, draft.supplierBillNumber, null))
      ) {
        throw new ProblemException(
          409,
          'conflict',
          `This supplier's bill ${draft.supplierBillNumber} is already entered; open it instead of entering it twice`,
        );
      }
      seen.add(key);
    }
  }

  private async insert(
    tenantId: string,
    docs: readonly { header: DocumentHeaderRecord; lines: readonly LineRecord[] }[],
  ): Promise<void> {
    await this.db.bulkInsert(
      'documents',
      HEADER_COLUMNS,
      docs.map(({ header: h }): Record<string, SqlParam> => ({
        id: h.id,
        tenant_id: tenantId,
        kind: h.kind,
        number: h.number,
        status: h.status,
        party_id: h.partyId,
        supplier_bill_number: h.supplierBillNumber,
        related_id: h.relatedId,
        issue_date: h.issueDate,
        due_date: h.dueDate,
        notes: h.notes,
        reason: h.reason,
        subtotal: h.subtotal,
        discount_total: h.discountTotal,
        tax_total: h.taxTotal,
        total: h.total,
        amount_paid: h.amountPaid,
        amount_credited: h.amountCredited,
        balance: h.balance,
        issued_at: h.issuedAt,
        voided_at: h.voidedAt,
        void_reason: h.voidReason,
        created_at: h.createdAt,
        updated_at: h.updatedAt,
        version: h.version,
      })),
    );
    await this.db.bulkInsert(
      'document_lines',
      LINE_COLUMNS,
      docs.flatMap(({ header, lines }) =>
        lines.map((l): Record<string, SqlParam> => ({
          id: l.id,
          tenant_id: tenantId,
          document_id: header.id,
          line_no: l.lineNo,
          product_id: l.productId,
          description: l.description,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount_percent: l.discountPercent,
          tax_rate: l.taxRate,
          gross: l.gross,
          discount: l.discount,
          taxable: l.taxable,
          tax: l.tax,
          total: l.total,
          unit_cost: l.unitCost,
          invoice_line_id: l.invoiceLineId,
        })),
      ),
    );
  }
}
