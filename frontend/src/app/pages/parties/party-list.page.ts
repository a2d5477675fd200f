import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { AuthService } from '../../core/auth.service';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FileDownload } from '../../core/file-download';
import { ListAddress, oneOf } from '../../core/list-address';
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import type { PartyFilters } from '../../core/parties-api.service';
import { ServerList } from '../../core/server-list';
import { AnyParty, injectPartyApis, PARTY_CONFIG, PartyKind } from './party-kind';

const STATUS_FILTERS = ['all', 'active', 'inactive'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The list of customers or suppliers (by the route's `kind`): search, filter, sort, page, CSV. */
@Component({
  selector: 'bn-party-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
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
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './party-list.page.html',
})
export class PartyListPage implements OnInit {
  private readonly apis = injectPartyApis();
  private readonly auth = inject(AuthService);
  readonly kind = input.required<PartyKind>();

  readonly config = computed(() => PARTY_CONFIG[this.kind()]);
  readonly columns = computed(() => [
    'name',
    'email',
    'phone',
    'paymentTermsDays',
    'openingBalance',
    ...(this.config().creditLimit ? ['creditLimit'] : []),
    'status',
  ]);
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly status = new FormControl<StatusFilter>('all', { nonNullable: true });
  readonly list = new ServerList<AnyParty>((page) => this.apis(this.kind()).list({ ...page, ...this.filters() }));
  /** `?status=…&q=…`: a reload, a link or the back button shows the same list. */
  readonly address = new ListAddress(this.list, () => ({
    status: this.status.value === 'all' ? null : this.status.value,
  }));
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly csv = new FileDownload();

  constructor() {
    this.address.watch([this.status]);
  }

  ngOnInit(): void {
    this.address.restore('status', this.status, oneOf(STATUS_FILTERS));
    this.address.restoreSearch();
    this.list.load();
  }

  get filtered(): boolean {
    return !!this.list.term || this.status.value !== 'all';
  }

  clearFilters(): void {
    this.address.reset([this.status]);
    this.address.changed();
  }

  exportCsv(): void {
    this.csv.save(this.apis(this.kind()).exportCsv({ ...this.filters(), q: this.list.term, sort: this.list.sort() }));
  }

  private filters(): PartyFilters {
    const status = this.status.value;
    return { active: status === 'all' ? undefined : status === 'active' };
  }
}
