import { Inject, Injectable } from '@nestjs/common';
import Big from 'big.js';
import type {
  Dashboard,
  ProfitGrouping,
  ReportCell,
  ReportColumn,
  ReportName,
  ReportResult,
  SalesGrouping,
  TaxPeriod,
} from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { AuditService } from '../audit/audit.service';
import { today as todayUtc } from '../common/date.validator';
import { ProblemException } from '../common/problem.exception';
import { OpportunitiesRepository } from '../crm/opportunities.repository';
import { DATABASE, Database } from '../database/database.port';
import { StockService } from '../inventory/stock.service';
import { RequestContext } from '../tenancy/request-context';
import { TenantsRepository } from '../tenancy/tenants.repository';
import { DateRange, PartyDetails, ReportsRepository, StatementEntryType } from './reports.repository';
import { renderStatementPdf, StatementPdfLine } from './statement-pdf';

export type ReportFormat = 'json' | 'csv' | 'pdf';

/** Goods the stock valuation lists (the stock ledger's own valuation reads as many). */
const STOCK_VALUATION_ROWS = 100_000;

/** How many customers and products the dashboard ranks. */
export const DASHBOARD_TOP = 5;

const TWO_DECIMALS = /^-?\d+\.\d{2}$/;

/**
 * Money as the API shows it: two decimals, never "-0.00", 0.00 when nothing was summed.
 * Sums of DECIMAL(…,2) columns already come back so and skip big.js (a report may have
 * thousands of rows of six amounts).
 */
export function amount(value: string | Big | null | undefined): string {
  const text = typeof value === 'string' && TWO_DECIMALS.test(value) ? value : money(value ?? '0');
  return text === '-0.00' ? '0.00' : text;
}

/** An amount with two decimals as a whole number of cents, and back: exact and cheap. */
export function toCents(value: string): bigint {
  return BigInt(amount(value).replace('.', ''));
}

export function fromCents(cents: bigint): string {
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${cents < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** `2026-03-02` → the label of its period: day/week keep the date, `2026-03`, `2026-Q1`, `2026`. */
export function periodLabel(date: string, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): string {
  switch (unit) {
    case 'day':
    case 'week':
      return date.slice(0, 10);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return date.slice(0, 4);
  }
}

/** Profit as a percentage of net sales, rounded half-up to 2 decimals; null when there were no net sales. */
export function marginPercent(profit: string, net: string): string | null {
  const n = toCents(net);
  if (n === 0n) return null;
  const p = toCents(profit);
  const a = p < 0n ? -p : p;
  const b = n < 0n ? -n : n;
  // Hundredths of a percent: a / b × 10,000, half away from zero, in integers.
  const hundredths = (a * 20_000n + b) / (2n * b);
  return fromCents(p < 0n !== n < 0n ? -hundredths : hundredths);
}

/** The first day of the month `months` after the month of `date` (YYYY-MM-DD). */
export function addMonths(date: string, months: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + months, 1));
  return d.toISOString().slice(0, 10);
}

const PERIOD_COLUMN_LABELS: Record<'day' | 'week' | 'month' | 'quarter' | 'year', string> = {
  day: 'Day',
  week: 'Week (Monday)',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};

const col = (key: string, label: string, type: ReportColumn['type']): ReportColumn => ({ key, label, type });

/** The key columns of a report grouped by period, customer or product. */
function keyColumns(groupBy: 'day' | 'week' | 'month' | 'customer' | 'product'): ReportColumn[] {
  if (groupBy === 'customer') return [col('customer', 'Customer', 'text')];
  if (groupBy === 'product') return [col('sku', 'SKU', 'text'), col('product', 'Product', 'text')];
  return [col('period', PERIOD_COLUMN_LABELS[groupBy], groupBy === 'month' ? 'text' : 'date')];
}

/** A row of a report, keyed by column. */
type Row = Record<string, ReportCell>;

