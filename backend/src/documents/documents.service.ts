import { Inject, Injectable } from '@nestjs/common';
import type { DocumentDetail, DocumentKind, DocumentSummary, ListResponse, Product } from '@billinator/contracts';
import { computeDocument, computeLine, dec, money } from '@billinator/money';
import { AuditService } from '../audit/audit.service';
import { toCsv } from '../common/csv';
import { addDays, today } from '../common/date.validator';
import { newId, nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { staleVersion } from '../common/versioning';
import { CountersRepository } from '../database/counters.repository';
import { DATABASE, Database } from '../database/database.port';
import { COST_SCALE } from '../inventory/moving-average';
import { ProductsRepository } from '../inventory/products.repository';
import { MovementRequest, STOCK_MOVEMENT_COUNTER, StockService } from '../inventory/stock.service';
import { RequestContext } from '../tenancy/request-context';
import { TENANT_SETTINGS_COUNTER, TenantsRepository } from '../tenancy/tenants.repository';
import { DocumentLinksRepository } from './document-links.repository';
import { DOCUMENT_KIND_CONFIG, DocumentKindConfig, formatNumber } from './document-kinds';
import { DocumentHeaderRecord, DocumentsRepository, detailOf, LineRecord, PartyRef } from './documents.repository';
import { CreateInvoiceDto, DocumentLineDto, ListDocumentsQueryDto, UpdateInvoiceDto } from './dto/document.dto';

const EXPORT_COLUMNS = [
  'number',
  'status',
  'overdue',
  'partyName',
  'supplierBillNumber',
  'issueDate',
  'dueDate',
  'subtotal',
  'discountTotal',
  'taxTotal',
  'total',
  'amountPaid',
  'amountCredited',
  'balance',
] as const;

/** Lines of a request priced with the shared arithmetic, in the stored form. */
export function priceLines(lines: readonly DocumentLineDto[]): LineRecord[] {
  return lines.map((line, i) => {
    const amounts = computeLine(line);
    return {
      id: newId(),
      lineNo: i + 1,
      productId: line.productId,
      description: line.description ?? null,
      quantity: dec(line.quantity).toFixed(3),
      unitPrice: dec(line.unitPrice).toFixed(4),
      discountPercent: dec(line.discountPercent ?? '0').toFixed(2),
      taxRate: dec(line.taxRate).toFixed(2),
      ...amounts,
      unitCost: null,
      invoiceLineId: null,
    };
  });
}

/** What the audit trail keeps of a document's content (created/updated/deleted records). */
export function documentAuditView(header: DocumentHeaderRecord, lines: readonly LineRecord[]) {
  return {
    status: header.status,
    number: header.number,
    partyId: header.partyId,
    supplierBillNumber: header.supplierBillNumber,
    issueDate: header.issueDate,
    dueDate: header.dueDate,
    notes: header.notes,
    total: header.total,
    taxTotal: header.taxTotal,
    lines: lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPercent: l.discountPercent,
      taxRate: l.taxRate,
      total: l.total,
    })),
  };
}

export function documentTotals(lines: readonly LineRecord[]) {
  const totals = computeDocument(lines);
  return {
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    taxTotal: totals.taxTotal,
    total: totals.total,
  };
}

/** What a new draft invoice or bill is made of; the rest of its header follows from being a draft. */
export interface NewDraft {
  id: string;
  kind: DocumentKind;
  partyId: string;
  supplierBillNumber: string | null;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  lines: readonly LineRecord[];
  at: string;
}

/** The header of a new draft: unnumbered, nothing paid or credited, its total due. */
export function draftHeader(draft: NewDraft): DocumentHeaderRecord {
  const totals = documentTotals(draft.lines);
  return {
    id: draft.id,
    kind: draft.kind,
    number: null,
    status: 'draft',
    partyId: draft.partyId,
    supplierBillNumber: draft.supplierBillNumber,
    relatedId: null,
    issueDate: draft.issueDate,
    dueDate: draft.dueDate,
    notes: draft.notes,
    reason: null,
    ...totals,
    amountPaid: '0.00',
    amountCredited: '0.00',
    balance: totals.total,
    issuedAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: draft.at,
    updatedAt: draft.at,
    version: 1,
  };
}

