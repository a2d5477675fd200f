import { Inject, Injectable } from '@nestjs/common';
import type {
  DocumentDetail,
  DocumentLinks,
  DocumentKind,
  DocumentLine,
  DocumentSortField,
  DocumentStatus,
  DocumentStatusFilter,
  DocumentSummary,
  ProductKind,
} from '@billinator/contracts';
import { computeDocument, money, quantity } from '@billinator/money';
import { placeholders } from '../common/placeholders';
import { likePattern, SqlWhere } from '../common/sql-where';
import { BulkColumn, DATABASE, Database, SqlParam } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { isPurchaseKind, partyTableOf } from './document-kinds';

export interface DocumentHeaderRecord {
  id: string;
  kind: DocumentKind;
  number: string | null;
  status: DocumentStatus;
  partyId: string;
  supplierBillNumber: string | null;
  relatedId: string | null;
  issueDate: string;
  dueDate: string;
  notes: string | null;
  reason: string | null;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  amountPaid: string;
  amountCredited: string;
  balance: string;
  issuedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PartyRef {
  id: string;
  name: string;
  paymentTermsDays: number;
  active: boolean;
  openingBalance: string;
}

export interface LineRecord {
  id: string;
  lineNo: number;
  productId: string;
  description: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  gross: string;
  discount: string;
  taxable: string;
  tax: string;
  total: string;
  unitCost: string | null;
  invoiceLineId: string | null;
}

/** A line's product as issuing and the detail view need it, read with the lines. */
export interface LineProduct {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  purchasePrice: string;
  active: boolean;
}

export interface DocumentListFilter {
  kind: DocumentKind;
  /** Only documents with this link, e.g. the quotes of an opportunity. */
  linkedTo?: { kind: string; targetId: string };
  status?: DocumentStatusFilter;
  partyId?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: DocumentSortField;
  desc: boolean;
  limit: number;
  offset: number;
  today: string;
}

const SORT_COLUMNS: Record<DocumentSortField, string> = {
  number: 'd.number',
  issueDate: 'd.issue_date',
  dueDate: 'd.due_date',
  total: 'd.total',
  balance: 'd.balance',
  partyName: 'party_name',
};

const OPEN_STATUSES = ['issued', 'posted', 'partially_paid'];

/** The error a guarded update raises when the draft changed under it (see markIssued). */
const DRAFT_CHANGED = 'the draft changed since it was read';

const HEADER_COLUMNS = `d.id, d.kind, d.number, d.status, d.party_id, d.supplier_bill_number, d.related_id, d.issue_date,
  d.due_date, d.notes, d.reason, d.subtotal, d.discount_total, d.tax_total, d.total, d.amount_paid, d.amount_credited,
  d.balance, d.issued_at, d.voided_at, d.void_reason, d.created_at, d.updated_at, d.version`;

interface HeaderRow {
  id: string;
  kind: DocumentKind;
  number: string | null;
  status: DocumentStatus;
  party_id: string;
  supplier_bill_number: string | null;
  related_id: string | null;
  issue_date: string;
  due_date: string;
  notes: string | null;
  reason: string | null;
  subtotal: string;
  discount_total: string;
  tax_total: string;
  total: string;
  amount_paid: string;
  amount_credited: string;
  balance: string;
  issued_at: string | null;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface SummaryRow extends HeaderRow {
  party_name: string;
  related_number: string | null;
}

interface PartyRow {
  id: string;
  name: string;
  payment_terms_days: number;
  active: boolean;
  opening_balance: string;
}

interface LineRow {
  id: string;
  line_no: number;
  product_id: string;
  description: string | null;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_rate: string;
  gross: string;
  discount: string;
  taxable: string;
  tax: string;
  total: string;
  unit_cost: string | null;
  invoice_line_id: string | null;
}

interface LineProductRow extends TenantRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: ProductKind;
  purchase_price: string;
  active: boolean;
}

interface TenantRow {
  tenant_id: string;
}

/** Columns of `document_lines` for bulk inserts. */
export const LINE_COLUMNS: BulkColumn[] = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'tenant_id', type: 'VARCHAR' },
  { name: 'document_id', type: 'VARCHAR' },
  { name: 'line_no', type: 'INTEGER' },
  { name: 'product_id', type: 'VARCHAR' },
  { name: 'description', type: 'VARCHAR' },
  { name: 'quantity', type: 'DECIMAL(18,3)' },
  { name: 'unit_price', type: 'DECIMAL(18,4)' },
  { name: 'discount_percent', type: 'DECIMAL(5,2)' },
  { name: 'tax_rate', type: 'DECIMAL(5,2)' },
  { name: 'gross', type: 'DECIMAL(18,2)' },
  { name: 'discount', type: 'DECIMAL(18,2)' },
  { name: 'taxable', type: 'DECIMAL(18,2)' },
  { name: 'tax', type: 'DECIMAL(18,2)' },
  { name: 'total', type: 'DECIMAL(18,2)' },
  { name: 'unit_cost', type: 'DECIMAL(18,4)' },
  { name: 'invoice_line_id', type: 'VARCHAR' },
];

