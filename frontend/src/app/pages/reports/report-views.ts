import {
  AGING_BUCKETS,
  PROFIT_GROUPINGS,
  SALES_GROUPINGS,
  TAX_PERIODS,
  type ReportCell,
  type ReportColumn,
  type ReportName,
  type ReportResult,
} from '@billinator/contracts';
import { ChartKind, ChartPalette, ChartSeries, ChartSettings, plotValue, withAlpha } from '../../core/chart.component';
import { bar, horizontalHeight, horizontalOptions, line, verticalOptions } from './chart-options';
import { chartMoney } from '../../core/chart.component';
import { periodLabel } from './report-periods';

export interface ChartSpec {
  type: ChartKind;
  labels: string[];
  datasets: ChartSeries[];
  options: ChartSettings;
  height: number;
  /** What it shows, for the panel's heading and screen readers. */
  title: string;
}

export interface GroupingControl {
  /** The query parameter: `groupBy` (sales, profit) or `period` (tax). */
  param: 'groupBy' | 'period';
  label: string;
  options: readonly { value: string; label: string }[];
  default: string;
}

/** One tab of the reports section: which report, which filters, which chart. */
export interface ReportView {
  slug: string;
  title: string;
  description: string;
  /** `statement`: the customer or supplier statement, by the party picked. */
  report: ReportName | 'statement';
  /** `from`/`to` with presets. */
  period?: boolean;
  grouping?: GroupingControl;
  /** `asOf` date (aging). */
  asOf?: boolean;
  icon: string;
  chart?: (result: ReportResult, colors: ChartPalette) => ChartSpec | null;
}

const GROUP_LABELS: Record<string, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  customer: 'Customer',
  product: 'Product',
};

function options(values: readonly string[]) {
  return values.map((value) => ({ value, label: GROUP_LABELS[value] ?? value }));
}

const TIME_GROUPS = new Set(['day', 'week', 'month', 'quarter', 'year', 'period', 'date']);
const TOP = 10;

// ---- finding columns by meaning (the report's keys, with tolerant fallbacks) ----