/** The cells naming a group, plus the id of the customer or product (not a column: for links). */
function keyCells(
  groupBy: 'day' | 'week' | 'month' | 'customer' | 'product',
  group: { key: string | null; name: string | null; sku: string | null },
): Row {
  if (groupBy === 'customer') return { customerId: group.key, customer: group.name };
  if (groupBy === 'product') return { productId: group.key, sku: group.sku, product: group.name };
  return { period: group.key === null ? null : periodLabel(group.key, groupBy) };
}

function totalsLabel(columns: ReportColumn[]): Row {
  return { [columns[0].key]: 'Total' };
}

/**
 * A grouped report's rows (each group's key cells, then its figures) and its totals row
 * (`totalsCells`, then the figures of the totals group).
 */
function rowsAndTotals<G extends { isTotal: boolean }>(
  groups: readonly G[],
  keyCellsOf: (group: G) => Row,
  totalsCells: Row,
  figures: (row: Row, group: G | undefined) => Row,
): Pick<ReportResult, 'rows' | 'totals'> {
  return {
    rows: groups.filter((g) => !g.isTotal).map((g) => figures(keyCellsOf(g), g)),
    totals: figures(
      totalsCells,
      groups.find((g) => g.isTotal),
    ),
  };
}

const STATEMENT_TYPE_LABELS: Record<Exclude<StatementEntryType, 'opening'>, string> = {
  sales_invoice: 'Invoice',
  credit_note: 'Credit note',
  purchase_invoice: 'Bill',
  purchase_return: 'Purchase return',
  payment: 'Payment',
  payment_reversal: 'Payment reversed',
};

const STATEMENT_SIDES = {
  received: {
    name: 'customer-statement',
    table: 'customers',
    idField: 'customerId',
    label: 'customer',
    title: 'Customer statement',
  },
  made: {
    name: 'supplier-statement',
    table: 'suppliers',
    idField: 'supplierId',
    label: 'supplier',
    title: 'Supplier statement',
  },
} as const;