function toHeader(row: HeaderRow): DocumentHeaderRecord {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    status: row.status,
    partyId: row.party_id,
    supplierBillNumber: row.supplier_bill_number,
    relatedId: row.related_id,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    notes: row.notes,
    reason: row.reason,
    subtotal: money(row.subtotal),
    discountTotal: money(row.discount_total),
    taxTotal: money(row.tax_total),
    total: money(row.total),
    amountPaid: money(row.amount_paid),
    amountCredited: money(row.amount_credited),
    balance: money(row.balance),
    issuedAt: row.issued_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

function toParty(row: PartyRow): PartyRef {
  return {
    id: row.id,
    name: row.name,
    paymentTermsDays: Number(row.payment_terms_days),
    active: row.active === true,
    openingBalance: money(row.opening_balance),
  };
}

function toLine(r: LineRow): LineRecord {
  return {
    id: r.id,
    lineNo: Number(r.line_no),
    productId: r.product_id,
    description: r.description,
    quantity: quantity(r.quantity),
    unitPrice: r.unit_price,
    discountPercent: r.discount_percent,
    taxRate: r.tax_rate,
    gross: money(r.gross),
    discount: money(r.discount),
    taxable: money(r.taxable),
    tax: money(r.tax),
    total: money(r.total),
    unitCost: r.unit_cost,
    invoiceLineId: r.invoice_line_id,
  };
}

export function isOverdue(header: Pick<DocumentHeaderRecord, 'status' | 'dueDate' | 'kind'>, today: string): boolean {
  return (
    (header.kind === 'sales_invoice' || header.kind === 'purchase_invoice') &&
    OPEN_STATUSES.includes(header.status) &&
    header.dueDate < today
  );
}

function toSummary(row: SummaryRow, today: string): DocumentSummary {
  return summaryOf(toHeader(row), row.party_name, row.related_number, today);
}

function summaryOf(
  header: DocumentHeaderRecord,
  partyName: string,
  relatedNumber: string | null,
  today: string,
): DocumentSummary {
  const purchase = isPurchaseKind(header.kind);
  return {
    id: header.id,
    kind: header.kind,
    number: header.number,
    // A sent quote past its valid-until date shows as expired; nothing stores that.
    status: header.kind === 'quote' && header.status === 'sent' && header.dueDate < today ? 'expired' : header.status,
    overdue: isOverdue(header, today),
    partyId: header.partyId,
    partyName,
    ...(purchase ? { supplierId: header.partyId } : { customerId: header.partyId }),
    supplierBillNumber: header.supplierBillNumber,
    issueDate: header.issueDate,
    dueDate: header.dueDate,
    subtotal: header.subtotal,
    discountTotal: header.discountTotal,
    taxTotal: header.taxTotal,
    total: header.total,
    amountPaid: header.amountPaid,
    amountCredited: header.amountCredited,
    balance: header.balance,
    invoiceId: header.relatedId,
    invoiceNumber: relatedNumber,
    reason: header.reason,
    createdAt: header.createdAt,
    updatedAt: header.updatedAt,
    version: header.version,
  };
}

export interface CorrectionRow {
  id: string;
  number: string;
  total: string;
  issue_date: string;
}

export interface PaymentRow {
  payment_id: string;
  number: string;
  payment_date: string;
  amount: string;
  reversed: boolean;
}

/** Everything a detail view shows, as read (or, when issuing, as just written). */
export interface DetailParts {
  header: DocumentHeaderRecord;
  partyName: string;
  relatedNumber: string | null;
  lines: readonly { line: LineRecord; product: LineProduct | null }[];
  corrections: readonly CorrectionRow[];
  /** Quantity returned per line by the corrections. */
  returned: ReadonlyMap<string, string>;
  payments: readonly PaymentRow[];
}

/** The detail view of a document (without its links), from its parts. */
export function detailOf(parts: DetailParts, today: string): Omit<DocumentDetail, keyof DocumentLinks> {
  const { header, returned } = parts;
  const detailLines: DocumentLine[] = parts.lines.map(({ line: l, product }) => ({
    id: l.id,
    lineNo: l.lineNo,
    productId: l.productId,
    sku: product?.sku ?? '',
    productName: product?.name ?? '',
    unit: product?.unit ?? '',
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPercent: l.discountPercent,
    taxRate: l.taxRate,
    gross: l.gross,
    discount: l.discount,
    taxable: l.taxable,
    tax: l.tax,
    total: l.total,
    returnedQuantity: returned.get(l.id) ?? quantity(0),
    invoiceLineId: l.invoiceLineId,
  }));
  return {
    ...summaryOf(header, parts.partyName, parts.relatedNumber, today),
    notes: header.notes,
    lines: detailLines,
    taxBreakdown: computeDocument(parts.lines.map((l) => l.line)).taxBreakdown,
    issuedAt: header.issuedAt,
    voidedAt: header.voidedAt,
    voidReason: header.voidReason,
    corrections: parts.corrections.map((c) => ({
      id: c.id,
      number: c.number,
      total: money(c.total),
      issueDate: c.issue_date,
    })),
    payments: parts.payments.map((p) => ({
      paymentId: p.payment_id,
      number: p.number,
      date: p.payment_date,
      amount: money(p.amount),
      reversed: p.reversed === true,
    })),
  };
}

/** Documents and their lines, always within the request's tenant. */
@Injectable()
export class DocumentsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  private get tenantId(): string {
    return this.context.tenantId;
  }

  async insert(header: DocumentHeaderRecord, lines: readonly LineRecord[]): Promise<void> {
    await this.db.execute(
      `INSERT INTO documents (id, tenant_id, kind, number, status, party_id, supplier_bill_number, related_id,
         issue_date, due_date, notes, reason, subtotal, discount_total, tax_total, total, amount_paid, amount_credited,
         balance, issued_at, voided_at, void_reason, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS DATE), CAST($10 AS DATE), $11, $12, $13, $14, $15, $16, $17,
         $18, $19, CAST($20 AS TIMESTAMPTZ), CAST($21 AS TIMESTAMPTZ), $22, CAST($23 AS TIMESTAMPTZ),
         CAST($24 AS TIMESTAMPTZ), $25)`,
      [
        header.id,
        this.tenantId,
        header.kind,
        header.number,
        header.status,
        header.partyId,
        header.supplierBillNumber,
        header.relatedId,
        header.issueDate,
        header.dueDate,
        header.notes,
        header.reason,
        header.subtotal,
        header.discountTotal,
        header.taxTotal,
        header.total,
        header.amountPaid,
        header.amountCredited,
        header.balance,
        header.issuedAt,
        header.voidedAt,
        header.voidReason,
        header.createdAt,
        header.updatedAt,
        header.version,
      ],
    );
    await this.insertLines(header.id, lines);
  }

  private async insertLines(documentId: string, lines: readonly LineRecord[]): Promise<void> {
    await this.db.bulkInsert(
      'document_lines',
      LINE_COLUMNS,
      lines.map((l) => ({
        id: l.id,
        tenant_id: this.tenantId,
        document_id: documentId,
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
    );
  }

  /** Rewrites a draft: header fields and all its lines. Answers false when the version moved on. */
  async updateDraft(header: DocumentHeaderRecord, lines: readonly LineRecord[] | null): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE documents SET party_id = $3, supplier_bill_number = $4, issue_date = CAST($5 AS DATE),
         due_date = CAST($6 AS DATE), notes = $7, subtotal = $8, discount_total = $9, tax_total = $10, total = $11,
         balance = $12, updated_at = CAST($13 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2 AND version = $14 AND status = 'draft'`,
      [
        this.tenantId,
        header.id,
        header.partyId,
        header.supplierBillNumber,
        header.issueDate,
        header.dueDate,
        header.notes,
        header.subtotal,
        header.discountTotal,
        header.taxTotal,
        header.total,
        header.balance,
        header.updatedAt,
        header.version,
      ],
    );
    if (changed === 0) return false;
    if (lines) {
      await this.db.execute('DELETE FROM document_lines WHERE tenant_id = $1 AND document_id = $2', [
        this.tenantId,
        header.id,
      ]);
      await this.insertLines(header.id, lines);
    }
    return true;
  }

  async delete(id: string): Promise<void> {
    await this.db.execute('DELETE FROM document_lines WHERE tenant_id = $1 AND document_id = $2', [this.tenantId, id]);
    await this.db.execute('DELETE FROM documents WHERE tenant_id = $1 AND id = $2', [this.tenantId, id]);
  }

  /**
   * Numbers a draft and opens it; answers false when the version moved on or it is no longer a
   * draft (of this tenant). DuckDB finds the row by its id alone (an index lookup; it would scan
   * the table for `tenant_id = … AND id = …`) and checks tenant, version and status on the row,
   * failing the statement (and so the caller's transaction) when they do not hold; a RETURNING
   * clause to check them afterwards would double the statement's cost.
   */
  async markIssued(id: string, version: number, number: string, status: DocumentStatus, at: string): Promise<boolean> {
    if (this.db.engine !== 'duckdb') {
      const changed = await this.db.execute(
        `UPDATE documents SET number = $3, status = $4, issued_at = CAST($5 AS TIMESTAMPTZ),
           updated_at = CAST($5 AS TIMESTAMPTZ), version = version + 1
         WHERE tenant_id = $1 AND id = $2 AND version = $6 AND status = 'draft'`,
        [this.tenantId, id, number, status, at, version],
      );
      return changed > 0;
    }
    try {
      const changed = await this.db.execute(
        `UPDATE documents SET number = $3, status = $4, issued_at = CAST($5 AS TIMESTAMPTZ),
           updated_at = CAST($5 AS TIMESTAMPTZ),
           version = CASE WHEN tenant_id = $1 AND version = $6 AND status = 'draft' THEN version + 1
                     ELSE error('${DRAFT_CHANGED}') END
         WHERE id = $2`,
        [this.tenantId, id, number, status, at, version],
      );
      return changed > 0;
    } catch (error) {
      if (error instanceof Error && error.message.includes(DRAFT_CHANGED)) return false;
      throw error;
    }
  }

  async markVoid(id: string, reason: string, at: string): Promise<void> {
    await this.db.execute(
      `UPDATE documents SET status = 'void', voided_at = CAST($3 AS TIMESTAMPTZ), void_reason = $4, balance = 0,
         updated_at = CAST($3 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, at, reason],
    );
  }

  /** Payments and credits changed: store the new figures and status. */
  async setSettlement(
    id: string,
    figures: { amountPaid: string; amountCredited: string; balance: string; status: DocumentStatus },
    at: string,
  ): Promise<void> {
    await this.db.execute(
      `UPDATE documents SET amount_paid = $3, amount_credited = $4, balance = $5, status = $6,
         updated_at = CAST($7 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND id = $2`,
      [this.tenantId, id, figures.amountPaid, figures.amountCredited, figures.balance, figures.status, at],
    );
  }

  /**
   * Records the cost each line went out (or in) at, in one statement. DuckDB finds the lines by
   * `document_id` alone (an index lookup) and fails the statement on a line of another tenant.
   */
  async setLineCosts(documentId: string, costs: ReadonlyMap<string, string>): Promise<void> {
    if (costs.size === 0) return;
    const params: SqlParam[] = [this.tenantId, documentId];
    const cases = [...costs.entries()]
      .map(([lineId, cost]) => {
        params.push(lineId, cost);
        return `WHEN $${params.length - 1} THEN CAST($${params.length} AS DECIMAL(18,4))`;
      })
      .join(' ');
    await this.db.execute(
      this.db.engine === 'duckdb'
        ? `UPDATE document_lines SET unit_cost = CASE WHEN tenant_id = $1 THEN CASE id ${cases} END
             ELSE error('another tenant''s line') END
           WHERE document_id = $2`
        : `UPDATE document_lines SET unit_cost = CASE id ${cases} END WHERE tenant_id = $1 AND document_id = $2`,
      params,
    );
  }

  /*
   * Reads by key look the key up alone and drop other tenants' rows here: DuckDB answers an
   * equality (or IN list) on one indexed column from its index and scans the table for
   * `tenant_id = … AND id = …`. Ids are UUIDs, unique across tenants.
   */

  async findHeader(id: string, kinds: readonly DocumentKind[]): Promise<DocumentHeaderRecord | null> {
    const rows = await this.db.query<HeaderRow & TenantRow>(
      `SELECT d.tenant_id, ${HEADER_COLUMNS} FROM documents d WHERE d.id = $1`,
      [id],
    );
    const row = this.own(rows).find((r) => kinds.includes(r.kind));
    return row ? toHeader(row) : null;
  }

  async findHeaders(ids: readonly string[]): Promise<DocumentHeaderRecord[]> {
    if (ids.length === 0) return [];
    const params: SqlParam[] = [];
    const rows = await this.db.query<HeaderRow & TenantRow>(
      `SELECT d.tenant_id, ${HEADER_COLUMNS} FROM documents d WHERE d.id IN (${placeholders(params, ids)})`,
      params,
    );
    return this.own(rows).map(toHeader);
  }

  /** The lines of a document in order (sorted here: an ORDER BY costs DuckDB a pipeline). */
  async lines(documentId: string): Promise<LineRecord[]> {
    const rows = await this.db.query<LineRow & TenantRow>(
      `SELECT tenant_id, id, line_no, product_id, description, quantity, unit_price, discount_percent, tax_rate, gross,
              discount, taxable, tax, total, unit_cost, invoice_line_id
       FROM document_lines WHERE document_id = $1`,
      [documentId],
    );
    return this.own(rows)
      .map(toLine)
      .sort((a, b) => a.lineNo - b.lineNo);
  }

  /** Products of lines by id (absent when gone or another tenant's). */
  async lineProducts(productIds: readonly string[]): Promise<Map<string, LineProduct>> {
    if (productIds.length === 0) return new Map();
    const params: SqlParam[] = [];
    const rows = await this.db.query<LineProductRow>(
      `SELECT tenant_id, id, sku, name, unit, kind, purchase_price, active
       FROM products WHERE id IN (${placeholders(params, [...new Set(productIds)])})`,
      params,
    );
    return new Map(
      this.own(rows).map((r) => [
        r.id,
        {
          id: r.id,
          sku: r.sku,
          name: r.name,
          unit: r.unit,
          kind: r.kind,
          purchasePrice: r.purchase_price,
          active: r.active,
        },
      ]),
    );
  }

  /**
   * The lines in order, each with its product (null if it is gone): the lines, then their
   * products by key (two point reads cost DuckDB less than a join of lines and products).
   */
  async linesWithProducts(documentId: string): Promise<{ line: LineRecord; product: LineProduct | null }[]> {
    const lines = await this.lines(documentId);
    const products = await this.lineProducts(lines.map((l) => l.productId));
    return lines.map((line) => ({ line, product: products.get(line.productId) ?? null }));
  }

  /** Quantity already returned per invoice line, by the invoice's (non-void) corrections. */
  async returnedQuantities(invoiceId: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ invoice_line_id: string; returned: string }>(
      `SELECT l.invoice_line_id, SUM(l.quantity) AS returned
       FROM document_lines l JOIN documents d ON d.tenant_id = l.tenant_id AND d.id = l.document_id
       WHERE l.tenant_id = $1 AND d.related_id = $2 AND d.status <> 'void' AND l.invoice_line_id IS NOT NULL
       GROUP BY l.invoice_line_id`,
      [this.tenantId, invoiceId],
    );
    return new Map(rows.map((r) => [r.invoice_line_id, quantity(r.returned)]));
  }

  /**
   * Detail view: lines with product names, corrections and payments. Point reads by key
   * (party name, corrected document's number) cost DuckDB less than joining them in.
   */
  async detail(header: DocumentHeaderRecord, today: string): Promise<Omit<DocumentDetail, keyof DocumentLinks>> {
    const [party] = this.own(
      await this.db.query<{ name: string } & TenantRow>(
        `SELECT tenant_id, name FROM ${partyTableOf(header.kind)} WHERE id = $1`,
        [header.partyId],
      ),
    );
    if (!party) throw new Error(`${header.kind} ${header.id} names a party that does not exist`);
    const related = header.relatedId
      ? this.own(
          await this.db.query<{ number: string | null } & TenantRow>(
            'SELECT tenant_id, number FROM documents WHERE id = $1',
            [header.relatedId],
          ),
        )
      : [];
    const lines = await this.linesWithProducts(header.id);
    const corrections = await this.db.query<CorrectionRow>(
      `SELECT id, number, total, issue_date FROM documents
       WHERE tenant_id = $1 AND related_id = $2 AND status <> 'void' ORDER BY number`,
      [this.tenantId, header.id],
    );
    // Only those corrections return anything: without them there is nothing to sum.
    const returned = corrections.length > 0 ? await this.returnedQuantities(header.id) : new Map<string, string>();
    const payments = await this.db.query<PaymentRow>(
      `SELECT a.payment_id, p.number, p.payment_date, a.amount, a.reversed
       FROM payment_allocations a JOIN payments p ON p.tenant_id = a.tenant_id AND p.id = a.payment_id
       WHERE a.tenant_id = $1 AND a.document_id = $2 ORDER BY a.allocated_at, p.number`,
      [this.tenantId, header.id],
    );
    return detailOf(
      {
        header,
        partyName: party.name,
        relatedNumber: related[0]?.number ?? null,
        lines,
        corrections,
        returned,
        payments,
      },
      today,
    );
  }

  async list(filter: DocumentListFilter): Promise<{ items: DocumentSummary[]; total: number }> {
    const where = new SqlWhere('d.tenant_id', this.tenantId).add('d.kind = ?', filter.kind);
    if (filter.status === 'open') where.add(`d.status IN ('issued', 'posted', 'partially_paid')`);
    else if (filter.status === 'overdue')
      where.add(`d.status IN ('issued', 'posted', 'partially_paid') AND d.due_date < CAST(? AS DATE)`, filter.today);
    else if (filter.status === 'expired') where.add(`d.status = 'sent' AND d.due_date < CAST(? AS DATE)`, filter.today);
    else if (filter.status === 'sent' && filter.kind === 'quote')
      where.add(`d.status = 'sent' AND d.due_date >= CAST(? AS DATE)`, filter.today);
    else if (filter.status) where.add('d.status = ?', filter.status);
    if (filter.linkedTo) {
      where.add(
        `d.id IN (SELECT document_id FROM document_links WHERE tenant_id = d.tenant_id AND link_kind = ? AND target_id = ?)`,
        filter.linkedTo.kind,
        filter.linkedTo.targetId,
      );
    }
    if (filter.partyId) where.add('d.party_id = ?', filter.partyId);
    if (filter.from) where.add('d.issue_date >= CAST(? AS DATE)', filter.from);
    if (filter.to) where.add('d.issue_date <= CAST(? AS DATE)', filter.to);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      where.add(
        `(lower(d.number) LIKE ? ESCAPE '\\' OR lower(p.name) LIKE ? ESCAPE '\\' OR lower(COALESCE(d.supplier_bill_number, '')) LIKE ? ESCAPE '\\')`,
        pattern,
        pattern,
        pattern,
      );
    }
    const from = `documents d JOIN ${partyTableOf(filter.kind)} p ON p.tenant_id = d.tenant_id AND p.id = d.party_id`;
    const [count] = await this.db.query<{ total: number }>(
      `SELECT count(*) AS total FROM ${from} WHERE ${where.sql}`,
      where.params,
    );
    const direction = filter.desc ? 'DESC' : 'ASC';
    // Drafts have no number: they sort after numbered documents either way.
    const order = `${SORT_COLUMNS[filter.sort]} ${direction} NULLS LAST, d.created_at ${direction}, d.id`;
    const limit = where.next(filter.limit);
    const offset = where.next(filter.offset);
    const rows = await this.db.query<SummaryRow>(
      `SELECT ${HEADER_COLUMNS}, p.name AS party_name, r.number AS related_number
       FROM ${from} LEFT JOIN documents r ON r.tenant_id = d.tenant_id AND r.id = d.related_id
       WHERE ${where.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      where.params,
    );
    return { items: rows.map((r) => toSummary(r, filter.today)), total: Number(count?.total ?? 0) };
  }

  /** Open invoices (or bills) of a party, oldest due first: the default allocation order. */
  async openDocuments(kind: DocumentKind, partyId: string, today: string): Promise<DocumentSummary[]> {
    const rows = await this.db.query<SummaryRow>(
      `SELECT ${HEADER_COLUMNS}, p.name AS party_name, NULL AS related_number
       FROM documents d JOIN ${partyTableOf(kind)} p ON p.tenant_id = d.tenant_id AND p.id = d.party_id
       WHERE d.tenant_id = $1 AND d.kind = $2 AND d.party_id = $3 AND d.status IN ('issued', 'posted', 'partially_paid')
         AND d.balance > 0
       ORDER BY d.due_date, d.issue_date, d.number`,
      [this.tenantId, kind, partyId],
    );
    return rows.map((r) => toSummary(r, today));
  }

  /** Issued (not void) invoices and corrections of a party, summed. */
  async partyTotals(
    invoiceKind: DocumentKind,
    correctionKind: DocumentKind,
    partyId: string,
  ): Promise<{ invoiced: string; credited: string; unappliedCredit: string }> {
    const [row] = await this.db.query<{ invoiced: string | null; credited: string | null; unapplied: string | null }>(
      `SELECT SUM(CASE WHEN kind = $2 THEN total END) AS invoiced,
              SUM(CASE WHEN kind = $3 THEN total END) AS credited,
              SUM(CASE WHEN kind = $3 THEN balance END) AS unapplied
       FROM documents WHERE tenant_id = $1 AND party_id = $4 AND kind IN ($2, $3) AND status NOT IN ('draft', 'void')`,
      [this.tenantId, invoiceKind, correctionKind, partyId],
    );
    return {
      invoiced: money(row?.invoiced ?? '0'),
      credited: money(row?.credited ?? '0'),
      unappliedCredit: money(row?.unapplied ?? '0'),
    };
  }

  async supplierBillNumberTaken(supplierId: string, billNumber: string, exceptId: string | null): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 AS found FROM documents WHERE tenant_id = $1 AND kind = 'purchase_invoice' AND party_id = $2
         AND lower(supplier_bill_number) = lower($3) AND status <> 'void' AND id <> $4 LIMIT 1`,
      [this.tenantId, supplierId, billNumber, exceptId ?? ''],
    );
    return rows.length > 0;
  }

  async findParty(table: 'customers' | 'suppliers', id: string): Promise<PartyRef | null> {
    const rows = await this.db.query<PartyRow & TenantRow>(
      `SELECT tenant_id, id, name, payment_terms_days, active, opening_balance FROM ${table} WHERE id = $1`,
      [id],
    );
    const [row] = this.own(rows);
    return row ? toParty(row) : null;
  }

  /** Rows of the request's tenant. */
  private own<T extends TenantRow>(rows: readonly T[]): T[] {
    return rows.filter((r) => r.tenant_id === this.tenantId);
  }
}