function normal(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The first column whose key is one of `keys` (ignoring case and separators), else one containing them. */
export function findColumn(result: ReportResult, ...keys: string[]): ReportColumn | undefined {
  const wanted = keys.map(normal);
  return (
    result.columns.find((c) => wanted.includes(normal(c.key))) ??
    result.columns.find((c) => wanted.some((w) => normal(c.key).includes(w)))
  );
}

/** The column naming each row for a chart: the period, customer, supplier or product (not the SKU). */
export function nameColumn(result: ReportResult): ReportColumn | undefined {
  for (const key of ['period', 'customer', 'supplier', 'product', 'name']) {
    const column = result.columns.find((c) => c.key === key);
    if (column) return column;
  }
  return labelColumn(result);
}

/** The column naming each row: the first text or date column. */
export function labelColumn(result: ReportResult): ReportColumn | undefined {
  return result.columns.find((c) => c.type === 'text' || c.type === 'date') ?? result.columns[0];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A row's label for a chart axis: periods and dates short and readable. */
export function axisLabel(value: ReportCell): string {
  if (value === null || value === undefined) return '—';
  const text = String(value);
  const day = DAY.exec(text);
  if (day) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]}`;
  return periodLabel(text, true);
}

function isTimeSeries(result: ReportResult, label: ReportColumn | undefined): boolean {
  const grouping = result.filters['groupBy'] ?? result.filters['period'];
  if (grouping) return TIME_GROUPS.has(grouping);
  return !!label && (label.type === 'date' || TIME_GROUPS.has(normal(label.key)));
}

/** The rows with the largest `by`, at most `TOP`, largest first. */
function top(result: ReportResult, by: ReportColumn): Record<string, ReportCell>[] {
  return [...result.rows]
    .sort((a, b) => (plotValue(b[by.key]) ?? 0) - (plotValue(a[by.key]) ?? 0))
    .slice(0, TOP)
    .filter((row) => (plotValue(row[by.key]) ?? 0) !== 0);
}

// ---- one chart per report ----

/**
 * The rows of a time series with the periods that had nothing added as empty rows, so a chart
 * of months (or of the days of a short period) shows every one of them, not only the busy ones.
 */
export function filledSeries(result: ReportResult, label: ReportColumn): Record<string, ReportCell>[] {
  const { from, to } = result.filters;
  const rows = result.rows;
  if (!from || !to || rows.length === 0) return rows;
  const byKey = new Map(rows.map((r) => [String(r[label.key]), r]));
  const keys: string[] = [];
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  const first = String(rows[0][label.key] ?? '');
  if (/^\d{4}-\d{2}$/.test(first)) {
    for (let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)); d <= end;) {
      keys.push(d.toISOString().slice(0, 7));
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      if (keys.length > 60) return rows;
    }
  } else if (result.filters['groupBy'] === 'day' && DAY.test(first)) {
    if ((end.getTime() - start.getTime()) / 86_400_000 > 92) return rows;
    for (let d = start; d <= end; d = new Date(d.getTime() + 86_400_000)) keys.push(d.toISOString().slice(0, 10));
  } else {
    return rows;
  }
  // Rows outside the keys (should there be any) keep their place at the end.
  const extra = rows.filter((r) => !keys.includes(String(r[label.key])));
  return [...keys.map((k) => byKey.get(k) ?? { [label.key]: k }), ...extra];
}

function salesChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const label = nameColumn(result);
  const net = findColumn(result, 'net', 'netSales', 'taxable');
  if (!label || !net || result.rows.length === 0) return null;
  if (isTimeSeries(result, label)) {
    const filled = filledSeries(result, label);
    const labels = filled.map((r) => axisLabel(r[label.key]));
    return {
      type: 'bar',
      title: `Net sales by ${label.label.toLowerCase()}`,
      labels,
      datasets: [
        bar(
          net.label,
          filled.map((r) => plotValue(r[net.key])),
          colors.primary,
        ),
      ],
      options: verticalOptions(colors),
      height: 280,
    };
  }
  const rows = top(result, net);
  if (rows.length === 0) return null;
  const labels = rows.map((r) => String(r[label.key] ?? '—'));
  return {
    type: 'bar',
    title: `Top ${rows.length} by net sales`,
    labels,
    datasets: [
      bar(
        net.label,
        rows.map((r) => plotValue(r[net.key])),
        colors.primary,
      ),
    ],
    options: horizontalOptions(colors, labels),
    height: horizontalHeight(rows.length),
  };
}

function profitChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const label = nameColumn(result);
  const net = findColumn(result, 'net', 'netSales', 'sales');
  const cost = findColumn(result, 'cogs', 'cost', 'costOfGoodsSold');
  const profit = findColumn(result, 'profit', 'grossProfit');
  if (!label || !net || !profit || result.rows.length === 0) return null;
  if (isTimeSeries(result, label)) {
    const filled = filledSeries(result, label);
    const labels = filled.map((r) => axisLabel(r[label.key]));
    // Legend in reading order (net, cost, profit); the profit line is drawn over the bars.
    const datasets: ChartSeries[] = [
      bar(
        net.label,
        filled.map((r) => plotValue(r[net.key])),
        colors.primary,
        { order: 1 },
      ),
    ];
    if (cost) {
      datasets.push(
        bar(
          cost.label,
          filled.map((r) => plotValue(r[cost.key])),
          colors.neutral,
          { order: 2 },
        ),
      );
    }
    datasets.push(
      line(
        profit.label,
        filled.map((r) => plotValue(r[profit.key]) ?? 0),
        colors.success,
        { order: 0, tension: 0 } as Partial<ChartSeries>,
      ),
    );
    return {
      type: 'bar',
      title: `Net sales, cost of goods sold and profit by ${label.label.toLowerCase()}`,
      labels,
      datasets,
      options: verticalOptions(colors),
      height: 300,
    };
  }
  const rows = top(result, net);
  if (rows.length === 0) return null;
  const labels = rows.map((r) => String(r[label.key] ?? '—'));
  return {
    type: 'bar',
    title: `Top ${rows.length} by net sales, with their profit`,
    labels,
    datasets: [
      bar(
        net.label,
        rows.map((r) => plotValue(r[net.key])),
        colors.primary,
      ),
      bar(
        profit.label,
        rows.map((r) => plotValue(r[profit.key])),
        colors.success,
      ),
    ],
    options: horizontalOptions(colors, labels),
    height: horizontalHeight(rows.length, false),
  };
}

function taxChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const period = findColumn(result, 'period') ?? labelColumn(result);
  const output = findColumn(result, 'outputTax');
  const input = findColumn(result, 'inputTax');
  if (!period || !output || !input || result.rows.length === 0) return null;
  // A period has one row per tax rate: the chart sums the rates of each period.
  const sums = new Map<string, { output: number; input: number }>();
  for (const row of result.rows) {
    const key = String(row[period.key] ?? '—');
    const sum = sums.get(key) ?? { output: 0, input: 0 };
    sum.output += plotValue(row[output.key]) ?? 0;
    sum.input += plotValue(row[input.key]) ?? 0;
    sums.set(key, sum);
  }
  // Every month of the period, the quiet ones too.
  const keys = filledSeries({ ...result, rows: [...sums.keys()].map((k) => ({ [period.key]: k })) }, period).map((r) =>
    String(r[period.key]),
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    type: 'bar',
    title: 'Output tax (sales) against input tax (purchases)',
    labels: keys.map((k) => axisLabel(k)),
    datasets: [
      bar(
        output.label,
        keys.map((k) => round(sums.get(k)?.output ?? 0)),
        colors.primary,
      ),
      bar(
        input.label,
        keys.map((k) => round(sums.get(k)?.input ?? 0)),
        colors.tertiary,
      ),
    ],
    options: verticalOptions(colors),
    height: 280,
  };
}

/** Aging buckets: "current" in the theme's primary, then amber to the theme's error colour for 90+ days. */
function bucketColor(colors: ChartPalette, index: number): string {
  return [colors.primary, '#f2b33d', '#ec8a34', '#d9582b', colors.error][index] ?? colors.error;
}

function agingChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const party = nameColumn(result);
  const total = findColumn(result, 'total', 'balance');
  let buckets = AGING_BUCKETS.map((b) => result.columns.find((c) => normal(c.key) === normal(b))).filter(
    (c): c is ReportColumn => !!c,
  );
  if (buckets.length === 0) {
    buckets = result.columns.filter((c) => c.type === 'money' && c !== total);
  }
  if (!party || !total || buckets.length === 0 || result.rows.length === 0) return null;
  const rows = top(result, total);
  if (rows.length === 0) return null;
  const labels = rows.map((r) => String(r[party.key] ?? '—'));
  return {
    type: 'bar',
    title:
      result.rows.length > rows.length
        ? `The ${rows.length} largest open balances by days past due`
        : 'Open balances by days past due',
    labels,
    datasets: buckets.map((b, i) =>
      bar(
        b.label,
        rows.map((r) => plotValue(r[b.key])),
        bucketColor(colors, i),
        { borderRadius: 0, maxBarThickness: 22 } as Partial<ChartSeries>,
      ),
    ),
    options: horizontalOptions(colors, labels, true),
    height: horizontalHeight(rows.length) + 32,
  };
}

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` date as whole days since 1970, for a linear time axis. */
function dayNumber(date: string): number | null {
  return DAY.test(date) ? Date.parse(`${date}T00:00:00Z`) / DAY_MS : null;
}

function dayLabel(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Month starts between two day numbers, every `step` months so that at most 12 show (null: fewer than 3). */
function monthTicks(min: number, max: number): number[] | null {
  const starts: number[] = [];
  const first = new Date(min * DAY_MS);
  for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); ;) {
    const day = m.getTime() / DAY_MS;
    if (day > max) break;
    if (day >= min) starts.push(day);
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  if (starts.length < 3) return null;
  const step = [1, 2, 3, 6, 12].find((s) => starts.length / s <= 12) ?? 12;
  return starts.filter((_, i) => i % step === 0);
}

/** The running balance over the period, on a true time axis: it steps at each entry and runs to the period's end. */
function statementChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const date = findColumn(result, 'date') ?? labelColumn(result);
  const balance = findColumn(result, 'balance', 'runningBalance');
  if (!date || !balance || result.rows.length === 0) return null;
  const rows = result.totals ? [...result.rows, result.totals] : result.rows;
  const points = rows
    .map((r) => ({ x: dayNumber(String(r[date.key] ?? '')), y: plotValue(r[balance.key]) }))
    .filter((p): p is { x: number; y: number | null } => p.x !== null);
  if (points.length === 0) return null;
  const options = verticalOptions(colors);
  const spansYears =
    new Date(points[0].x * DAY_MS).getUTCFullYear() !== new Date(points[points.length - 1].x * DAY_MS).getUTCFullYear();
  const tickLabel = (day: number) => {
    const d = new Date(day * DAY_MS);
    if (d.getUTCDate() !== 1) return dayLabel(day);
    return spansYears ? `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).slice(2)}` : MONTHS[d.getUTCMonth()];
  };
  return {
    type: 'line',
    title: 'Running balance',
    labels: [],
    datasets: [
      line(balance.label, points, colors.primary, {
        fill: 'origin',
        backgroundColor: withAlpha(colors.primary, 0.12),
        stepped: true,
        tension: 0,
        pointRadius: 2,
      } as Partial<ChartSeries>),
    ],
    options: {
      ...options,
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      plugins: {
        ...options.plugins,
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? dayLabel(items[0].parsed.x ?? 0) : ''),
            label: (ctx) => ` ${ctx.dataset.label ?? ''}: ${ctx.parsed.y === null ? '—' : chartMoney(ctx.parsed.y)}`,
          },
        },
      },
      scales: {
        ...options.scales,
        x: {
          type: 'linear',
          min: points[0].x,
          max: points[points.length - 1].x,
          grid: { display: false },
          ticks: { callback: (v) => tickLabel(Number(v)), maxRotation: 0, autoSkipPadding: 12, maxTicksLimit: 12 },
          // Ticks on the first of the months (every second, third… when the period is long).
          afterBuildTicks: (axis) => {
            const ticks = monthTicks(axis.min, axis.max);
            if (ticks) axis.ticks = ticks.map((value) => ({ value }));
          },
        },
      },
    },
    height: 260,
  };
}

