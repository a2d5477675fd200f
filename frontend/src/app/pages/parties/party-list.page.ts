import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import type { PartyFilters } from '../../core/parties-api.service';
import { ServerList } from '../../core/server-list';
import { AnyParty, injectPartyApis, PARTY_CONFIG, PartyKind } from './party-kind';

type StatusFilter = 'all' | 'active' | 'inactive';

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
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly csv = new FileDownload();

  constructor() {
    this.status.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.reload());
  }

  ngOnInit(): void {
    this.list.load();
  }

  get filtered(): boolean {
    return !!this.list.term || this.status.value !== 'all';
  }

  exportCsv(): void {
    this.csv.save(this.apis(this.kind()).exportCsv({ ...this.filters(), q: this.list.term, sort: this.list.sort() }));
  }

  private filters(): PartyFilters {
    const status = this.status.value;
    return { active: status === 'all' ? undefined : status === 'active' };
  }
}
