import { Inject, Injectable } from '@nestjs/common';
import type { ProfitGrouping, SalesGrouping, TaxPeriod } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

/**
 * The SQL of the reports and the dashboard: one aggregate statement per figure set,
 * the tenant always `$1` and first in every WHERE, dates and ids bound as parameters.
 * What is interpolated into the SQL text comes from the constants below, never from input.
 *
 * Shape that keeps DuckDB on fast column scans (1M+ lines per tenant):
 * - filter `documents` by tenant, kind, status and issue date in a subquery that projects only
 *   the group key and a `credit` flag (credit notes / returns count negative);
 * - hash-join `document_lines` (tenant-filtered) to it and pre-aggregate per (key, credit):
 *   plain SUMs, no per-row CASE or sign arithmetic on the million rows;
 * - apply the signs and `GROUPING SETS ((key), ())` on that small result, which answers the
 *   rows and the totals row in the same statement; sort in SQL.
 * On DuckDB the join compares the document id only (both sides are already filtered to the
 * tenant, and hashing the 36-character tenant id per line costs ~25 % of the join); on
 * PostgreSQL it is (tenant_id, document_id), the key of the lines' index.
 * Money comes back as decimal strings.
 */

/** Documents that count: issued/posted, never drafts or void ones. */
const COUNTED = `d.status NOT IN ('draft', 'void')`;
const OPEN = `d.status IN ('issued', 'posted', 'partially_paid') AND d.balance > 0`;
const IN_PERIOD = 'd.issue_date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)';
const SALES_KINDS = `'sales_invoice', 'credit_note'`;
const ALL_KINDS = `'sales_invoice', 'credit_note', 'purchase_invoice', 'purchase_return'`;
/** Credit notes and purchase returns reduce the period they are dated in. */
const CREDIT = `d.kind IN ('credit_note', 'purchase_return')`;

/** date_trunc units (Monday-based weeks on both engines). */
const TRUNC_UNITS = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' } as const;
type TruncUnit = keyof typeof TRUNC_UNITS;
const periodOf = (unit: TruncUnit) => `CAST(date_trunc('${TRUNC_UNITS[unit]}', d.issue_date) AS DATE)`;

/** Sales invoices count positive, their credit notes negative. */
const salesSigned = (expr: string) => `CASE WHEN d.kind = 'credit_note' THEN -(${expr}) ELSE ${expr} END`;
/** A pre-aggregated figure with the sign of its `credit` flag. */
const signedSum = (column: string) => `SUM(CASE WHEN x.credit THEN -x.${column} ELSE x.${column} END)`;

/** Counted documents of `kinds` issued in the period, with `columns` (key, flags) and the join key. */
const countedDocuments = (kinds: string, columns: string) =>
  `(SELECT d.tenant_id, d.id, ${columns} FROM documents d
    WHERE d.tenant_id = $1 AND d.kind IN (${kinds}) AND ${COUNTED} AND ${IN_PERIOD}) d`;

export interface DateRange {
  from: string;
  to: string;
}

/** One group of a report, or the totals (`isTotal`, `key` null). */
interface Grouped {
  isTotal: boolean;
  key: string | null;
  /** Customer / supplier name, or product name. */
  name: string | null;
  sku: string | null;
}

export interface SalesGroup extends Grouped {
  invoices: number;
  creditNotes: number;
  net: string | null;
  tax: string | null;
  gross: string | null;
}

export interface ProfitGroup extends Grouped {
  net: string | null;
  cogs: string | null;
  /** net − cogs, exact in SQL. */
  profit: string | null;
}

export interface TaxGroup {
  isTotal: boolean;
  period: string | null;
  rate: string | null;
  outputTaxable: string | null;
  outputTax: string | null;
  inputTaxable: string | null;
  inputTax: string | null;
}

export interface AgingGroup extends Grouped {
  current: string | null;
  d1_30: string | null;
  d31_60: string | null;
  d61_90: string | null;
  d90_plus: string | null;
  total: string | null;
}

