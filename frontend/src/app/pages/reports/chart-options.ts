import {
  chartCompact,
  chartMoney,
  ChartData,
  ChartPalette,
  ChartSeries,
  ChartSettings,
  withAlpha,
} from '../../core/chart.component';

/** Shared looks of the report and dashboard charts: money tooltips, compact axes, rounded bars. */

export function truncate(text: string, length = 24): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function moneyTooltip(horizontal: boolean): ChartSettings['plugins'] {
  return {
    tooltip: {
      callbacks: {
        label: (ctx) => {
          const value = horizontal ? ctx.parsed.x : ctx.parsed.y;
          return ` ${ctx.dataset.label ?? ''}: ${value === null ? '—' : chartMoney(value)}`;
        },
      },
    },
  };
}

export function verticalOptions(colors: ChartPalette, stacked = false): ChartSettings {
  return {
    plugins: moneyTooltip(false),
    scales: {
      x: { stacked, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 6 } },
      y: {
        stacked,
        beginAtZero: true,
        border: { display: false },
        grid: { color: withAlpha(colors.grid, 0.6) },
        ticks: { callback: (v) => chartCompact(v), maxTicksLimit: 6 },
      },
    },
  };
}

export function horizontalOptions(colors: ChartPalette, labels: string[], stacked = false): ChartSettings {
  return {
    indexAxis: 'y',
    interaction: { mode: 'index', intersect: false, axis: 'y' },
    plugins: moneyTooltip(true),
    scales: {
      x: {
        stacked,
        beginAtZero: true,
        border: { display: false },
        grid: { color: withAlpha(colors.grid, 0.6) },
        ticks: { callback: (v) => chartCompact(v), maxTicksLimit: 6 },
      },
      y: {
        stacked,
        grid: { display: false },
        ticks: { autoSkip: false, callback: (_v, i) => truncate(labels[i] ?? '') },
      },
    },
  };
}

export function bar(label: string, data: ChartData, color: string, extra: Partial<ChartSeries> = {}): ChartSeries {
  return {
    type: 'bar',
    label,
    data,
    backgroundColor: color,
    hoverBackgroundColor: color,
    borderRadius: 4,
    maxBarThickness: 36,
    categoryPercentage: 0.7,
    barPercentage: 0.9,
    ...extra,
  } as ChartSeries;
}

export function line(label: string, data: ChartData, color: string, extra: Partial<ChartSeries> = {}): ChartSeries {
  return {
    type: 'line',
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    pointRadius: 3,
    pointHoverRadius: 5,
    tension: 0,
    ...extra,
  } as ChartSeries;
}

export function horizontalHeight(count: number, stacked = true): number {
  return Math.max(160, 48 + count * (stacked ? 30 : 44));
}
