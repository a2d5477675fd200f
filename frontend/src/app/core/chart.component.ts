import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  ChartDataset,
  ChartOptions,
  Point,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the app draws (bars, lines, category × linear axes), so the chunk stays small.
Chart.register(
  BarController,
  LineController,
  BarElement,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);

export type ChartKind = 'bar' | 'line';
/** One value per label, or `{x, y}` points on a linear x axis (e.g. days, for a balance over time). */
export type ChartData = (number | Point | null)[];
/** A bar or line series; a bar chart may carry a line series (e.g. profit over net vs cost). */
export type ChartSeries = ChartDataset<ChartKind, ChartData>;
export type ChartSettings = ChartOptions<ChartKind>;

/** The Material theme's colours, resolved to `rgb()` so a canvas can paint them. */
export interface ChartPalette {
  primary: string;
  secondary: string;
  tertiary: string;
  error: string;
  /** The green the app's "active" chips use: gains, profit. */
  success: string;
  neutral: string;
  grid: string;
  text: string;
  surface: string;
}

let palette: ChartPalette | null = null;

/** Resolves a CSS colour (a theme variable, `light-dark()`, …) to what the browser computes. */
function resolveColor(css: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = css;
  document.body.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

/** The theme's colours for charts (read once from `styles.scss`'s Material theme). */
export function chartPalette(): ChartPalette {
  palette ??= {
    primary: resolveColor('var(--mat-sys-primary)', '#005cbb'),
    secondary: resolveColor('var(--mat-sys-secondary)', '#565e71'),
    tertiary: resolveColor('var(--mat-sys-tertiary)', '#343dff'),
    error: resolveColor('var(--mat-sys-error)', '#ba1a1a'),
    success: '#2e7d32',
    neutral: resolveColor('var(--mat-sys-outline)', '#74777f'),
    grid: resolveColor('var(--mat-sys-outline-variant)', '#c4c6d0'),
    text: resolveColor('var(--mat-sys-on-surface-variant)', '#44474e'),
    surface: resolveColor('var(--mat-sys-surface)', '#ffffff'),
  };
  return palette;
}

/** `rgb(1, 2, 3)` at an opacity: `rgba(1, 2, 3, 0.4)`. Other notations come back unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)/.exec(color);
  return match ? `rgba(${match[1]}, ${match[2]}, ${match[3]}, ${alpha})` : color;
}

const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A money figure in a tooltip: `12,345.60`. */
export function chartMoney(value: number): string {
  return MONEY.format(value);
}

/** An axis tick: `12.3K`. */
export function chartCompact(value: number | string): string {
  return COMPACT.format(Number(value));
}

/** A decimal string as a number for plotting only; figures shown as text stay strings. */
export function plotValue(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

let defaultsApplied = false;

function applyDefaults(colors: ChartPalette): void {
  if (defaultsApplied) return;
  defaultsApplied = true;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'Roboto, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = colors.text;
  Chart.defaults.borderColor = colors.grid;
}

function baseOptions(colors: ChartPalette, custom: ChartSettings, series: number): ChartSettings {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: { duration: 300 },
    ...custom,
    interaction: { mode: 'index', intersect: false, ...custom.interaction },
    plugins: {
      ...custom.plugins,
      legend: {
        display: series > 1,
        position: 'bottom',
        // Series in the order given, whatever their drawing order (a line drawn over bars).
        labels: {
          usePointStyle: true,
          boxWidth: 8,
          boxHeight: 8,
          padding: 16,
          sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
        },
        ...custom.plugins?.legend,
      },
      tooltip: {
        backgroundColor: 'rgba(32, 33, 36, 0.92)',
        padding: 10,
        cornerRadius: 8,
        boxPadding: 4,
        usePointStyle: true,
        ...custom.plugins?.tooltip,
      },
    },
    color: colors.text,
  };
}

/**
 * One Chart.js chart on a canvas: created after the first render, updated whenever an input
 * changes, destroyed with the component. Pages describe the series; this owns the canvas.
 */
@Component({
  selector: 'bn-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart-box" [style.height.px]="height()">
      <canvas #canvas role="img" [attr.aria-label]="label()"></canvas>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .chart-box {
      position: relative;
      width: 100%;
    }
  `,
})
export class ChartComponent {
  readonly type = input<ChartKind>('bar');
  readonly labels = input<string[]>([]);
  readonly datasets = input<ChartSeries[]>([]);
  readonly options = input<ChartSettings>({});
  /** Height in CSS pixels; the width follows the container. */
  readonly height = input(280);
  /** What the chart shows, for screen readers. */
  readonly label = input('Chart');

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<ChartKind, ChartData, string> | null = null;

  constructor() {
    afterNextRender(() => this.create());
    effect(() => {
      const config = this.config();
      const chart = this.chart;
      if (!chart) return;
      if ((chart.config as ChartConfiguration<ChartKind>).type !== config.type) {
        chart.destroy();
        this.create();
        return;
      }
      chart.data.labels = config.data.labels;
      chart.data.datasets = config.data.datasets;
      chart.options = config.options ?? {};
      chart.update();
    });
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private config(): ChartConfiguration<ChartKind, ChartData, string> {
    const colors = chartPalette();
    const datasets = this.datasets();
    return {
      type: this.type(),
      data: { labels: [...this.labels()], datasets: datasets.map((d) => ({ ...d })) },
      options: baseOptions(colors, this.options(), datasets.length),
    };
  }

  private create(): void {
    applyDefaults(chartPalette());
    this.chart = new Chart(this.canvas().nativeElement, this.config());
  }
}