/**
 * Builds every report as a `ReportResult` from one or two aggregate statements, and the
 * dashboard. Exports (CSV, PDF) are audited; viewing is not.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly reports: ReportsRepository,
    private readonly stock: StockService,
    private readonly opportunities: OpportunitiesRepository,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
  ) {}

  /** `from`/`to` as given, each defaulting to the current calendar year; from after to is refused. */
  range(from?: string, to?: string): DateRange {
    const year = todayUtc().slice(0, 4);
    const range = { from: from ?? `${year}-01-01`, to: to ?? `${year}-12-31` };
    if (range.from > range.to) {
      throw new ProblemException(
        400,
        'validation_failed',
        `The period starts (${range.from}) after it ends (${range.to})`,
        [{ field: 'from', message: 'from must be on or before to' }],
      );
    }
    return range;
  }

  async sales(groupBy: SalesGrouping, range: DateRange): Promise<ReportResult> {
    const groups = await this.reports.sales(range, groupBy);
    // Per product the counts are of lines: counting the distinct invoices of each product costs three
    // times the whole report on a million lines (and a product is rarely twice on one invoice).
    const counts =
      groupBy === 'product'
        ? { invoices: 'invoiceLines', creditNotes: 'creditNoteLines' }
        : { invoices: 'invoices', creditNotes: 'creditNotes' };
    const columns = [
      ...keyColumns(groupBy),
      col(counts.invoices, groupBy === 'product' ? 'Invoice lines' : 'Invoices', 'count'),
      col(counts.creditNotes, groupBy === 'product' ? 'Credit note lines' : 'Credit notes', 'count'),
      col('net', 'Net', 'money'),
      col('tax', 'Tax', 'money'),
      col('gross', 'Gross', 'money'),
    ];
    // Rows are filled by assignment: object spreads cost ~4 µs a row on reports of thousands of rows.
    const figures = (row: Row, g: (typeof groups)[number] | undefined) => {
      row[counts.invoices] = g?.invoices ?? 0;
      row[counts.creditNotes] = g?.creditNotes ?? 0;
      row['net'] = amount(g?.net);
      row['tax'] = amount(g?.tax);
      row['gross'] = amount(g?.gross);
      return row;
    };
    return {
      name: 'sales',
      title: `Sales by ${groupBy}`,
      filters: { ...range, groupBy },
      columns,
      ...rowsAndTotals(groups, (g) => keyCells(groupBy, g), totalsLabel(columns), figures),
    };
  }

  async grossProfit(groupBy: ProfitGrouping, range: DateRange): Promise<ReportResult> {
    const groups = await this.reports.grossProfit(range, groupBy);
    const columns = [
      ...keyColumns(groupBy),
      col('net', 'Net sales', 'money'),
      col('cogs', 'Cost of goods sold', 'money'),
      col('profit', 'Gross profit', 'money'),
      col('margin', 'Margin %', 'percent'),
    ];
    const figures = (row: Row, g: (typeof groups)[number] | undefined) => {
      const net = amount(g?.net);
      const profit = amount(g?.profit);
      row['net'] = net;
      row['cogs'] = amount(g?.cogs);
      row['profit'] = profit;
      row['margin'] = marginPercent(profit, net);
      return row;
    };
    return {
      name: 'gross-profit',
      title: `Gross profit by ${groupBy}`,
      filters: { ...range, groupBy },
      columns,
      ...rowsAndTotals(groups, (g) => keyCells(groupBy, g), totalsLabel(columns), figures),
    };
  }

  async taxSummary(period: TaxPeriod, range: DateRange): Promise<ReportResult> {
    const groups = await this.reports.taxSummary(range, period);
    const columns = [
      col('period', PERIOD_COLUMN_LABELS[period], 'text'),
      col('rate', 'Tax rate %', 'percent'),
      col('outputTaxable', 'Output taxable', 'money'),
      col('outputTax', 'Output tax', 'money'),
      col('inputTaxable', 'Input taxable', 'money'),
      col('inputTax', 'Input tax', 'money'),
      col('netTax', 'Net tax due', 'money'),
    ];
    const figures = (row: Row, g: (typeof groups)[number] | undefined) => {
      row['outputTaxable'] = amount(g?.outputTaxable);
      row['outputTax'] = amount(g?.outputTax);
      row['inputTaxable'] = amount(g?.inputTaxable);
      row['inputTax'] = amount(g?.inputTax);
      row['netTax'] = fromCents(toCents(amount(g?.outputTax)) - toCents(amount(g?.inputTax)));
      return row;
    };
    return {
      name: 'tax-summary',
      title: `Tax summary by ${period}`,
      filters: { ...range, period },
      columns,
      ...rowsAndTotals(
        groups,
        (g) => ({
          period: g.period === null ? null : periodLabel(g.period, period),
          rate: g.rate === null ? null : amount(g.rate),
        }),
        { period: 'Total', rate: null },
        figures,
      ),
    };
  }

  async aging(side: 'receivables' | 'payables', asOf = todayUtc()): Promise<ReportResult> {
    const customer = side === 'receivables';
    const groups = await this.reports.aging(customer ? 'sales_invoice' : 'purchase_invoice', asOf);
    const party = customer ? 'customer' : 'supplier';
    const columns = [
      col(party, customer ? 'Customer' : 'Supplier', 'text'),
      col('current', 'Current', 'money'),
      col('d1_30', '1–30 days', 'money'),
      col('d31_60', '31–60 days', 'money'),
      col('d61_90', '61–90 days', 'money'),
      col('d90_plus', 'Over 90 days', 'money'),
      col('total', 'Total', 'money'),
    ];
    const figures = (row: Row, g: (typeof groups)[number] | undefined) => {
      row['current'] = amount(g?.current);
      row['d1_30'] = amount(g?.d1_30);
      row['d31_60'] = amount(g?.d31_60);
      row['d61_90'] = amount(g?.d61_90);
      row['d90_plus'] = amount(g?.d90_plus);
      row['total'] = amount(g?.total);
      return row;
    };
    return {
      name: customer ? 'receivables-aging' : 'payables-aging',
      title: customer ? 'Receivables aging' : 'Payables aging',
      filters: { asOf },
      columns,
      ...rowsAndTotals(groups, (g) => ({ [`${party}Id`]: g.key, [party]: g.name }), { [party]: 'Total' }, figures),
    };
  }

  /**
   * A customer's (supplier's) ledger: opening balance, then documents and payments by date
   * with the running balance — what the customer owes us, what we owe the supplier.
   */
  async statement(direction: 'received' | 'made', partyId: string, range: DateRange): Promise<StatementReport> {
    const side = STATEMENT_SIDES[direction];
    const party = await this.reports.party(side.table, partyId);
    if (!party) throw new ProblemException(404, 'not_found', `No ${side.label} with id ${partyId}`);
    const { opening: before, entries } = await this.reports.statement(direction, partyId, range);
    const opening = dec(party.openingBalance).plus(dec(amount(before)));
    // A customer's debit raises what they owe us; a supplier's credit raises what we owe them.
    const raisesOn = direction === 'received' ? 'debit' : 'credit';
    const lowersOn = direction === 'received' ? 'credit' : 'debit';
    let balance = opening;
    let debits = new Big(0);
    let credits = new Big(0);
    const rows: Row[] = [
      {
        date: range.from,
        type: 'Opening balance',
        number: null,
        reference: null,
        debit: null,
        credit: null,
        balance: amount(opening),
      },
    ];
    for (const entry of entries) {
      const value = dec(amount(entry.amount));
      balance = balance.plus(value);
      const column = value.gte(0) ? raisesOn : lowersOn;
      if (column === 'debit') debits = debits.plus(value.abs());
      else credits = credits.plus(value.abs());
      rows.push({
        date: entry.date,
        type:
          entry.type === 'payment' && direction === 'made'
            ? 'Payment made'
            : entry.type === 'payment'
              ? 'Payment received'
              : STATEMENT_TYPE_LABELS[entry.type as Exclude<StatementEntryType, 'opening'>],
        number: entry.number,
        reference: entry.reference,
        debit: column === 'debit' ? amount(value.abs()) : null,
        credit: column === 'credit' ? amount(value.abs()) : null,
        balance: amount(balance),
        entryType: entry.type,
        id: entry.id,
      });
    }
    return {
      party,
      result: {
        name: side.name,
        title: `${side.title}: ${party.name}`,
        filters: { [side.idField]: partyId, ...range },
        columns: [
          col('date', 'Date', 'date'),
          col('type', 'Type', 'text'),
          col('number', 'Number', 'text'),
          col('reference', 'Reference', 'text'),
          col('debit', 'Debit', 'money'),
          col('credit', 'Credit', 'money'),
          col('balance', 'Balance', 'money'),
        ],
        rows,
        totals: {
          date: range.to,
          type: 'Closing balance',
          number: null,
          reference: null,
          debit: amount(debits),
          credit: amount(credits),
          balance: amount(balance),
        },
      },
    };
  }

  async statementPdf(direction: 'received' | 'made', report: StatementReport): Promise<Buffer> {
    const tenant = await this.tenants.findById(this.context.tenantId);
    const { result, party } = report;
    return renderStatementPdf({
      title: STATEMENT_SIDES[direction].title,
      tenant: {
        name: tenant?.name ?? '',
        address: tenant?.address ?? null,
        taxId: tenant?.taxId ?? null,
        currency: tenant?.currency ?? '',
      },
      party: {
        label: direction === 'received' ? 'Customer' : 'Supplier',
        name: party.name,
        address: party.address,
        taxId: party.taxId,
        email: party.email,
      },
      balanceLabel: direction === 'received' ? 'Balance you owe' : 'Balance we owe',
      from: String(result.filters['from']),
      to: String(result.filters['to']),
      lines: result.rows.map((r): StatementPdfLine => ({
        date: String(r['date'] ?? ''),
        type: String(r['type'] ?? ''),
        number: r['number'] === null || r['number'] === undefined ? '' : String(r['number']),
        reference: r['reference'] === null || r['reference'] === undefined ? '' : String(r['reference']),
        debit: (r['debit'] as string | null) ?? null,
        credit: (r['credit'] as string | null) ?? null,
        balance: String(r['balance']),
      })),
      closing: {
        debit: String(result.totals?.['debit'] ?? '0.00'),
        credit: String(result.totals?.['credit'] ?? '0.00'),
        balance: String(result.totals?.['balance'] ?? '0.00'),
      },
      generatedAt: new Date().toISOString(),
    });
  }

  /**
   * Goods on hand at moving average cost: the stock ledger's own levels (two statements); the
   * total is the sum of the rounded values, as the ledger's total value is. Only a catalogue of
   * more goods than one read holds asks the ledger for its total separately.
   */
  async stockValuation(): Promise<ReportResult> {
    const levels = await this.stock.levels({ limit: STOCK_VALUATION_ROWS, offset: 0 });
    const totalValue =
      levels.total > levels.items.length
        ? (await this.stock.valuation()).totalValue
        : fromCents(levels.items.reduce((sum, item) => sum + toCents(item.value), 0n));
    return {
      name: 'stock-valuation',
      title: 'Stock valuation',
      filters: { asOf: todayUtc() },
      columns: [
        col('sku', 'SKU', 'text'),
        col('product', 'Product', 'text'),
        col('unit', 'Unit', 'text'),
        col('onHand', 'On hand', 'quantity'),
        col('averageCost', 'Average cost', 'money'),
        col('value', 'Value', 'money'),
      ],
      rows: levels.items.map((item) => ({
        productId: item.productId,
        sku: item.sku,
        product: item.name,
        unit: item.unit,
        onHand: item.onHand,
        averageCost: item.averageCost,
        value: amount(item.value),
      })),
      totals: {
        sku: 'Total',
        product: null,
        unit: null,
        onHand: null,
        averageCost: null,
        value: amount(totalValue),
      },
    };
  }

  /** Records a download (CSV, PDF) of a report with its filters in the audit trail. */
  async recordExport(name: ReportName, format: ReportFormat, filters: Record<string, string>): Promise<void> {
    await this.db.transaction(this.context.tenantId, () =>
      this.audit.record({
        action: 'report.exported',
        entityType: 'report',
        entityId: name,
        after: { ...filters, format },
      }),
    );
  }

  /**
   * This month and last (net of credit notes), the last 12 months including empty ones,
   * open receivables and payables, overdue invoices, low stock, pipeline, and the top five
   * customers and products by net sales over the same 12 months.
   */
  async dashboard(): Promise<Dashboard> {
    const today = todayUtc();
    const thisMonth = `${today.slice(0, 7)}-01`;
    const first = addMonths(thisMonth, -11);
    const until = addMonths(thisMonth, 1);
    const [tenant, byMonth, figures, top, pipeline] = await Promise.all([
      this.tenants.findById(this.context.tenantId),
      this.reports.netSalesByMonth(first, until),
      this.reports.dashboardFigures(today),
      this.reports.topSellers(first, until, DASHBOARD_TOP),
      this.opportunities.pipeline({}),
    ]);
    const salesByMonth = Array.from({ length: 12 }, (_, i) => {
      const month = addMonths(first, i).slice(0, 7);
      return { month, net: amount(byMonth.get(month)) };
    });
    return {
      currency: tenant?.currency ?? '',
      salesThisMonth: salesByMonth[11].net,
      salesLastMonth: salesByMonth[10].net,
      receivables: amount(figures.receivables),
      payables: amount(figures.payables),
      overdueInvoices: figures.overdueInvoices,
      lowStockProducts: figures.lowStockProducts,
      pipeline,
      salesByMonth,
      topCustomers: top.customers.map((c) => ({ id: c.id, name: c.name, net: amount(c.net) })),
      topProducts: top.products.map((p) => ({ id: p.id, sku: p.sku ?? '', name: p.name, net: amount(p.net) })),
    };
  }
}

export interface StatementReport {
  party: PartyDetails;
  result: ReportResult;
}
