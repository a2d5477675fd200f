import type { PipelineColumn } from './crm';

/**
 * Reports share one answer shape so that one table (and one chart) renders them all:
 * typed columns, rows keyed by column, and a totals row. Money and quantities stay
 * decimal strings; counts are numbers.
 */
export const REPORT_NAMES = [
  'sales',
  'gross-profit',
  'tax-summary',
  'receivables-aging',
  'payables-aging',
  'customer-statement',
  'supplier-statement',
  'stock-valuation',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type ReportColumnType = 'text' | 'date' | 'money' | 'quantity' | 'count' | 'percent';

export interface ReportColumn {
  key: string;
  label: string;
  type: ReportColumnType;
}

export type ReportCell = string | number | null;

export interface ReportResult {
  name: ReportName;
  title: string;
  /** The filters the figures are for, as applied (defaults filled in). */
  filters: Record<string, string>;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  totals: Record<string, ReportCell> | null;
}

/** `groupBy` of the sales report. */
export const SALES_GROUPINGS = ['day', 'week', 'month', 'customer', 'product'] as const;
export type SalesGrouping = (typeof SALES_GROUPINGS)[number];

export const PROFIT_GROUPINGS = ['month', 'customer', 'product'] as const;
export type ProfitGrouping = (typeof PROFIT_GROUPINGS)[number];

export const TAX_PERIODS = ['month', 'quarter', 'year'] as const;
export type TaxPeriod = (typeof TAX_PERIODS)[number];

/** Aging buckets by days past due, on the open balance of each invoice (bill). */
export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface Dashboard {
  currency: string;
  /** Net sales (before tax) of invoices issued this calendar month and last, less credit notes. */
  salesThisMonth: string;
  salesLastMonth: string;
  /** Open balance of customers' invoices / our bills. */
  receivables: string;
  payables: string;
  overdueInvoices: number;
  lowStockProducts: number;
  pipeline: PipelineColumn[];
  /** Net sales of the last 12 months, oldest first: `2026-01`. */
  salesByMonth: { month: string; net: string }[];
  topCustomers: { id: string; name: string; net: string }[];
  topProducts: { id: string; sku: string; name: string; net: string }[];
}