export type StatementEntryType =
  'opening' | 'sales_invoice' | 'credit_note' | 'purchase_invoice' | 'purchase_return' | 'payment' | 'payment_reversal';

export interface StatementEntry {
  type: StatementEntryType;
  date: string | null;
  number: string | null;
  /** Document or payment id. */
  id: string | null;
  reference: string | null;
  /** Signed: + raises the balance (what they owe us / what we owe them), − lowers it. */
  amount: string | null;
}

export interface PartyDetails {
  id: string;
  name: string;
  address: string | null;
  taxId: string | null;
  email: string | null;
  openingBalance: string;
}

export interface DashboardFigures {
  receivables: string | null;
  payables: string | null;
  overdueInvoices: number;
  lowStockProducts: number;
}

export interface Ranked {
  id: string;
  name: string;
  sku: string | null;
  net: string;
}

export type PartyTable = 'customers' | 'suppliers';

interface GroupRow {
  is_total: number | string;
  k: string | null;
  name: string | null;
  sku: string | null;
}

const isTotal = (row: { is_total: number | string }) => Number(row.is_total) !== 0;

type KeyKind = 'customer' | 'supplier' | 'product' | 'period';

/**
 * Names (and SKUs) for the keys of a grouped query `g` (columns is_total, k, …), ordered: the
 * totals row last; periods ascending; customers and products by net sales descending, then name.
 */
function withNames(sql: string, keyKind: KeyKind, order: 'period' | 'net' | 'name'): string {
  const orderBy = {
    period: 'g.is_total, g.k',
    net: `g.is_total, g.net DESC, ${keyKind === 'product' ? 'n.sku' : 'n.name'}, g.k`,
    name: 'g.is_total, n.name, g.k',
  }[order];
  if (keyKind === 'period') return `SELECT g.*, NULL AS name, NULL AS sku FROM (${sql}) g ORDER BY ${orderBy}`;
  const table = keyKind === 'product' ? 'products' : keyKind === 'customer' ? 'customers' : 'suppliers';
  const sku = keyKind === 'product' ? 'n.sku' : 'NULL';
  return `SELECT g.*, n.name AS name, ${sku} AS sku FROM (${sql}) g
    LEFT JOIN ${table} n ON n.tenant_id = $1 AND n.id = g.k ORDER BY ${orderBy}`;
}

