import { formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, ParamMap, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginator, MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import { debounceTime, Subscription } from 'rxjs';
import type { ReportCell, ReportColumn, ReportName, ReportResult } from '@billinator/contracts';
import { roundHalfUp } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { chartPalette, ChartComponent } from '../../core/chart.component';
import { saveFile } from '../../core/csv-file';
import { formatDecimal } from '../../core/decimal-format';
import { ReportQuery, ReportsApi } from '../../core/reports-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { AnyParty, injectPartyApis, PartyKind } from '../parties/party-kind';
import { isParty, PartyChoice, PartyPickerComponent } from '../payments/party-picker.component';
import { entityPage } from '../audit/entity-links';
import {
  DATE_PATTERN,
  PERIOD_PRESETS,
  PeriodPreset,
  PRESET_LABELS,
  presetOf,
  presetRange,
  periodLabel,
  rangeLabel,
  today,
} from './report-periods';
import { REPORT_VIEWS, ReportView } from './report-views';

type Row = Record<string, ReportCell>;

const NUMERIC = new Set(['money', 'quantity', 'count', 'percent']);
const COUNT = new Intl.NumberFormat('en-US');
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Rows per page of the table; smaller reports show without a paginator. */
const PAGE = 100;

/** The filters of the report on screen, as read from (and written to) the address. */
interface ReportState {
  from: string;
  to: string;
  grouping: string;
  asOf: string;
  side: PartyKind;
  partyId: string | null;
}

/** A column's cell as text: money with two decimals and thousands grouped, percent, dates, periods. */
export function formatCell(column: ReportColumn, value: ReportCell): string {
  // Nothing in a cell is blank (a statement's debit or credit); a margin that cannot be computed is a dash.
  if (value === null || value === undefined || value === '') return column.type === 'percent' ? '—' : '';
  switch (column.type) {
    case 'money':
      return formatDecimal(String(value), 2);
    case 'quantity':
      return formatDecimal(String(value), 0);
    case 'count':
      return typeof value === 'number' ? COUNT.format(value) : formatDecimal(String(value), 0);
    case 'percent':
      return DECIMAL.test(String(value)) ? `${roundHalfUp(String(value), 1).toFixed(1)} %` : String(value);
    case 'date':
      return DATE_PATTERN.test(String(value)) ? formatDate(String(value), 'mediumDate', 'en-US') : String(value);
    default:
      return periodLabel(String(value));
  }
}

function isNegative(column: ReportColumn, value: ReportCell): boolean {
  return NUMERIC.has(column.type) && value !== null && /^-\d*\.?\d*[1-9]/.test(String(value));
}

/** An id field naming what a cell shows, for a link: `customerId` next to `customer`, … */
const LINKS: readonly { keys: RegExp; id: string; type: string }[] = [
  { keys: /^(customer|customerName|name|party|partyName)$/i, id: 'customerId', type: 'customer' },
  { keys: /^(supplier|supplierName|name|party|partyName)$/i, id: 'supplierId', type: 'supplier' },
  { keys: /^(product|productName|name)$/i, id: 'productId', type: 'product' },
];

/**
 * One page for every report (the route's `view`): its filters (kept in the address), a chart
 * where one helps, and the `ReportResult` as a table with typed formatting and a totals row.
 * Exports the same figures as CSV (and statements as PDF).
 */
@Component({
  selector: 'bn-report-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    PartyPickerComponent,
    ChartComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>{{ config().title }}</h1>
        <div class="header-actions">
          <button
            mat-stroked-button
            (click)="export('csv')"
            [disabled]="exporting() || !reportName()"
            data-testid="export-csv"
          >
            <mat-icon>download</mat-icon>Export CSV
          </button>
          @if (isStatement()) {
            <button
              mat-stroked-button
              (click)="export('pdf')"
              [disabled]="exporting() || !reportName()"
              data-testid="export-pdf"
            >
              <mat-icon>picture_as_pdf</mat-icon>PDF
            </button>
          }
        </div>
      </div>
      <p class="muted intro">{{ config().description }}</p>

      <div class="filters">
        @if (isStatement()) {
          <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
            <mat-label>Account of</mat-label>
            <mat-select [formControl]="side" data-testid="statement-side">
              <mat-option value="customers">Customer</mat-option>
              <mat-option value="suppliers">Supplier</mat-option>
            </mat-select>
          </mat-form-field>
          <bn-party-picker
            class="party-filter"
            [kind]="side.value"
            [control]="party"
            [label]="side.value === 'customers' ? 'Customer' : 'Supplier'"
            testId="statement-party"
            [compact]="true"
            [clearable]="true"
            (picked)="partyPicked($event)"
          />
        }
        @if (config().period) {
          <mat-form-field appearance="outline" class="filter preset-filter" subscriptSizing="dynamic">
            <mat-label>Period</mat-label>
            <mat-select [value]="preset()" (selectionChange)="choosePreset($event.value)" data-testid="report-preset">
              @for (p of presets; track p) {
                <mat-option [value]="p">{{ presetLabels[p] }}</mat-option>
              }
              <mat-option value="custom" disabled>Custom</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
            <mat-label>From</mat-label>
            <input matInput type="date" [formControl]="from" data-testid="report-from" />
          </mat-form-field>
          <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
            <mat-label>To</mat-label>
            <input matInput type="date" [formControl]="to" data-testid="report-to" />
          </mat-form-field>
        }
        @if (config().grouping; as g) {
          <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
            <mat-label>{{ g.label }}</mat-label>
            <mat-select [formControl]="grouping" data-testid="report-grouping">
              @for (o of g.options; track o.value) {
                <mat-option [value]="o.value">{{ o.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (config().asOf) {
          <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
            <mat-label>As of</mat-label>
            <input matInput type="date" [formControl]="asOf" data-testid="report-as-of" />
          </mat-form-field>
        }
      </div>

      <bn-error-banner [error]="error()">
        <button mat-button type="button" (click)="reload()">Retry</button>
      </bn-error-banner>

      @if (result(); as r) {
        <div class="summary" data-testid="report-summary">
          <span class="summary-title">{{ r.title }}</span>
          @if (appliedRange(); as range) {
            <span class="muted">{{ range }}</span>
          }
          <span class="muted">{{ rowCount() }}</span>
        </div>
      }

      @if (chart(); as c) {
        <section class="panel chart-panel" data-testid="report-chart">
          <h2>{{ c.title }}</h2>
          <bn-chart
            [type]="c.type"
            [labels]="c.labels"
            [datasets]="c.datasets"
            [options]="c.options"
            [height]="c.height"
            [label]="c.title"
          />
        </section>
      }

      <div class="table-wrap report-wrap">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <table mat-table [dataSource]="rows" matSort data-testid="report-table" [attr.aria-label]="config().title">
          @for (col of columns(); track col.key; let first = $first) {
            <ng-container [matColumnDef]="col.key" [sticky]="first">
              <th
                mat-header-cell
                *matHeaderCellDef
                mat-sort-header
                [class.num]="numeric(col)"
                [arrowPosition]="numeric(col) ? 'before' : 'after'"
              >
                {{ col.label }}
              </th>
              <td
                mat-cell
                *matCellDef="let row"
                [class.num]="numeric(col)"
                [class.neg]="negative(col, row[col.key])"
                [class.zero]="zero(col, row[col.key])"
                [class.wraps]="wraps(col)"
              >
                @if (linkOf(col, row); as link) {
                  <a class="row-link" [routerLink]="link">{{ cell(col, row[col.key]) }}</a>
                } @else {
                  {{ cell(col, row[col.key]) }}
                }
              </td>
              <td
                mat-footer-cell
                *matFooterCellDef
                [class.num]="numeric(col)"
                [attr.data-testid]="'report-total-' + col.key"
              >
                {{ totalOf(col, first) }}
              </td>
            </ng-container>
          }
          <tr mat-header-row *matHeaderRowDef="columnKeys(); sticky: true"></tr>
          <tr mat-row *matRowDef="let row; columns: columnKeys()"></tr>
          <tr
            mat-footer-row
            *matFooterRowDef="columnKeys(); sticky: true"
            class="totals"
            [class.no-totals]="!result()?.totals || rows.data.length === 0"
          ></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columnKeys().length || 1" data-testid="empty-state">
              @if (needsParty()) {
                <mat-icon>person_search</mat-icon>
                Pick a {{ side.value === 'customers' ? 'customer' : 'supplier' }} to see their statement.
              } @else if (loaded()) {
                <mat-icon>{{ config().icon }}</mat-icon>
                Nothing to report for these filters.
                @if (config().period && preset() !== 'last-year') {
                  <div class="empty-actions">
                    <button mat-stroked-button type="button" (click)="choosePreset('last-year')">Show last year</button>
                  </div>
                }
              }
            </td>
          </tr>
        </table>
      </div>
      <mat-paginator
        [class.hidden]="rows.data.length <= pageSize"
        [pageSize]="pageSize"
        [pageSizeOptions]="[100, 250, 500]"
        aria-label="Pages of the report"
      />
    </div>
  `,
  styles: `
    .intro {
      margin: -8px 0 16px;
    }
    .filters .date-filter {
      width: 160px;
    }
    .filters .party-filter {
      width: 260px;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 16px;
      margin: 4px 0 12px;
    }
    .summary-title {
      font: var(--mat-sys-title-medium);
    }
    .chart-panel h2 {
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .report-wrap {
      overflow: auto;
      max-height: min(72vh, 760px);
    }
    .report-wrap th.mat-mdc-header-cell {
      background: var(--mat-sys-surface-container-low);
      font-weight: 500;
      white-space: nowrap;
    }
    td.neg {
      color: var(--mat-sys-error);
    }
    td.zero {
      color: var(--mat-sys-outline);
    }
    .report-wrap td.mat-mdc-cell,
    .report-wrap td.mat-mdc-footer-cell {
      white-space: nowrap;
    }
    .report-wrap td.mat-mdc-cell.wraps {
      white-space: normal;
      min-width: 140px;
    }
    .report-wrap td.mat-mdc-table-sticky {
      background: var(--mat-sys-surface);
      min-width: 100px;
    }
    .report-wrap th.mat-mdc-table-sticky-border-elem-left,
    .report-wrap td.mat-mdc-table-sticky-border-elem-left {
      border-right: 1px solid var(--mat-sys-outline-variant);
    }
    tr.totals td {
      font-weight: 500;
      background: var(--mat-sys-surface-container-low);
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    tr.no-totals {
      display: none;
    }
    mat-paginator.hidden {
      display: none;
    }
    @media (max-width: 599px) {
      .report-wrap .mat-mdc-footer-cell {
        padding: 0 8px;
      }
      .filters .date-filter,
      .filters .party-filter,
      .filters .filter {
        flex: 1 1 140px;
        width: auto;
      }
      .filters .party-filter,
      .filters .preset-filter {
        flex-basis: 100%;
      }
    }
  `,
})
export class ReportPage {
  private readonly api = inject(ReportsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly snackBar = inject(MatSnackBar);
  private readonly partyApis = injectPartyApis();

  /** From the route's data: a key of `REPORT_VIEWS`. */
  readonly view = input.required<string>();
  readonly config = computed<ReportView>(() => REPORT_VIEWS[this.view()] ?? REPORT_VIEWS['sales']);
  readonly isStatement = computed(() => this.config().report === 'statement');

  readonly presets = PERIOD_PRESETS;
  readonly presetLabels = PRESET_LABELS;
  readonly pageSize = PAGE;

  readonly from = new FormControl('', { nonNullable: true });
  readonly to = new FormControl('', { nonNullable: true });
  readonly grouping = new FormControl('', { nonNullable: true });
  readonly asOf = new FormControl('', { nonNullable: true });
  readonly side = new FormControl<PartyKind>('customers', { nonNullable: true });
  readonly party = new FormControl<PartyChoice>('');

  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  readonly state = computed(() => this.readState(this.params()));
  readonly preset = computed(() => presetOf(this.state()));
  readonly reportName = computed<ReportName | null>(() => {
    const report = this.config().report;
    if (report !== 'statement') return report;
    if (!this.state().partyId) return null;
    return this.state().side === 'customers' ? 'customer-statement' : 'supplier-statement';
  });
  readonly needsParty = computed(() => this.isStatement() && !this.state().partyId);

  readonly result = signal<ReportResult | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly exporting = signal(false);
  readonly rows = new MatTableDataSource<Row>([]);

  readonly columns = computed(() => this.result()?.columns ?? []);
  readonly columnKeys = computed(() => this.columns().map((c) => c.key));
  readonly chart = computed(() => {
    const result = this.result();
    const build = this.config().chart;
    if (!result || !build || result.rows.length === 0) return null;
    return build(result, chartPalette());
  });
  readonly appliedRange = computed(() => {
    const filters = this.result()?.filters ?? {};
    if (filters['asOf']) return `As of ${rangeLabel({ from: filters['asOf'], to: filters['asOf'] }).split(' – ')[0]}`;
    return rangeLabel({ from: filters['from'], to: filters['to'] });
  });
  readonly rowCount = computed(() => {
    const n = this.result()?.rows.length ?? 0;
    return n === 1 ? '1 row' : `${COUNT.format(n)} rows`;
  });

  private readonly sort = viewChild.required(MatSort);
  private readonly paginator = viewChild.required(MatPaginator);
  private pending?: Subscription;
  private partyLookup?: Subscription;

  constructor() {
    // Sorting orders rows only; the figures stay the strings the server sent.
    this.rows.sortingDataAccessor = (row, key) => {
      const column = this.columns().find((c) => c.key === key);
      const value = row[key];
      if (column && NUMERIC.has(column.type)) return value === null ? Number.NEGATIVE_INFINITY : Number(value);
      return value === null ? '' : String(value).toLowerCase();
    };
    effect(() => {
      this.rows.sort = this.sort();
      this.rows.paginator = this.paginator();
    });
    // The address is the truth: each change of it (a filter, a link, back) shows its figures.
    effect(() => {
      const state = this.state();
      const name = this.reportName();
      untracked(() => {
        this.showState(state);
        this.load(name, state);
      });
    });
    this.from.valueChanges.pipe(debounceTime(400), takeUntilDestroyed()).subscribe(() => this.datesChanged());
    this.to.valueChanges.pipe(debounceTime(400), takeUntilDestroyed()).subscribe(() => this.datesChanged());
    this.asOf.valueChanges.pipe(debounceTime(400), takeUntilDestroyed()).subscribe((asOf) => {
      if (DATE_PATTERN.test(asOf) && asOf !== this.state().asOf) this.navigate({ asOf });
    });
    this.grouping.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      const g = this.config().grouping;
      if (g) this.navigate({ [g.param]: value });
    });
    this.side.valueChanges.pipe(takeUntilDestroyed()).subscribe((side) => {
      this.party.setValue('');
      this.navigate({
        party: side === 'suppliers' ? 'supplier' : null,
        customerId: null,
        supplierId: null,
      });
    });
  }

  /** Names may wrap; periods, dates, numbers and document numbers stay on one line. */
  wraps(column: ReportColumn): boolean {
    return column.type === 'text' && /customer|supplier|product|name|reference|description/i.test(column.key);
  }

  numeric(column: ReportColumn): boolean {
    return NUMERIC.has(column.type);
  }

  negative(column: ReportColumn, value: ReportCell): boolean {
    return isNegative(column, value);
  }

  /** Zero amounts are muted, so the figures that matter stand out (an aging table is mostly zeros). */
  zero(column: ReportColumn, value: ReportCell): boolean {
    return column.type === 'money' && value !== null && /^-?0*(\.0*)?$/.test(String(value));
  }

  cell(column: ReportColumn, value: ReportCell): string {
    return formatCell(column, value);
  }

  /** The totals row: its figures, and "Total" in the first column when that has none. */
  totalOf(column: ReportColumn, first: boolean): string {
    const totals = this.result()?.totals;
    if (!totals) return '';
    const value = totals[column.key];
    if (first && (value === null || value === undefined || value === '')) return 'Total';
    if (value === null || value === undefined) return '';
    return formatCell(column, value);
  }

  /** A link to the customer, supplier, product or document a cell names, when the row carries its id. */
  linkOf(column: ReportColumn, row: Row): string | null {
    for (const link of LINKS) {
      const id = row[link.id];
      if (link.keys.test(column.key) && typeof id === 'string' && id) return entityPage(link.type, id);
    }
    if (/^(number|document|documentNumber)$/i.test(column.key)) {
      const id = row['documentId'] ?? row['id'];
      const kind = row['entryType'] ?? row['kind'] ?? row['documentKind'];
      if (typeof id === 'string' && typeof kind === 'string') {
        if (kind.startsWith('payment')) {
          return entityPage('payment', id, this.state().side === 'customers' ? 'payment_received' : 'payment_made');
        }
        return entityPage(kind, id);
      }
    }
    return null;
  }

  choosePreset(preset: PeriodPreset | 'custom'): void {
    if (preset === 'custom') return;
    this.navigate({ ...presetRange(preset) });
  }

  partyPicked(party: AnyParty | null): void {
    const key = this.state().side === 'customers' ? 'customerId' : 'supplierId';
    this.navigate({ [key]: party?.id ?? null });
  }

  reload(): void {
    this.load(this.reportName(), this.state());
  }

  export(format: 'csv' | 'pdf'): void {
    const name = this.reportName();
    if (!name) return;
    this.exporting.set(true);
    this.api.download(name, this.query(this.state()), format).subscribe({
      next: (file) => {
        saveFile(file);
        this.exporting.set(false);
      },
      error: (e: unknown) => {
        this.snackBar.open(toApiError(e).message, 'Dismiss', { panelClass: 'snack-error', duration: 8000 });
        this.exporting.set(false);
      },
    });
  }

  private readState(params: ParamMap): ReportState {
    const config = this.config();
    const date = (key: string) => {
      const value = params.get(key);
      return value && DATE_PATTERN.test(value) ? value : '';
    };
    let from = date('from');
    let to = date('to');
    if (!from && !to) ({ from, to } = presetRange('this-year'));
    const g = config.grouping;
    const grouping = g ? params.get(g.param) : null;
    const side: PartyKind = params.get('party') === 'supplier' ? 'suppliers' : 'customers';
    return {
      from,
      to,
      grouping: g && grouping && g.options.some((o) => o.value === grouping) ? grouping : (g?.default ?? ''),
      asOf: date('asOf') || today(),
      side,
      partyId: params.get(side === 'customers' ? 'customerId' : 'supplierId'),
    };
  }

  /** The API query for a state: only the filters this report takes. */
  private query(state: ReportState): ReportQuery {
    const config = this.config();
    const query: ReportQuery = {};
    if (config.period) {
      query['from'] = state.from || undefined;
      query['to'] = state.to || undefined;
    }
    if (config.grouping) query[config.grouping.param] = state.grouping;
    if (config.asOf) query['asOf'] = state.asOf;
    if (this.isStatement() && state.partyId) {
      query[state.side === 'customers' ? 'customerId' : 'supplierId'] = state.partyId;
    }
    return query;
  }

  /** Puts the address's filters into the controls (without echoing them back). */
  private showState(state: ReportState): void {
    const quiet = { emitEvent: false };
    if (this.from.value !== state.from) this.from.setValue(state.from, quiet);
    if (this.to.value !== state.to) this.to.setValue(state.to, quiet);
    if (this.grouping.value !== state.grouping) this.grouping.setValue(state.grouping, quiet);
    if (this.asOf.value !== state.asOf) this.asOf.setValue(state.asOf, quiet);
    if (this.side.value !== state.side) this.side.setValue(state.side, quiet);
    if (!this.isStatement()) return;
    const current = this.party.value;
    if (!state.partyId) {
      if (isParty(current)) this.party.setValue('', quiet);
      return;
    }
    if (isParty(current) && current.id === state.partyId) return;
    this.partyLookup?.unsubscribe();
    this.partyLookup = this.partyApis(state.side)
      .get(state.partyId)
      .subscribe({
        next: (p) => this.party.setValue(p, quiet),
        error: () => this.party.setValue('(unknown)', quiet),
      });
  }

  private load(name: ReportName | null, state: ReportState): void {
    this.pending?.unsubscribe();
    if (!name) {
      this.result.set(null);
      this.rows.data = [];
      this.loading.set(false);
      this.error.set(null);
      return;
    }
    this.loading.set(true);
    this.pending = this.api.get(name, this.query(state)).subscribe({
      next: (result) => {
        this.result.set(result);
        this.rows.data = result.rows;
        this.error.set(null);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (e: unknown) => {
        this.result.set(null);
        this.rows.data = [];
        this.error.set(toApiError(e));
        this.loading.set(false);
        this.loaded.set(true);
      },
    });
  }

  private datesChanged(): void {
    const from = this.from.value;
    const to = this.to.value;
    // A date being typed is empty until complete: wait for it.
    if ((from && !DATE_PATTERN.test(from)) || (to && !DATE_PATTERN.test(to))) return;
    const state = this.state();
    if (from === state.from && to === state.to) return;
    this.navigate({ from: from || null, to: to || null });
  }

  /** Changes some filters in the address, without adding history entries. */
  private navigate(changes: Record<string, string | null>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      replaceUrl: true,
      queryParamsHandling: 'merge',
      queryParams: changes,
    });
  }
}
