import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { DOCUMENT_STATUS_FILTERS, DocumentStatusFilter, DocumentSummary } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { AmountPipe } from '../../core/decimal-format';
import { DocumentFilters, DocumentResource, DocumentsApi } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FileDownload } from '../../core/file-download';
import { ListAddress, oneOf } from '../../core/list-address';
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import { CustomersApi, SuppliersApi } from '../../core/parties-api.service';
import { ServerList } from '../../core/server-list';
import { nameOf, PartyRef, partyLookup } from './document-helpers';
import { displayStatus, DOCUMENT_CONFIG, DocumentSide, InvoiceConfig, statusFilters } from './document-kind';
import { DocumentStatusComponent } from './document-status.component';

type StatusChoice = DocumentStatusFilter | 'all';

/**
 * Sales invoices, bills or quotes (by the route's `side`), or the credit notes and returns
 * made against invoices and bills: filter by status, party, issue dates and text, sort,
 * page, export what is shown as CSV (invoices and bills). The filters live in the address too, so a
 * link (or the back button) opens the same list.
 */
@Component({
  selector: 'bn-document-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    MatTableModule,
    MatSortModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatIconModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
    DocumentStatusComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>{{ title() }}</h1>
        <div class="header-actions">
          @if (!corrections() && config().exportCsv) {
            <button mat-stroked-button (click)="exportCsv()" [disabled]="csv.busy()" data-testid="export-csv">
              <mat-icon>download</mat-icon>Export CSV
            </button>
          }
          @if (canWrite() && !corrections()) {
            <a mat-flat-button [routerLink]="config().invoices + '/new'" data-testid="new-document">
              <mat-icon>add</mat-icon>New {{ config().singular }}
            </a>
          }
        </div>
      </div>

      <bn-error-banner [error]="list.error()" />

      <div class="filters">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-icon matPrefix>search</mat-icon>
          <mat-label>Search by number or {{ config().party.toLowerCase() }}</mat-label>
          <input matInput [formControl]="list.search" data-testid="document-search" />
        </mat-form-field>
        @if (!corrections()) {
          <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [formControl]="status" data-testid="status-filter">
              @for (s of statuses(); track s.value) {
                <mat-option [value]="s.value">{{ s.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field appearance="outline" class="party-filter" subscriptSizing="dynamic">
          <mat-label>{{ config().party }}</mat-label>
          <input
            #partyInput
            matInput
            [formControl]="party"
            [matAutocomplete]="partyAuto"
            (focus)="parties.search(party.value)"
            (input)="parties.search(partyInput.value)"
            data-testid="party-filter"
          />
          @if (party.value) {
            <button
              mat-icon-button
              matSuffix
              type="button"
              (click)="party.setValue(null)"
              [attr.aria-label]="'Any ' + config().party.toLowerCase()"
            >
              <mat-icon>close</mat-icon>
            </button>
          }
          <mat-autocomplete #partyAuto="matAutocomplete" [displayWith]="nameOf">
            @for (p of parties.options(); track p.id) {
              <mat-option [value]="p">{{ p.name }}</mat-option>
            }
          </mat-autocomplete>
        </mat-form-field>
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>Issued from</mat-label>
          <input matInput type="date" [formControl]="from" data-testid="from-filter" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>Issued to</mat-label>
          <input matInput type="date" [formControl]="to" data-testid="to-filter" />
        </mat-form-field>
        @if (filtered) {
          <button mat-button type="button" (click)="clearFilters()" data-testid="clear-filters">Clear filters</button>
        }
      </div>

      <bn-list-table [list]="list" [label]="'Pages of ' + title().toLowerCase()">
        <table
          mat-table
          [dataSource]="list.items()"
          matSort
          (matSortChange)="list.onSort($event)"
          matSortActive="issueDate"
          matSortDirection="desc"
          [attr.aria-label]="title()"
        >
          <ng-container matColumnDef="number">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>Number</th>
            <td mat-cell *matCellDef="let d" class="nowrap">
              <a class="row-link" [class.draft]="!d.number" [routerLink]="[base(), d.id]">{{ d.number ?? 'Draft' }}</a>
              @if (d.supplierBillNumber) {
                <div class="sub">{{ d.supplierBillNumber }}</div>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="invoiceNumber">
            <th mat-header-cell *matHeaderCellDef>{{ config().noun }}</th>
            <td mat-cell *matCellDef="let d" class="nowrap">
              @if (d.invoiceId) {
                <a [routerLink]="[config().invoices, d.invoiceId]">{{ d.invoiceNumber }}</a>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="reason">
            <th mat-header-cell *matHeaderCellDef>Reason</th>
            <td mat-cell *matCellDef="let d" class="reason">{{ d.reason }}</td>
          </ng-container>
          <ng-container matColumnDef="partyName">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ config().party }}</th>
            <td mat-cell *matCellDef="let d" class="party">{{ d.partyName }}</td>
          </ng-container>
          <ng-container matColumnDef="issueDate">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>Issued</th>
            <td mat-cell *matCellDef="let d" class="nowrap">{{ d.issueDate | date: 'mediumDate' }}</td>
          </ng-container>
          <ng-container matColumnDef="dueDate">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>{{ dueHeader() }}</th>
            <td mat-cell *matCellDef="let d" class="nowrap" [class.late]="d.overdue">
              {{ d.dueDate | date: 'mediumDate' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="total">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">Total</th>
            <td mat-cell *matCellDef="let d" class="num">{{ d.total | amount }}</td>
          </ng-container>
          <ng-container matColumnDef="balance">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">Balance</th>
            <td mat-cell *matCellDef="let d" class="num" [class.muted]="d.status === 'void' || d.status === 'draft'">
              {{ d.status === 'void' ? '—' : (d.balance | amount) }}
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Status</th>
            <td mat-cell *matCellDef="let d" class="nowrap">
              <bn-document-status [status]="statusOf(d)" [overdue]="d.overdue" />
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns()"></tr>
          <tr
            mat-row
            *matRowDef="let row; columns: columns()"
            [class.overdue-row]="row.overdue"
            [class.void-row]="row.status === 'void'"
            [attr.data-testid]="'document-row-' + (row.number ?? row.id)"
          ></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns().length" data-testid="empty-state">
              <bn-list-empty
                [list]="list"
                icon="receipt_long"
                [filtered]="filtered"
                [noun]="singular()"
                [empty]="'No ' + title().toLowerCase() + ' yet.'"
              >
                @if (corrections()) {
                  <div class="sub">Create one from an {{ config().singular }}.</div>
                } @else if (canWrite()) {
                  <div class="empty-actions">
                    <a mat-flat-button [routerLink]="config().invoices + '/new'"
                      >Create your first {{ config().singular }}</a
                    >
                  </div>
                }
              </bn-list-empty>
            </td>
          </tr>
        </table>
      </bn-list-table>
    </div>
  `,
  styles: `
    .filters .search {
      flex-basis: 200px;
    }
    .filters .party-filter {
      width: 200px;
    }
    .filters .date-filter {
      width: 150px;
    }
    a.row-link.draft {
      font-style: italic;
    }
    td.party {
      min-width: 140px;
    }
    td.reason {
      min-width: 160px;
      max-width: 320px;
    }
    td.late {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    tr.overdue-row td:first-child {
      box-shadow: inset 3px 0 0 var(--mat-sys-error);
    }
    tr.void-row td {
      color: var(--mat-sys-outline);
    }
    tr.void-row a.row-link {
      text-decoration: line-through;
    }
    @media (max-width: 599px) {
      .filters .party-filter,
      .filters .date-filter {
        flex: 1 1 140px;
        width: auto;
      }
    }
  `,
})
export class DocumentListPage implements OnInit {
  private readonly api = inject(DocumentsApi);
  private readonly auth = inject(AuthService);
  private readonly customers = inject(CustomersApi);
  private readonly suppliers = inject(SuppliersApi);
  readonly side = input.required<DocumentSide>();
  /** From the route: invoices/bills, or the credit notes/returns made against them. */
  readonly mode = input<'invoices' | 'corrections'>('invoices');

  readonly config = computed(() => DOCUMENT_CONFIG[this.side()]);
  /** Credit notes or returns are listed: the invoice side they belong to. */
  readonly correctionOf = computed<InvoiceConfig | null>(() => {
    const config = this.config();
    return this.mode() === 'corrections' && config.kind === 'invoice' ? config : null;
  });
  readonly corrections = computed(() => this.correctionOf() !== null);
  readonly title = computed(() => this.correctionOf()?.correctionTitle ?? this.config().title);
  readonly singular = computed(() => this.correctionOf()?.correctionSingular ?? this.config().singular);
  readonly base = computed(() => this.correctionOf()?.corrections ?? this.config().invoices);
  readonly statuses = computed(() => statusFilters(this.config()));
  readonly dueHeader = computed(() => (this.config().kind === 'quote' ? this.config().dueLabel : 'Due'));
  readonly columns = computed(() =>
    this.corrections()
      ? ['number', 'invoiceNumber', 'partyName', 'issueDate', 'total', 'reason']
      : this.config().kind === 'quote'
        ? ['number', 'partyName', 'issueDate', 'dueDate', 'total', 'status']
        : ['number', 'partyName', 'issueDate', 'dueDate', 'total', 'balance', 'status'],
  );
  readonly status = new FormControl<StatusChoice>('all', { nonNullable: true });
  readonly party = new FormControl<PartyRef | string | null>(null);
  readonly from = new FormControl('', { nonNullable: true });
  readonly to = new FormControl('', { nonNullable: true });
  readonly parties = partyLookup(() => this.side(), false);
  readonly list = new ServerList<DocumentSummary>(
    (page) => this.resource().list({ ...page, ...this.filters() }),
    '-issueDate',
  );
  readonly address = new ListAddress(this.list, () => {
    const status = this.status.value;
    return {
      status: status === 'all' ? null : status,
      [this.config().partyField]: this.partyId ?? null,
      from: this.from.value || null,
      to: this.to.value || null,
    };
  });
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly csv = new FileDownload();
  readonly nameOf = nameOf;
  /** The party the list is filtered by, so typing in the box does not reload until one is picked. */
  private partyId: string | undefined;

  constructor() {
    this.address.watch([this.status, this.from, this.to]);
    this.party.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      const id = typeof value === 'object' && value ? value.id : value ? this.partyId : undefined;
      if (id === this.partyId) return;
      this.partyId = id;
      this.address.changed();
    });
  }

  ngOnInit(): void {
    this.readAddress();
    this.list.load();
  }

  get filtered(): boolean {
    return !!this.list.term || this.status.value !== 'all' || !!this.partyId || !!this.from.value || !!this.to.value;
  }

  clearFilters(): void {
    this.partyId = undefined;
    this.address.reset([this.status, this.party, this.from, this.to]);
    this.address.changed();
  }

  exportCsv(): void {
    this.csv.save(this.resource().exportCsv({ ...this.filters(), q: this.list.term, sort: this.list.sort() }));
  }

  /** A quote sent and past its last valid day shows as expired. */
  statusOf(document: DocumentSummary) {
    return displayStatus(document);
  }

  private resource(): DocumentResource {
    const correctionOf = this.correctionOf();
    return correctionOf ? this.api.corrections(correctionOf.side) : this.api.invoices(this.side());
  }

  private filters(): DocumentFilters {
    const status = this.status.value;
    return {
      status: status === 'all' || this.corrections() ? undefined : status,
      [this.config().partyField]: this.partyId,
      from: this.from.value || undefined,
      to: this.to.value || undefined,
    };
  }

  /** Filters given in the address (a link from elsewhere, or back from a document). */
  private readAddress(): void {
    this.address.restore('status', this.status, oneOf(DOCUMENT_STATUS_FILTERS));
    this.address.restoreDate('from', this.from);
    this.address.restoreDate('to', this.to);
    this.address.restoreSearch();
    const partyId = this.address.param(this.config().partyField);
    if (partyId) {
      this.partyId = partyId;
      const api = this.side() === 'purchases' ? this.suppliers : this.customers;
      api.get(partyId).subscribe({
        next: (p) => this.party.setValue({ id: p.id, name: p.name }, { emitEvent: false }),
        error: () => this.party.setValue('(unknown)', { emitEvent: false }),
      });
    }
  }
}