@Injectable()
export class ReportsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  private get tenantId(): string {
    return this.context.tenantId;
  }

  /** The lines of the documents `d` (see the note at the top on the join key). */
  private get linesJoin(): string {
    return this.db.engine === 'duckdb'
      ? 'JOIN document_lines l ON l.document_id = d.id'
      : 'JOIN document_lines l ON l.tenant_id = d.tenant_id AND l.document_id = d.id';
  }

  /**
   * Sales per period or customer read the document headers only (net = subtotal − discounts
   * = Σ lines' taxable). Per product they read the lines and count lines.
   */
  async sales(range: DateRange, groupBy: SalesGrouping): Promise<SalesGroup[]> {
    const headerFigures = `count(CASE WHEN d.kind = 'sales_invoice' THEN 1 END) AS invoices,
        count(CASE WHEN d.kind = 'credit_note' THEN 1 END) AS credit_notes,
        SUM(${salesSigned('d.subtotal - d.discount_total')}) AS net, SUM(${salesSigned('d.tax_total')}) AS tax,
        SUM(${salesSigned('d.total')}) AS gross`;
    const headers = `FROM documents d
      WHERE d.tenant_id = $1 AND d.kind IN (${SALES_KINDS}) AND ${COUNTED} AND ${IN_PERIOD}`;
    let grouped: string;
    if (groupBy === 'product') {
      // Counts are of lines here (see the service).
      grouped = `SELECT GROUPING(x.k) AS is_total, x.k, SUM(CASE WHEN x.credit THEN 0 ELSE x.lines END) AS invoices,
          SUM(CASE WHEN x.credit THEN x.lines ELSE 0 END) AS credit_notes,
          ${signedSum('net')} AS net, ${signedSum('tax')} AS tax, ${signedSum('gross')} AS gross
        FROM (SELECT l.product_id AS k, d.credit, count(*) AS lines, SUM(l.taxable) AS net, SUM(l.tax) AS tax,
                     SUM(l.total) AS gross
              FROM ${countedDocuments(SALES_KINDS, `${CREDIT} AS credit`)} ${this.linesJoin}
              WHERE l.tenant_id = $1
              GROUP BY l.product_id, d.credit) x
        GROUP BY GROUPING SETS ((x.k), ())`;
    } else {
      const key = groupBy === 'customer' ? 'd.party_id' : periodOf(groupBy);
      grouped = `SELECT GROUPING(x.k) AS is_total, x.k, SUM(x.invoices) AS invoices, SUM(x.credit_notes) AS credit_notes,
          SUM(x.net) AS net, SUM(x.tax) AS tax, SUM(x.gross) AS gross
        FROM (SELECT ${key} AS k, ${headerFigures} ${headers} GROUP BY 1) x
        GROUP BY GROUPING SETS ((x.k), ())`;
    }
    const keyKind = groupBy === 'product' ? 'product' : groupBy === 'customer' ? 'customer' : 'period';
    const rows = await this.db.query<
      GroupRow & {
        invoices: number;
        credit_notes: number;
        net: string | null;
        tax: string | null;
        gross: string | null;
      }
    >(withNames(grouped, keyKind, keyKind === 'period' ? 'period' : 'net'), [this.tenantId, range.from, range.to]);
    return rows.map((r) => ({
      isTotal: isTotal(r),
      key: r.k,
      name: r.name,
      sku: r.sku,
      invoices: Number(r.invoices ?? 0),
      creditNotes: Number(r.credit_notes ?? 0),
      net: r.net,
      tax: r.tax,
      gross: r.gross,
    }));
  }

  /** Net sales and cost of goods sold (Σ quantity × the unit cost each line went out at, per line in cents). */
  async grossProfit(range: DateRange, groupBy: ProfitGrouping): Promise<ProfitGroup[]> {
    const byProduct = groupBy === 'product';
    const documentKey = groupBy === 'customer' ? 'd.party_id' : periodOf('month');
    const documents = countedDocuments(SALES_KINDS, `${byProduct ? '' : `${documentKey} AS k, `}${CREDIT} AS credit`);
    const key = byProduct ? 'l.product_id' : 'd.k';
    const grouped = `SELECT GROUPING(x.k) AS is_total, x.k, ${signedSum('net')} AS net, ${signedSum('cogs')} AS cogs,
        COALESCE(${signedSum('net')}, 0) - COALESCE(${signedSum('cogs')}, 0) AS profit
      FROM (SELECT ${key} AS k, d.credit, SUM(l.taxable) AS net, SUM(ROUND(l.quantity * l.unit_cost, 2)) AS cogs
            FROM ${documents} ${this.linesJoin}
            WHERE l.tenant_id = $1
            GROUP BY ${key}, d.credit) x
      GROUP BY GROUPING SETS ((x.k), ())`;
    const keyKind = groupBy === 'month' ? 'period' : groupBy;
    const rows = await this.db.query<GroupRow & { net: string | null; cogs: string | null; profit: string | null }>(
      withNames(grouped, keyKind, keyKind === 'period' ? 'period' : 'net'),
      [this.tenantId, range.from, range.to],
    );
    return rows.map((r) => ({
      isTotal: isTotal(r),
      key: r.k,
      name: r.name,
      sku: r.sku,
      net: r.net,
      cogs: r.cogs,
      profit: r.profit,
    }));
  }

  /** Output (sales − credit notes) and input (bills − returns) per period and line tax rate. */
  async taxSummary(range: DateRange, period: TaxPeriod): Promise<TaxGroup[]> {
    const documents = countedDocuments(
      ALL_KINDS,
      `${periodOf(period)} AS p, d.kind IN (${SALES_KINDS}) AS output, ${CREDIT} AS credit`,
    );
    const side = (output: boolean, column: string) =>
      `SUM(CASE WHEN ${output ? '' : 'NOT '}x.output THEN (CASE WHEN x.credit THEN -x.${column} ELSE x.${column} END) END)`;
    const rows = await this.db.query<{
      is_total: number | string;
      p: string | null;
      rate: string | null;
      out_taxable: string | null;
      out_tax: string | null;
      in_taxable: string | null;
      in_tax: string | null;
    }>(
      `SELECT GROUPING(x.p) AS is_total, x.p, x.rate, ${side(true, 'taxable')} AS out_taxable,
              ${side(true, 'tax')} AS out_tax, ${side(false, 'taxable')} AS in_taxable, ${side(false, 'tax')} AS in_tax
       FROM (SELECT d.p, l.tax_rate AS rate, d.output, d.credit, SUM(l.taxable) AS taxable, SUM(l.tax) AS tax
             FROM ${documents} ${this.linesJoin}
             WHERE l.tenant_id = $1
             GROUP BY d.p, l.tax_rate, d.output, d.credit) x
       GROUP BY GROUPING SETS ((x.p, x.rate), ())
       ORDER BY 1, 2, 3`,
      [this.tenantId, range.from, range.to],
    );
    return rows.map((r) => ({
      isTotal: isTotal(r),
      period: r.p,
      rate: r.rate,
      outputTaxable: r.out_taxable,
      outputTax: r.out_tax,
      inputTaxable: r.in_taxable,
      inputTax: r.in_tax,
    }));
  }

  /**
   * Open balances of invoices (bills) issued up to `asOf`, per party and bucket of days past
   * due (`asOf − due date`).
   */
  async aging(kind: 'sales_invoice' | 'purchase_invoice', asOf: string): Promise<AgingGroup[]> {
    const days = 'CAST($2 AS DATE) - d.due_date';
    const bucket = (condition: string) => `SUM(CASE WHEN ${condition} THEN d.balance END)`;
    const grouped = `SELECT GROUPING(d.party_id) AS is_total, d.party_id AS k,
        ${bucket(`${days} <= 0`)} AS current_due, ${bucket(`${days} BETWEEN 1 AND 30`)} AS d1_30,
        ${bucket(`${days} BETWEEN 31 AND 60`)} AS d31_60, ${bucket(`${days} BETWEEN 61 AND 90`)} AS d61_90,
        ${bucket(`${days} > 90`)} AS d90_plus, SUM(d.balance) AS total
      FROM documents d
      WHERE d.tenant_id = $1 AND d.kind = $3 AND ${OPEN} AND d.issue_date <= CAST($2 AS DATE)
      GROUP BY GROUPING SETS ((d.party_id), ())`;
    const rows = await this.db.query<
      GroupRow & {
        current_due: string | null;
        d1_30: string | null;
        d31_60: string | null;
        d61_90: string | null;
        d90_plus: string | null;
        total: string | null;
      }
    >(withNames(grouped, kind === 'sales_invoice' ? 'customer' : 'supplier', 'name'), [this.tenantId, asOf, kind]);
    return rows.map((r) => ({
      isTotal: isTotal(r),
      key: r.k,
      name: r.name,
      sku: null,
      current: r.current_due,
      d1_30: r.d1_30,
      d31_60: r.d31_60,
      d61_90: r.d61_90,
      d90_plus: r.d90_plus,
      total: r.total,
    }));
  }

  async party(table: PartyTable, id: string): Promise<PartyDetails | null> {
    const [row] = await this.db.query<{
      id: string;
      name: string;
      address: string | null;
      tax_id: string | null;
      email: string | null;
      opening_balance: string;
    }>(`SELECT id, name, address, tax_id, email, opening_balance FROM ${table} WHERE tenant_id = $1 AND id = $2`, [
      this.tenantId,
      id,
    ]);
    return row
      ? {
          id: row.id,
          name: row.name,
          address: row.address,
          taxId: row.tax_id,
          email: row.email,
          openingBalance: row.opening_balance,
        }
      : null;
  }

  /**
   * A party's ledger in one statement: its issued documents, payments and payment reversals
   * (dated at the UTC day of the reversal) from `from` to `to`, plus one `opening` entry that
   * sums everything dated before `from`. Amounts are signed towards the party's balance.
   */
  async statement(
    direction: 'received' | 'made',
    partyId: string,
    range: DateRange,
  ): Promise<{ opening: string | null; entries: StatementEntry[] }> {
    const [invoiceKind, correctionKind] =
      direction === 'received' ? ['sales_invoice', 'credit_note'] : ['purchase_invoice', 'purchase_return'];
    const reversalDate = `CAST(p.reversed_at AT TIME ZONE 'UTC' AS DATE)`;
    const rows = await this.db.query<{
      entry_type: StatementEntryType;
      entry_date: string | null;
      number: string | null;
      id: string | null;
      reference: string | null;
      amount: string | null;
      tiebreak: number;
    }>(
      `WITH entries AS (
         SELECT d.kind AS entry_type, d.issue_date AS entry_date, d.number, d.id,
                COALESCE(d.supplier_bill_number, d.reason) AS reference,
                CASE WHEN d.kind = $5 THEN -d.total ELSE d.total END AS amount, 0 AS tiebreak
         FROM documents d
         WHERE d.tenant_id = $1 AND d.party_id = $2 AND d.kind IN ($4, $5) AND ${COUNTED}
           AND d.issue_date <= CAST($7 AS DATE)
         UNION ALL
         SELECT 'payment', p.payment_date, p.number, p.id, p.reference, -p.amount, 0
         FROM payments p
         WHERE p.tenant_id = $1 AND p.party_id = $2 AND p.direction = $3 AND p.payment_date <= CAST($7 AS DATE)
         UNION ALL
         SELECT 'payment_reversal', ${reversalDate}, p.number, p.id, p.reversal_reason, p.amount, 1
         FROM payments p
         WHERE p.tenant_id = $1 AND p.party_id = $2 AND p.direction = $3 AND p.status = 'reversed'
           AND ${reversalDate} <= CAST($7 AS DATE))
       SELECT entry_type, entry_date, number, id, reference, amount, tiebreak FROM entries
       WHERE entry_date >= CAST($6 AS DATE)
       UNION ALL
       SELECT 'opening', NULL, NULL, NULL, NULL, SUM(amount), -1 FROM entries WHERE entry_date < CAST($6 AS DATE)
       ORDER BY 2, 7, 3, 4`,
      [this.tenantId, partyId, direction, invoiceKind, correctionKind, range.from, range.to],
    );
    let opening: string | null = null;
    const entries: StatementEntry[] = [];
    for (const r of rows) {
      if (r.entry_type === 'opening') opening = r.amount;
      else
        entries.push({
          type: r.entry_type,
          date: r.entry_date,
          number: r.number,
          id: r.id,
          reference: r.reference,
          amount: r.amount,
        });
    }
    return { opening, entries };
  }

  /** Net sales (invoices − credit notes) per calendar month from `from` (a 1st) until before `until`. */
  async netSalesByMonth(from: string, until: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ month: string; net: string | null }>(
      `SELECT ${periodOf('month')} AS month, SUM(${salesSigned('d.subtotal - d.discount_total')}) AS net
       FROM documents d
       WHERE d.tenant_id = $1 AND d.kind IN (${SALES_KINDS}) AND ${COUNTED}
         AND d.issue_date >= CAST($2 AS DATE) AND d.issue_date < CAST($3 AS DATE)
       GROUP BY 1`,
      [this.tenantId, from, until],
    );
    return new Map(rows.map((r) => [r.month.slice(0, 7), r.net ?? '0']));
  }

  /** Open receivables and payables, overdue invoices and goods at or below their reorder level. */
  async dashboardFigures(today: string): Promise<DashboardFigures> {
    const [[documents], [stock]] = await Promise.all([
      this.db.query<{ receivables: string | null; payables: string | null; overdue: number | null }>(
        `SELECT SUM(CASE WHEN d.kind = 'sales_invoice' THEN d.balance END) AS receivables,
                SUM(CASE WHEN d.kind = 'purchase_invoice' THEN d.balance END) AS payables,
                count(CASE WHEN d.kind = 'sales_invoice' AND d.due_date < CAST($2 AS DATE) THEN 1 END) AS overdue
         FROM documents d
         WHERE d.tenant_id = $1 AND d.kind IN ('sales_invoice', 'purchase_invoice') AND ${OPEN}`,
        [this.tenantId, today],
      ),
      this.db.query<{ low: number | null }>(
        `SELECT count(*) AS low
         FROM products p
         LEFT JOIN (SELECT product_id, SUM(quantity) AS on_hand FROM stock_transactions WHERE tenant_id = $1
                    GROUP BY product_id) s ON s.product_id = p.id
         WHERE p.tenant_id = $1 AND p.kind = 'goods' AND COALESCE(s.on_hand, 0) <= p.reorder_level`,
        [this.tenantId],
      ),
    ]);
    return {
      receivables: documents?.receivables ?? null,
      payables: documents?.payables ?? null,
      overdueInvoices: Number(documents?.overdue ?? 0),
      lowStockProducts: Number(stock?.low ?? 0),
    };
  }

  /** The customers and products with the highest net sales from `from` until before `until`. */
  async topSellers(from: string, until: string, limit: number): Promise<{ customers: Ranked[]; products: Ranked[] }> {
    const params = [this.tenantId, from, until, limit];
    const period = 'd.issue_date >= CAST($2 AS DATE) AND d.issue_date < CAST($3 AS DATE)';
    const [customers, products] = await Promise.all([
      this.db.query<{ id: string; name: string | null; net: string }>(
        `SELECT t.id, c.name, t.net
         FROM (SELECT d.party_id AS id, SUM(${salesSigned('d.subtotal - d.discount_total')}) AS net
               FROM documents d
               WHERE d.tenant_id = $1 AND d.kind IN (${SALES_KINDS}) AND ${COUNTED} AND ${period}
               GROUP BY d.party_id) t
         LEFT JOIN customers c ON c.tenant_id = $1 AND c.id = t.id
         ORDER BY t.net DESC, c.name, t.id LIMIT $4`,
        params,
      ),
      this.db.query<{ id: string; name: string | null; sku: string | null; net: string }>(
        `SELECT t.id, p.name, p.sku, t.net
         FROM (SELECT x.id, ${signedSum('net')} AS net
               FROM (SELECT l.product_id AS id, d.credit, SUM(l.taxable) AS net
                     FROM (SELECT d.tenant_id, d.id, ${CREDIT} AS credit FROM documents d
                           WHERE d.tenant_id = $1 AND d.kind IN (${SALES_KINDS}) AND ${COUNTED} AND ${period}) d
                     ${this.linesJoin}
                     WHERE l.tenant_id = $1
                     GROUP BY l.product_id, d.credit) x
               GROUP BY x.id) t
         LEFT JOIN products p ON p.tenant_id = $1 AND p.id = t.id
         ORDER BY t.net DESC, p.sku, t.id LIMIT $4`,
        params,
      ),
    ]);
    return {
      customers: customers.map((r) => ({ id: r.id, name: r.name ?? '', sku: null, net: r.net })),
      products: products.map((r) => ({ id: r.id, name: r.name ?? '', sku: r.sku, net: r.net })),
    };
  }
}