function stockChart(result: ReportResult, colors: ChartPalette): ChartSpec | null {
  const value = findColumn(result, 'value', 'stockValue');
  const name = findColumn(result, 'name', 'product') ?? labelColumn(result);
  if (!value || !name || result.rows.length === 0) return null;
  const rows = top(result, value);
  if (rows.length === 0) return null;
  const labels = rows.map((r) => String(r[name.key] ?? '—'));
  return {
    type: 'bar',
    title: `The ${rows.length} most valuable products in stock`,
    labels,
    datasets: [
      bar(
        value.label,
        rows.map((r) => plotValue(r[value.key])),
        colors.primary,
      ),
    ],
    options: horizontalOptions(colors, labels),
    height: horizontalHeight(rows.length),
  };
}

export const REPORT_VIEWS: Readonly<Record<string, ReportView>> = {
  sales: {
    slug: 'sales',
    title: 'Sales',
    description: 'Issued invoices less credit notes: count, net (taxable), tax and gross.',
    report: 'sales',
    period: true,
    grouping: { param: 'groupBy', label: 'Group by', options: options(SALES_GROUPINGS), default: 'month' },
    icon: 'trending_up',
    chart: salesChart,
  },
  'gross-profit': {
    slug: 'gross-profit',
    title: 'Gross profit',
    description: 'Net sales against the cost each line went out at: profit and margin.',
    report: 'gross-profit',
    period: true,
    grouping: { param: 'groupBy', label: 'Group by', options: options(PROFIT_GROUPINGS), default: 'month' },
    icon: 'savings',
    chart: profitChart,
  },
  tax: {
    slug: 'tax',
    title: 'Tax summary',
    description: 'Output tax on sales and input tax on purchases, per period and rate, and the net tax due.',
    report: 'tax-summary',
    period: true,
    grouping: { param: 'period', label: 'Per', options: options(TAX_PERIODS), default: 'month' },
    icon: 'account_balance',
    chart: taxChart,
  },
  receivables: {
    slug: 'receivables',
    title: 'Receivables aging',
    description: "What customers owe, by days past the invoices' due dates.",
    report: 'receivables-aging',
    asOf: true,
    icon: 'call_received',
    chart: agingChart,
  },
  payables: {
    slug: 'payables',
    title: 'Payables aging',
    description: 'What we owe suppliers, by days past the bills’ due dates.',
    report: 'payables-aging',
    asOf: true,
    icon: 'call_made',
    chart: agingChart,
  },
  statements: {
    slug: 'statements',
    title: 'Statements',
    description: 'A customer’s or supplier’s account: opening balance, documents and payments, running balance.',
    report: 'statement',
    period: true,
    icon: 'description',
    chart: statementChart,
  },
  'stock-valuation': {
    slug: 'stock-valuation',
    title: 'Stock valuation',
    description: 'Goods on hand valued at their moving average cost.',
    report: 'stock-valuation',
    icon: 'inventory_2',
    chart: stockChart,
  },
};