/**
 * Invoices and bills: drafts, issuing (posting), voiding. One transaction per command
 * under the tenant's write lock: numbering, stock, settlement and audit commit together.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly documents: DocumentsRepository,
    private readonly products: ProductsRepository,
    private readonly stock: StockService,
    private readonly counters: CountersRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    private readonly links: DocumentLinksRepository,
  ) {}

  async list(
    kind: DocumentKind,
    query: ListDocumentsQueryDto,
    linkedTo?: { kind: string; targetId: string },
  ): Promise<ListResponse<DocumentSummary>> {
    const filter = { ...this.filter(kind, query, query.limit, query.offset), linkedTo };
    const { items, total } = await this.documents.list(filter);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async exportCsv(kind: DocumentKind, query: ListDocumentsQueryDto): Promise<string> {
    const rows: DocumentSummary[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await this.documents.list(this.filter(kind, query, 5000, offset));
      rows.push(...page.items);
      if (page.items.length < 5000) break;
    }
    return toCsv(
      [...EXPORT_COLUMNS],
      rows.map((r) => EXPORT_COLUMNS.map((c) => r[c])),
    );
  }

  private filter(kind: DocumentKind, query: ListDocumentsQueryDto, limit: number, offset: number) {
    return {
      kind,
      status: query.status,
      partyId: DOCUMENT_KIND_CONFIG[kind].partyField === 'customerId' ? query.customerId : query.supplierId,
      from: query.from,
      to: query.to,
      q: query.q,
      sort: query.sortField,
      desc: query.sortDesc,
      limit,
      offset,
      today: today(),
    };
  }

  async get(kind: DocumentKind, id: string): Promise<DocumentDetail> {
    const header = await this.header(kind, id);
    const detail = await this.documents.detail(header, today());
    return { ...detail, ...(await this.links.linksOf(id, kind === 'quote' ? header.dueDate : null)) };
  }

  async create(kind: DocumentKind, dto: CreateInvoiceDto): Promise<DocumentDetail> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    const id = newId();
    await this.db.transaction(this.context.tenantId, async () => {
      const party = await this.party(config, dto);
      await this.checkProducts(dto.lines);
      const billNumber = await this.checkBillNumber(config, party.id, dto.supplierBillNumber, null);
      const lines = priceLines(dto.lines);
      const header = draftHeader({
        id,
        kind,
        partyId: party.id,
        supplierBillNumber: billNumber,
        issueDate: dto.issueDate,
        dueDate: this.dueDate(dto.issueDate, dto.dueDate, party),
        notes: dto.notes ?? null,
        lines,
        at: nowIso(),
      });
      await this.documents.insert(header, lines);
      await this.audit.record({
        action: `${kind}.created`,
        entityType: kind,
        entityId: id,
        after: documentAuditView(header, lines),
      });
    });
    return this.get(kind, id);
  }

  async update(kind: DocumentKind, id: string, version: number, dto: UpdateInvoiceDto): Promise<DocumentDetail> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.header(kind, id);
      this.assertDraft(config, current, 'edited');
      if (current.version !== version) throw staleVersion(config.label, current.version);
      const partyId = config.partyField === 'customerId' ? dto.customerId : dto.supplierId;
      const party = await this.party(config, { [config.partyField]: partyId ?? current.partyId });
      if (dto.lines) await this.checkProducts(dto.lines);
      const currentLines = await this.documents.lines(id);
      const lines = dto.lines ? priceLines(dto.lines) : null;
      const issueDate = dto.issueDate ?? current.issueDate;
      const dueDateGiven = dto.dueDate !== undefined || dto.issueDate !== undefined || partyId !== undefined;
      const totals = documentTotals(lines ?? currentLines);
      const next: DocumentHeaderRecord = {
        ...current,
        partyId: party.id,
        supplierBillNumber: await this.checkBillNumber(
          config,
          party.id,
          dto.supplierBillNumber ?? current.supplierBillNumber ?? undefined,
          id,
        ),
        issueDate,
        dueDate: dueDateGiven ? this.dueDate(issueDate, dto.dueDate ?? null, party) : current.dueDate,
        notes: dto.notes !== undefined ? dto.notes : current.notes,
        ...totals,
        balance: totals.total,
        updatedAt: nowIso(),
      };
      if (!(await this.documents.updateDraft(next, lines))) throw staleVersion(config.label, current.version + 1);
      await this.audit.record({
        action: `${kind}.updated`,
        entityType: kind,
        entityId: id,
        before: documentAuditView(current, currentLines),
        after: documentAuditView(next, lines ?? currentLines),
      });
    });
    return this.get(kind, id);
  }

  async delete(kind: DocumentKind, id: string): Promise<void> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.header(kind, id);
      this.assertDraft(config, current, 'deleted');
      const lines = await this.documents.lines(id);
      await this.documents.delete(id);
      await this.audit.record({
        action: `${kind}.deleted`,
        entityType: kind,
        entityId: id,
        before: documentAuditView(current, lines),
      });
    });
  }

  /**
   * Issues an invoice or posts a bill: next number of the year's series, goods out of
   * (or into) stock, cost per line kept. Any refusal rolls everything back, the
   * number included, so the series has no gaps.
   *
   * DuckDB plans a statement that reads a table again each time it runs it (≈ 0.3–1.5 ms each,
   * by its columns and expressions), so: narrow point reads by one key; one statement for both
   * counters, which also reads the tenant's settings counter that the invoice prefix is cached
   * under; stock positions from this process's own last movements while the ledger's counter
   * says nothing else moved (StockPositionsCache); and the answer built from what the transaction
   * read and wrote instead of reading the document again.
   */
  async issue(kind: DocumentKind, id: string, version: number | undefined): Promise<DocumentDetail> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    const tenantId = this.context.tenantId;
    return this.db.transaction(tenantId, async () => {
      const current = await this.header(kind, id);
      if (current.status !== 'draft') {
        throw new ProblemException(409, 'conflict', `${current.number} is already ${current.status.replace('_', ' ')}`);
      }
      if (version !== undefined && current.version !== version) throw staleVersion(config.label, current.version);
      const party = await this.documents.findParty(config.partyTable, current.partyId);
      if (!party?.active) {
        throw new ProblemException(
          422,
          'unprocessable',
          `${party?.name ?? 'The party'} is inactive; reactivate it first`,
        );
      }
      const lines = await this.documents.lines(id);
      const products = await this.documents.lineProducts(lines.map((l) => l.productId));
      const inactive = [...new Set(lines.map((l) => products.get(l.productId)))].filter((p) => p && !p.active);
      if (inactive.length > 0) {
        throw new ProblemException(
          422,
          'unprocessable',
          `Inactive products cannot be sold or bought: ${inactive.map((p) => p!.sku).join(', ')}`,
        );
      }
      const goods = lines.filter((l) => products.get(l.productId)!.kind === 'goods');
      // One statement: the document's number, the ledger's sequence numbers and, for the
      // invoice prefix cached under it, the tenant's settings counter (read, not moved).
      const year = current.issueDate.slice(0, 4);
      const counter = `${config.kind}:${year}`;
      const prefixed = config.kind === 'sales_invoice';
      const reserved = await this.counters.nextMany(tenantId, [
        { name: counter, count: 1 },
        ...(goods.length > 0 ? [{ name: STOCK_MOVEMENT_COUNTER, count: goods.length }] : []),
        ...(prefixed ? [{ name: TENANT_SETTINGS_COUNTER, count: 0 }] : []),
      ]);
      const movements = await this.stock.moveMany(
        goods.map((line): MovementRequest => ({
          product: products.get(line.productId)!,
          kind: config.stockKind!,
          quantity: config.stockSign < 0 ? `-${line.quantity}` : line.quantity,
          unitCost: config.stockSign > 0 ? dec(line.taxable).div(dec(line.quantity)).toFixed(COST_SCALE) : undefined,
          refType: kind,
          refId: id,
        })),
        { firstSeq: reserved.get(STOCK_MOVEMENT_COUNTER) },
      );
      const costs = new Map(goods.map((line, i) => [line.id, movements[i].unitCost]));
      await this.documents.setLineCosts(id, costs);
      const series = prefixed
        ? ((await this.tenants.invoicePrefix(tenantId, reserved.get(TENANT_SETTINGS_COUNTER)!)) ?? config.series)
        : config.series;
      const number = formatNumber(series, year, reserved.get(counter)!);
      const at = nowIso();
      if (!(await this.documents.markIssued(id, current.version, number, config.openStatus, at))) {
        throw staleVersion(config.label, current.version + 1);
      }
      const cost = goods.reduce((sum, line) => sum.plus(dec(line.quantity).times(dec(costs.get(line.id)!))), dec(0));
      await this.audit.record({
        action: `${kind}.${config.openStatus}`,
        entityType: kind,
        entityId: id,
        before: { status: current.status, number: null, version: current.version },
        after: {
          status: config.openStatus,
          number,
          total: current.total,
          goodsCost: money(cost),
          version: current.version + 1,
        },
      });
      // The answer is the detail view of what this transaction wrote, as GET shows it right after:
      // a draft has no corrections, payments or returns (they need an issued document), and issuing
      // changes only number, status, timestamps, version and the line costs (which the view omits).
      const issued: DocumentHeaderRecord = {
        ...current,
        number,
        status: config.openStatus,
        issuedAt: at,
        updatedAt: at,
        version: current.version + 1,
      };
      const related = current.relatedId ? await this.documents.findHeaders([current.relatedId]) : [];
      const detail = detailOf(
        {
          header: issued,
          partyName: party.name,
          relatedNumber: related[0]?.number ?? null,
          lines: lines.map((line) => ({ line, product: products.get(line.productId) ?? null })),
          corrections: [],
          returned: new Map<string, string>(),
          payments: [],
        },
        today(),
      );
      return { ...detail, ...(await this.links.linksOf(id, kind === 'quote' ? issued.dueDate : null)) };
    });
  }

  /** Voids an open invoice or bill that nothing has paid or credited; stock moves back, the number stays. */
  async void(kind: DocumentKind, id: string, reason: string): Promise<DocumentDetail> {
    const config = DOCUMENT_KIND_CONFIG[kind];
    await this.db.transaction(this.context.tenantId, async () => {
      const current = await this.header(kind, id);
      if (current.status === 'draft') {
        throw new ProblemException(409, 'conflict', `A draft ${config.label} has nothing to void; delete it instead`);
      }
      if (current.status === 'void') throw new ProblemException(409, 'conflict', `${current.number} is already void`);
      if (dec(current.amountPaid).gt(0)) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.number} has ${current.amountPaid} paid on it; reverse the payments before voiding it, or issue a credit note`,
        );
      }
      if (dec(current.amountCredited).gt(0) || (await this.documents.returnedQuantities(id)).size > 0) {
        throw new ProblemException(
          409,
          'conflict',
          `${current.number} has credit notes or returns against it; correct it with another one instead of voiding it`,
        );
      }
      const lines = await this.documents.lines(id);
      const products = await this.productsOf(lines.map((l) => l.productId));
      const goods = lines.filter((l) => products.get(l.productId)!.kind === 'goods');
      await this.stock.moveMany(
        goods.map((line): MovementRequest => ({
          product: products.get(line.productId)!,
          kind: 'void',
          quantity: config.stockSign < 0 ? line.quantity : `-${line.quantity}`,
          unitCost: line.unitCost ?? undefined,
          reason: `Void of ${current.number}: ${reason}`,
          refType: kind,
          refId: id,
        })),
      );
      await this.documents.markVoid(id, reason, nowIso());
      await this.audit.record({
        action: `${kind}.voided`,
        entityType: kind,
        entityId: id,
        before: { status: current.status, balance: current.balance, version: current.version },
        after: { status: 'void', reason },
      });
    });
    return this.get(kind, id);
  }

  /** The next number of the document's series for its year. Callers hold the tenant's lock. */
  async nextNumber(config: DocumentKindConfig, date: string): Promise<string> {
    const year = date.slice(0, 4);
    const series =
      config.kind === 'sales_invoice'
        ? ((await this.tenants.invoicePrefix(this.context.tenantId)) ?? config.series)
        : config.series;
    return formatNumber(series, year, await this.counters.next(this.context.tenantId, `${config.kind}:${year}`));
  }

  async header(kind: DocumentKind, id: string): Promise<DocumentHeaderRecord> {
    const header = await this.documents.findHeader(id, [kind]);
    if (!header) throw new ProblemException(404, 'not_found', `No ${DOCUMENT_KIND_CONFIG[kind].label} with id ${id}`);
    return header;
  }

  async productsOf(ids: readonly string[]): Promise<Map<string, Product>> {
    return new Map((await this.products.findMany([...new Set(ids)])).map((p) => [p.id, p]));
  }

  private assertDraft(config: DocumentKindConfig, current: DocumentHeaderRecord, verb: string): void {
    if (current.status === 'draft') return;
    const fix =
      config.kind === 'sales_invoice'
        ? 'issue a credit note to correct it'
        : config.kind === 'purchase_invoice'
          ? 'record a purchase return to correct it'
          : 'it is final';
    throw new ProblemException(
      409,
      'conflict',
      `${current.number} is ${current.status.replace('_', ' ')} and can no longer be ${verb}; ${fix}`,
    );
  }

  private async party(
    config: DocumentKindConfig,
    dto: { customerId?: string; supplierId?: string },
  ): Promise<PartyRef> {
    const other = config.partyField === 'customerId' ? 'supplierId' : 'customerId';
    if (dto[other] !== undefined) {
      throw new ProblemException(
        400,
        'validation_failed',
        `A ${config.label} names a ${config.partyField}, not a ${other}`,
        [{ field: other, message: `use ${config.partyField}` }],
      );
    }
    const id = dto[config.partyField];
    if (!id) {
      throw new ProblemException(400, 'validation_failed', `Choose the ${config.partyTable.slice(0, -1)}`, [
        { field: config.partyField, message: `${config.partyField} is required` },
      ]);
    }
    const party = await this.documents.findParty(config.partyTable, id);
    if (!party) {
      throw new ProblemException(422, 'unprocessable', `No ${config.partyTable.slice(0, -1)} with id ${id}`, [
        { field: config.partyField, message: 'unknown' },
      ]);
    }
    if (!party.active) {
      throw new ProblemException(422, 'unprocessable', `${party.name} is inactive; reactivate it to use it`, [
        { field: config.partyField, message: 'inactive' },
      ]);
    }
    return party;
  }

  private async checkProducts(lines: readonly DocumentLineDto[]): Promise<void> {
    const products = await this.productsOf(lines.map((l) => l.productId));
    const errors = lines.flatMap((line, i) => {
      const product = products.get(line.productId);
      if (!product) return [{ field: `lines.${i}.productId`, message: `No product with id ${line.productId}` }];
      if (!product.active) return [{ field: `lines.${i}.productId`, message: `${product.sku} is inactive` }];
      return [];
    });
    if (errors.length > 0) {
      throw new ProblemException(422, 'unprocessable', errors.map((e) => e.message).join('; '), errors);
    }
  }

  private async checkBillNumber(
    config: DocumentKindConfig,
    supplierId: string,
    billNumber: string | undefined,
    exceptId: string | null,
  ): Promise<string | null> {
    if (config.kind !== 'purchase_invoice') {
      if (billNumber !== undefined) {
        throw new ProblemException(400, 'validation_failed', 'Only bills carry a supplier bill number', [
          { field: 'supplierBillNumber', message: 'not allowed here' },
        ]);
      }
      return null;
    }
    if (!billNumber) {
      throw new ProblemException(400, 'validation_failed', "Enter the supplier's bill number", [
        { field: 'supplierBillNumber', message: 'supplierBillNumber is required' },
      ]);
    }
    if (await this.documents.supplierBillNumberTaken(supplierId, billNumber, exceptId)) {
      throw new ProblemException(
        409,
        'conflict',
        `This supplier's bill ${billNumber} is already entered; open it instead of entering it twice`,
        [{ field: 'supplierBillNumber', message: 'already entered for this supplier' }],
      );
    }
    return billNumber;
  }

  private dueDate(issueDate: string, dueDate: string | null | undefined, party: PartyRef): string {
    const due = dueDate ?? addDays(issueDate, party.paymentTermsDays);
    if (due < issueDate) {
      throw new ProblemException(400, 'validation_failed', 'The due date cannot be before the issue date', [
        { field: 'dueDate', message: 'before the issue date' },
      ]);
    }
    return due;
  }
}
