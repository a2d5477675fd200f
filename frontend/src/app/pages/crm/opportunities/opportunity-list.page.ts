import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { OPPORTUNITY_STAGES, type Opportunity, type OpportunityStage } from '@billinator/contracts';
import { AuthService } from '../../../core/auth.service';
import { OpportunitiesApi, OpportunityFilters } from '../../../core/crm-api.service';
import { AmountPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { FileDownload } from '../../../core/file-download';
import { ListAddress, oneOf } from '../../../core/list-address';
import { ListEmptyComponent } from '../../../core/list-empty.component';
import { ListTableComponent } from '../../../core/list-table.component';
import { CustomersApi } from '../../../core/parties-api.service';
import { ServerList } from '../../../core/server-list';
import { isClosedStage, isPastDate, STAGE_LABELS } from '../shared/crm-labels';
import { StageChipComponent } from '../shared/stage-chip.component';
import { injectUserChoices } from '../shared/user-choices';
import { OwnerChoice, OwnerFilterComponent, ownerIdOf } from './owner-filter.component';

type StageChoice = OpportunityStage | 'all';

/** A user's id as the address may carry it in `?owner=` (anything else is ignored). */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opportunities as a table: filter by stage, owner, expected close dates and text, sort,
 * page, export what is shown as CSV. The filters live in the address too.
 */
@Component({
  selector: 'bn-opportunity-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    MatTableModule,
    MatSortModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
    StageChipComponent,
    OwnerFilterComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>Opportunities</h1>
        <div class="header-actions">
          <button mat-stroked-button (click)="exportCsv()" [disabled]="csv.busy()" data-testid="export-csv">
            <mat-icon>download</mat-icon>Export CSV
          </button>
          @if (canWrite()) {
            <a mat-flat-button routerLink="/crm/opportunities/new" data-testid="new-opportunity">
              <mat-icon>add</mat-icon>New opportunity
            </a>
          }
        </div>
      </div>

      <bn-error-banner [error]="list.error()" />

      <div class="filters">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-icon matPrefix>search</mat-icon>
          <mat-label>Search title, customer or prospect</mat-label>
          <input matInput [formControl]="list.search" data-testid="opportunity-search" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="filter" subscriptSizing="dynamic">
          <mat-label>Stage</mat-label>
          <mat-select [formControl]="stage" data-testid="stage-filter">
            <mat-option value="all">All stages</mat-option>
            @for (s of stages; track s) {
              <mat-option [value]="s">{{ labels[s] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <bn-owner-filter [control]="owner" [users]="users" />
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>Closing from</mat-label>
          <input matInput type="date" [formControl]="closeFrom" data-testid="close-from-filter" />
        </mat-form-field>
        <mat-form-field appearance="outline" class="date-filter" subscriptSizing="dynamic">
          <mat-label>Closing to</mat-label>
          <input matInput type="date" [formControl]="closeTo" data-testid="close-to-filter" />
        </mat-form-field>
        @if (customerName()) {
          <span class="chip chip-kind customer-chip" data-testid="customer-filter">
            {{ customerName() }}
            <button type="button" (click)="clearCustomer()" aria-label="Any customer">
              <mat-icon>close</mat-icon>
            </button>
          </span>
        }
        @if (filtered) {
          <button mat-button type="button" (click)="clearFilters()" data-testid="clear-filters">Clear filters</button>
        }
      </div>

      <bn-list-table [list]="list" label="Pages of opportunities">
        <table
          mat-table
          [dataSource]="list.items()"
          matSort
          (matSortChange)="list.onSort($event)"
          matSortActive="updatedAt"
          matSortDirection="desc"
          aria-label="Opportunities"
        >
          <ng-container matColumnDef="title">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>Title</th>
            <td mat-cell *matCellDef="let o" class="title">
              <a class="row-link" [routerLink]="['/crm/opportunities', o.id]">{{ o.title }}</a>
              <div class="sub show-sm">{{ o.customerName ?? o.prospectName }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="party">
            <th mat-header-cell *matHeaderCellDef class="hide-sm">Customer / prospect</th>
            <td mat-cell *matCellDef="let o" class="hide-sm party">
              @if (o.customerId) {
                <a [routerLink]="['/sales/customers', o.customerId]">{{ o.customerName }}</a>
              } @else {
                {{ o.prospectName }} <span class="sub">prospect</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="stage">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>Stage</th>
            <td mat-cell *matCellDef="let o" class="nowrap"><bn-stage-chip [stage]="o.stage" /></td>
          </ng-container>
          <ng-container matColumnDef="value">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">Value</th>
            <td mat-cell *matCellDef="let o" class="num">{{ o.value | amount }}</td>
          </ng-container>
          <ng-container matColumnDef="probability">
            <th mat-header-cell *matHeaderCellDef class="num hide-sm">Prob.</th>
            <td mat-cell *matCellDef="let o" class="num hide-sm">{{ o.probability }}%</td>
          </ng-container>
          <ng-container matColumnDef="weightedValue">
            <th mat-header-cell *matHeaderCellDef class="num hide-sm">Weighted</th>
            <td mat-cell *matCellDef="let o" class="num hide-sm">{{ o.weightedValue | amount }}</td>
          </ng-container>
          <ng-container matColumnDef="expectedCloseDate">
            <th mat-header-cell *matHeaderCellDef mat-sort-header class="hide-sm">Expected close</th>
            <td mat-cell *matCellDef="let o" class="nowrap hide-sm" [class.late]="isLate(o)">
              {{ o.expectedCloseDate ? (o.expectedCloseDate | date: 'mediumDate') : '—' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="owner">
            <th mat-header-cell *matHeaderCellDef class="hide-sm">Owner</th>
            <td mat-cell *matCellDef="let o" class="hide-sm nowrap">{{ o.ownerName }}</td>
          </ng-container>
          <ng-container matColumnDef="updatedAt">
            <th mat-header-cell *matHeaderCellDef mat-sort-header class="hide-sm">Updated</th>
            <td mat-cell *matCellDef="let o" class="hide-sm nowrap muted">{{ o.updatedAt | date: 'mediumDate' }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr
            mat-row
            *matRowDef="let row; columns: columns"
            [class.lost-row]="row.stage === 'lost'"
            [attr.data-testid]="'opportunity-row-' + row.title"
          ></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length" data-testid="empty-state">
              <bn-list-empty
                [list]="list"
                icon="handshake"
                [filtered]="filtered"
                noun="opportunity"
                empty="No opportunities yet."
              >
                @if (canWrite()) {
                  <div class="empty-actions">
                    <a mat-flat-button routerLink="/crm/opportunities/new">Add your first opportunity</a>
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
      flex-basis: 220px;
    }
    .filters .date-filter {
      width: 150px;
    }
    td.title {
      min-width: 140px;
    }
    td.party {
      min-width: 140px;
    }
    td.late {
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    tr.lost-row td {
      color: var(--mat-sys-on-surface-variant);
    }
    .customer-chip button {
      all: unset;
      cursor: pointer;
      display: inline-flex;
      margin-left: 4px;
    }
    .customer-chip mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
    }
    @media (max-width: 599px) {
      .filters .date-filter,
      .filters .filter {
        flex: 1 1 140px;
        width: auto;
      }
    }
  `,
})
export class OpportunityListPage implements OnInit {
  private readonly api = inject(OpportunitiesApi);
  private readonly auth = inject(AuthService);
  private readonly customers = inject(CustomersApi);
  readonly users = injectUserChoices();

  readonly stages = OPPORTUNITY_STAGES;
  readonly labels = STAGE_LABELS;
  readonly columns = [
    'title',
    'party',
    'stage',
    'value',
    'probability',
    'weightedValue',
    'expectedCloseDate',
    'owner',
    'updatedAt',
  ];
  readonly stage = new FormControl<StageChoice>('all', { nonNullable: true });
  readonly owner = new FormControl<OwnerChoice>('all', { nonNullable: true });
  readonly closeFrom = new FormControl('', { nonNullable: true });
  readonly closeTo = new FormControl('', { nonNullable: true });
  /** A customer given in the address (a link from the customer's page). */
  readonly customerId = signal<string | undefined>(undefined);
  readonly customerName = signal<string | null>(null);
  readonly list = new ServerList<Opportunity>((page) => this.api.list({ ...page, ...this.filters() }), '-updatedAt');
  readonly address = new ListAddress(this.list, () => {
    const stage = this.stage.value;
    return {
      stage: stage === 'all' ? null : stage,
      owner: this.owner.value === 'all' ? null : this.owner.value,
      closeFrom: this.closeFrom.value || null,
      closeTo: this.closeTo.value || null,
      customerId: this.customerId() ?? null,
    };
  });
  readonly canWrite = computed(() => {
    this.auth.currentUser();
    return this.auth.can('crm.write');
  });
  readonly csv = new FileDownload();

  constructor() {
    this.address.watch([this.stage, this.owner, this.closeFrom, this.closeTo]);
  }

  ngOnInit(): void {
    this.readAddress();
    this.list.load();
  }

  get filtered(): boolean {
    return (
      !!this.list.term ||
      this.stage.value !== 'all' ||
      this.owner.value !== 'all' ||
      !!this.closeFrom.value ||
      !!this.closeTo.value ||
      !!this.customerId()
    );
  }

  isLate(o: Opportunity): boolean {
    return !isClosedStage(o.stage) && isPastDate(o.expectedCloseDate);
  }

  clearCustomer(): void {
    this.customerId.set(undefined);
    this.customerName.set(null);
    this.address.changed();
  }

  clearFilters(): void {
    this.address.reset([this.stage, this.owner, this.closeFrom, this.closeTo]);
    this.customerId.set(undefined);
    this.customerName.set(null);
    this.address.changed();
  }

  exportCsv(): void {
    this.csv.save(this.api.exportCsv({ ...this.filters(), q: this.list.term, sort: this.list.sort() }));
  }

  private filters(): OpportunityFilters {
    const stage = this.stage.value;
    return {
      stage: stage === 'all' ? undefined : stage,
      ownerId: ownerIdOf(this.owner.value, this.users),
      customerId: this.customerId(),
      closeFrom: this.closeFrom.value || undefined,
      closeTo: this.closeTo.value || undefined,
    };
  }

  private readAddress(): void {
    this.address.restore('stage', this.stage, oneOf(OPPORTUNITY_STAGES));
    this.address.restore('owner', this.owner, (owner) => owner === 'me' || (this.users.canList && USER_ID.test(owner)));
    this.address.restoreDate('closeFrom', this.closeFrom);
    this.address.restoreDate('closeTo', this.closeTo);
    this.address.restoreSearch();
    const customerId = this.address.param('customerId');
    if (customerId) {
      this.customerId.set(customerId);
      this.customers.get(customerId).subscribe({
        next: (c) => this.customerName.set(c.name),
        error: () => this.customerName.set('(unknown customer)'),
      });
    }
  }
}
