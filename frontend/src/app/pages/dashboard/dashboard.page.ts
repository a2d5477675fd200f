import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Activity, Dashboard } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ChartComponent, chartPalette, ChartSeries, plotValue, withAlpha } from '../../core/chart.component';
import { ActivitiesApi } from '../../core/crm-api.service';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { NAVIGATION } from '../../core/navigation';
import { ReportsApi } from '../../core/reports-api.service';
import { ACTIVITY_TYPE_ICONS, ACTIVITY_TYPE_LABELS, STAGE_LABELS } from '../crm/shared/crm-labels';
import { bar, horizontalOptions, verticalOptions } from '../reports/chart-options';
import { periodLabel, presetRange } from '../reports/report-periods';

/** Sales this month against last: the change in percent, or null when last month had none. */
function change(current: string | undefined, previous: string | undefined): { percent: string; up: boolean } | null {
  if (current === undefined || previous === undefined) return null;
  const last = dec(previous);
  if (last.eq(0)) return null;
  const ratio = dec(current).minus(last).div(last.abs()).times(100);
  return { percent: ratio.abs().toFixed(1), up: ratio.gte(0) };
}

@Component({
  selector: 'bn-dashboard-page',
  imports: [
    RouterLink,
    DatePipe,
    DecimalPipe,
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    MatProgressBarModule,
    AmountPipe,
    ErrorBannerComponent,
    ChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1 data-testid="welcome">Welcome, {{ user()?.name }}</h1>
      </div>
      @if (showFigures()) {
        <bn-error-banner [error]="figuresError()">
          <button mat-button type="button" (click)="loadFigures()">Retry</button>
        </bn-error-banner>
        @if (figuresLoading()) {
          <mat-progress-bar mode="indeterminate" class="figures-progress" />
        }
        <section class="kpis" aria-label="Key figures">
          @if (has('salesThisMonth')) {
            <a
              class="kpi"
              routerLink="/reports/sales"
              [queryParams]="salesLink"
              data-testid="kpi-sales"
              aria-label="Sales this month: open the sales report"
            >
              <span class="kpi-icon"><mat-icon>trending_up</mat-icon></span>
              <span class="kpi-label">Sales this month</span>
              <span class="kpi-value">
                {{ figures()?.salesThisMonth | amount }} <small>{{ currency() }}</small>
              </span>
              <span class="kpi-note">
                @if (salesChange(); as c) {
                  <span class="trend" [class.up]="c.up" [class.down]="!c.up" data-testid="kpi-sales-change">
                    <mat-icon>{{ c.up ? 'arrow_upward' : 'arrow_downward' }}</mat-icon>{{ c.percent }} %
                  </span>
                }
                vs {{ figures()?.salesLastMonth | amount }} last month
              </span>
            </a>
          }
          @if (has('receivables')) {
            <a class="kpi" routerLink="/reports/receivables" data-testid="kpi-receivables">
              <span class="kpi-icon"><mat-icon>call_received</mat-icon></span>
              <span class="kpi-label">Receivables</span>
              <span class="kpi-value">
                {{ figures()?.receivables | amount }} <small>{{ currency() }}</small>
              </span>
              <span class="kpi-note">Open on customer invoices</span>
            </a>
          }
          @if (has('payables')) {
            <a class="kpi" routerLink="/reports/payables" data-testid="kpi-payables">
              <span class="kpi-icon"><mat-icon>call_made</mat-icon></span>
              <span class="kpi-label">Payables</span>
              <span class="kpi-value">
                {{ figures()?.payables | amount }} <small>{{ currency() }}</small>
              </span>
              <span class="kpi-note">Open on supplier bills</span>
            </a>
          }
          @if (has('overdueInvoices')) {
            <a
              class="kpi"
              [class.alert]="(figures()?.overdueInvoices ?? 0) > 0"
              routerLink="/sales/invoices"
              [queryParams]="{ status: 'overdue' }"
              data-testid="kpi-overdue"
            >
              <span class="kpi-icon"><mat-icon>schedule</mat-icon></span>
              <span class="kpi-label">Overdue invoices</span>
              <span class="kpi-value">{{ figures()?.overdueInvoices | number }}</span>
              <span class="kpi-note">Past their due date, unpaid</span>
            </a>
          }
          @if (has('lowStockProducts')) {
            <a
              class="kpi"
              [class.alert]="(figures()?.lowStockProducts ?? 0) > 0"
              routerLink="/inventory/stock"
              [queryParams]="{ lowStock: true }"
              data-testid="kpi-low-stock"
            >
              <span class="kpi-icon"><mat-icon>production_quantity_limits</mat-icon></span>
              <span class="kpi-label">Low stock</span>
              <span class="kpi-value">{{ figures()?.lowStockProducts | number }}</span>
              <span class="kpi-note">Products at or below reorder level</span>
            </a>
          }
        </section>

        @if (has('salesByMonth') || has('pipeline')) {
          <section class="charts">
            @if (has('salesByMonth')) {
              <mat-card appearance="outlined" class="chart-card wide" data-testid="dashboard-sales-chart">
                <mat-card-header>
                  <mat-card-title>Sales, last 12 months</mat-card-title>
                  <mat-card-subtitle>Net of credit notes, before tax · {{ currency() }}</mat-card-subtitle>
                </mat-card-header>
                <mat-card-content>
                  <bn-chart
                    type="bar"
                    [labels]="salesChart().labels"
                    [datasets]="salesChart().datasets"
                    [options]="monthOptions"
                    [height]="260"
                    label="Net sales of the last 12 months"
                  />
                </mat-card-content>
                <mat-card-actions>
                  <a mat-button routerLink="/reports/sales">Sales report</a>
                </mat-card-actions>
              </mat-card>
            }
            @if (has('pipeline')) {
              <mat-card appearance="outlined" class="chart-card" data-testid="dashboard-pipeline-chart">
                <mat-card-header>
                  <mat-card-title>Pipeline by stage</mat-card-title>
                  <mat-card-subtitle>{{ pipelineOpen() | amount }} {{ currency() }} open</mat-card-subtitle>
                </mat-card-header>
                <mat-card-content>
                  <bn-chart
                    type="bar"
                    [labels]="pipelineChart().labels"
                    [datasets]="pipelineChart().datasets"
                    [options]="pipelineOptions()"
                    [height]="260"
                    label="Opportunity value by stage"
                  />
                </mat-card-content>
                <mat-card-actions>
                  <a mat-button routerLink="/crm/pipeline">Pipeline</a>
                </mat-card-actions>
              </mat-card>
            }
          </section>
        }

        @if (has('topCustomers') || has('topProducts')) {
          <section class="tops">
            @if (has('topCustomers')) {
              <mat-card appearance="outlined" data-testid="top-customers">
                <mat-card-header>
                  <mat-card-title>Top customers</mat-card-title>
                  <mat-card-subtitle>Net sales, last 12 months</mat-card-subtitle>
                </mat-card-header>
                <mat-card-content>
                  <ol class="ranking">
                    @for (c of topCustomers(); track c.id; let i = $index) {
                      <li [attr.data-testid]="'top-customer-' + i">
                        <span class="rank">{{ i + 1 }}</span>
                        <span class="who">
                          <a [routerLink]="['/sales/customers', c.id]">{{ c.name }}</a>
                          <span class="meter"><span [style.width.%]="c.share"></span></span>
                        </span>
                        <span class="amount">{{ c.net | amount }}</span>
                      </li>
                    } @empty {
                      <li class="none muted">No sales yet.</li>
                    }
                  </ol>
                </mat-card-content>
              </mat-card>
            }
            @if (has('topProducts')) {
              <mat-card appearance="outlined" data-testid="top-products">
                <mat-card-header>
                  <mat-card-title>Top products</mat-card-title>
                  <mat-card-subtitle>Net sales, last 12 months</mat-card-subtitle>
                </mat-card-header>
                <mat-card-content>
                  <ol class="ranking">
                    @for (p of topProducts(); track p.id; let i = $index) {
                      <li [attr.data-testid]="'top-product-' + i">
                        <span class="rank">{{ i + 1 }}</span>
                        <span class="who">
                          <a [routerLink]="['/inventory/products', p.id]">{{ p.name }}</a>
                          <small class="muted">{{ p.sku }}</small>
                          <span class="meter"><span [style.width.%]="p.share"></span></span>
                        </span>
                        <span class="amount">{{ p.net | amount }}</span>
                      </li>
                    } @empty {
                      <li class="none muted">No sales yet.</li>
                    }
                  </ol>
                </mat-card-content>
              </mat-card>
            }
          </section>
        }
      }
      <div class="grid">
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon mat-card-avatar>storefront</mat-icon>
            <mat-card-title>{{ user()?.tenant?.name }}</mat-card-title>
            <mat-card-subtitle>Your business</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl>
              <dt>Currency</dt>
              <dd>{{ user()?.tenant?.currency }}</dd>
              <dt>Tax id</dt>
              <dd>{{ user()?.tenant?.taxId || '—' }}</dd>
              <dt>Invoice prefix</dt>
              <dd>{{ user()?.tenant?.invoicePrefix }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon mat-card-avatar>badge</mat-icon>
            <mat-card-title>{{ user()?.name }}</mat-card-title>
            <mat-card-subtitle>{{ user()?.email }}</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl>
              <dt>Role</dt>
              <dd data-testid="role">{{ user()?.role }}</dd>
            </dl>
          </mat-card-content>
          <mat-card-actions>
            <a mat-button routerLink="/account">Change password</a>
          </mat-card-actions>
        </mat-card>
        @if (showActivities()) {
          <mat-card appearance="outlined" data-testid="my-activities">
            <mat-card-header>
              <mat-icon mat-card-avatar>task_alt</mat-icon>
              <mat-card-title>My open activities</mat-card-title>
              <mat-card-subtitle>
                @if (activitiesTotal() > activities().length) {
                  {{ activities().length }} of {{ activitiesTotal() }}, overdue first
                } @else {
                  Overdue first
                }
              </mat-card-subtitle>
            </mat-card-header>
            <mat-card-content>
              @if (activitiesError(); as message) {
                <p class="muted">{{ message }}</p>
              }
              <ul class="activities">
                @for (a of activities(); track a.id) {
                  <li [class.overdue]="a.overdue" [attr.data-testid]="'dashboard-activity-' + a.subject">
                    <mat-icon [attr.aria-label]="typeLabels[a.type]">{{ typeIcons[a.type] }}</mat-icon>
                    <span class="subject">
                      {{ a.subject }}
                      @if (a.customerName || a.opportunityTitle) {
                        <small class="muted">{{ a.customerName ?? a.opportunityTitle }}</small>
                      }
                    </span>
                    <time [attr.datetime]="a.dueAt">
                      @if (a.overdue) {
                        <span class="visually-hidden">Overdue: </span>
                      }
                      {{ a.dueAt | date: 'MMM d, h:mm a' }}
                    </time>
                  </li>
                } @empty {
                  @if (activitiesLoaded() && !activitiesError()) {
                    <li class="none muted">Nothing open. Well done.</li>
                  }
                }
              </ul>
            </mat-card-content>
            <mat-card-actions>
              <a mat-button routerLink="/crm/activities" data-testid="all-activities">All activities</a>
            </mat-card-actions>
          </mat-card>
        }
      </div>
      <h2>Your modules</h2>
      <div class="modules">
        @for (item of modules(); track item.path) {
          <a mat-stroked-button [routerLink]="item.path"
            ><mat-icon>{{ item.icon }}</mat-icon
            >{{ item.label }}</a
          >
        }
      </div>
    </div>
  `,
  styles: `
    .figures-progress {
      margin-bottom: 8px;
    }
    .kpis {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
      gap: 16px;
      margin-bottom: 16px;
    }
    .kpi {
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-areas:
        'icon label'
        'value value'
        'note note';
      align-items: center;
      gap: 6px 10px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
      color: inherit;
      text-decoration: none;
      transition:
        border-color 120ms,
        box-shadow 120ms;
    }
    .kpi:hover,
    .kpi:focus-visible {
      border-color: var(--mat-sys-primary);
      box-shadow: 0 1px 4px rgba(0, 0, 0, 0.08);
    }
    .kpi-icon {
      grid-area: icon;
      display: grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .kpi-icon mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .kpi.alert .kpi-icon {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .kpi-label {
      grid-area: label;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .kpi-value {
      grid-area: value;
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .kpi-value small {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .kpi-note {
      grid-area: note;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .trend {
      display: inline-flex;
      align-items: center;
      font-weight: 500;
      margin-right: 4px;
    }
    .trend mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    .trend.up {
      color: #2e7d32;
    }
    .trend.down {
      color: var(--mat-sys-error);
    }
    .charts {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
      gap: 16px;
      margin-bottom: 16px;
    }
    .charts .chart-card:only-child {
      grid-column: 1 / -1;
    }
    .chart-card mat-card-content {
      padding-top: 12px;
    }
    .tops {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
      margin-bottom: 16px;
    }
    .ranking {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
    }
    .ranking li {
      display: grid;
      grid-template-columns: 24px minmax(0, 1fr) auto;
      align-items: center;
      gap: 10px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .ranking li:last-child {
      border-bottom: none;
    }
    .ranking li.none {
      display: block;
    }
    .rank {
      display: grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-medium);
    }
    .who {
      min-width: 0;
    }
    .who a {
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .who a:hover {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .who small {
      margin-left: 6px;
      white-space: nowrap;
    }
    .meter {
      display: block;
      height: 4px;
      margin-top: 6px;
      border-radius: 2px;
      background: var(--mat-sys-surface-container-high);
      overflow: hidden;
    }
    .meter span {
      display: block;
      height: 100%;
      border-radius: 2px;
      background: var(--mat-sys-primary);
    }
    .amount {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    @media (max-width: 959px) {
      .charts {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    @media (max-width: 719px) {
      .tops {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    @media (max-width: 599px) {
      .kpis {
        grid-template-columns: minmax(0, 1fr);
        gap: 12px;
      }
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
      gap: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 12px 0 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      text-transform: none;
    }
    [mat-card-avatar] {
      display: grid;
      place-items: center;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 28px 0 12px;
    }
    .modules {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .activities {
      list-style: none;
      margin: 12px 0 0;
      padding: 0;
    }
    .activities li {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 0 6px 6px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .activities li mat-icon {
      flex: none;
      font-size: 20px;
      width: 20px;
      height: 20px;
      color: var(--mat-sys-on-surface-variant);
    }
    .activities .subject {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .activities .subject small {
      display: block;
    }
    .activities time {
      font: var(--mat-sys-body-small);
      white-space: nowrap;
    }
    .activities li.overdue {
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    .activities li.overdue time {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .activities li.none {
      border: none;
    }
  `,
})
export class DashboardPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly activitiesApi = inject(ActivitiesApi);
  readonly user = this.auth.currentUser;
  readonly typeIcons = ACTIVITY_TYPE_ICONS;
  readonly typeLabels = ACTIVITY_TYPE_LABELS;
  readonly showActivities = computed(() => {
    this.user();
    return this.auth.can('crm.read');
  });
  private readonly reports = inject(ReportsApi);
  readonly showFigures = computed(() => {
    this.user();
    return this.auth.can('reports.read');
  });
  readonly figures = signal<Partial<Dashboard> | null>(null);
  readonly figuresLoading = signal(false);
  readonly figuresError = signal<ApiError | null>(null);
  readonly currency = computed(() => this.figures()?.currency ?? this.user()?.tenant?.currency ?? '');
  readonly salesChange = computed(() => change(this.figures()?.salesThisMonth, this.figures()?.salesLastMonth));
  /** This month, day by day, in the sales report. */
  readonly salesLink = { ...presetRange('this-month'), groupBy: 'day' };
  readonly salesChart = computed(() => {
    const months = this.figures()?.salesByMonth ?? [];
    const colors = chartPalette();
    const series: ChartSeries = bar(
      'Net sales',
      months.map((m) => plotValue(m.net)),
      colors.primary,
    );
    // The month under way stands out; the closed ones are a lighter shade.
    series.backgroundColor = months.map((_, i) =>
      i === months.length - 1 ? colors.primary : withAlpha(colors.primary, 0.55),
    );
    return { labels: months.map((m) => periodLabel(m.month, true)), datasets: [series] };
  });
  readonly monthOptions = verticalOptions(chartPalette());
  readonly pipelineChart = computed(() => {
    const stages = (this.figures()?.pipeline ?? []).filter((p) => p.stage !== 'lost');
    const colors = chartPalette();
    return {
      labels: stages.map((p) => STAGE_LABELS[p.stage] ?? p.stage),
      datasets: [
        bar(
          'Value',
          stages.map((p) => plotValue(p.total)),
          withAlpha(colors.primary, 0.35),
        ),
        bar(
          'Weighted',
          stages.map((p) => plotValue(p.weighted)),
          colors.primary,
        ),
      ],
    };
  });
  readonly pipelineOptions = computed(() => horizontalOptions(chartPalette(), this.pipelineChart().labels));
  readonly pipelineOpen = computed(() =>
    (this.figures()?.pipeline ?? [])
      .filter((p) => p.stage !== 'won' && p.stage !== 'lost')
      .reduce((total, p) => total.plus(dec(p.total)), dec(0))
      .toFixed(2),
  );
  readonly topCustomers = computed(() => this.ranked(this.figures()?.topCustomers ?? []));
  readonly topProducts = computed(() => this.ranked(this.figures()?.topProducts ?? []));
  readonly activities = signal<Activity[]>([]);
  readonly activitiesTotal = signal(0);
  readonly activitiesLoaded = signal(false);
  readonly activitiesError = signal<string | null>(null);
  readonly modules = computed(() => {
    this.user();
    return NAVIGATION.filter((n) => n.path !== '/dashboard' && (!n.permission || this.auth.can(n.permission)));
  });

  ngOnInit(): void {
    if (this.showFigures()) this.loadFigures();
    if (!this.showActivities()) return;
    this.activitiesApi.list({ mine: true, open: true, limit: 5, offset: 0 }).subscribe({
      next: (page) => {
        this.activities.set(page.items);
        this.activitiesTotal.set(page.total);
        this.activitiesLoaded.set(true);
      },
      error: (e: unknown) => {
        this.activitiesError.set(toApiError(e).message);
        this.activitiesLoaded.set(true);
      },
    });
  }

  /** Whether the dashboard answered this part (a role gets only the parts it may read). */
  has(key: keyof Dashboard): boolean {
    const figures = this.figures();
    return figures === null
      ? this.figuresLoading() && key !== 'pipeline'
      : figures[key] !== undefined && figures[key] !== null;
  }

  loadFigures(): void {
    this.figuresLoading.set(true);
    this.figuresError.set(null);
    this.reports.dashboard().subscribe({
      next: (figures) => {
        this.figures.set(figures);
        this.figuresLoading.set(false);
      },
      error: (e: unknown) => {
        this.figuresError.set(toApiError(e));
        this.figuresLoading.set(false);
      },
    });
  }

  /** Each entry's share of the largest, for its bar. */
  private ranked<T extends { net: string }>(items: T[]): (T & { share: number })[] {
    const max = Math.max(0, ...items.map((i) => plotValue(i.net) ?? 0));
    return items.map((i) => ({ ...i, share: max > 0 ? Math.max(2, ((plotValue(i.net) ?? 0) / max) * 100) : 0 }));
  }
}
