import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { Payment, PaymentDirection, PaymentStatus } from '@billinator/contracts';
import { merge } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import { PaymentFilters, PaymentsApi } from '../../core/payments-api.service';
import { ServerList } from '../../core/server-list';
import { AnyParty, injectPartyApis } from '../parties/party-kind';
import { methodLabel, PAYMENT_CONFIG, statusLabel } from './payment-direction';
import { isParty, PartyChoice, PartyPickerComponent } from './party-picker.component';

/**
 * Payments received or made (by the route's `direction`): search by number or reference,
 * filter by party (`?customerId=` / `?supplierId=`, so other pages can link here) and date.
 */
@Component({
  selector: 'bn-payment-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatSelectModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
    PartyPickerComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payment-list.page.html',
  styles: `
    .filters .party {
      flex: 1 1 200px;
      max-width: 300px;
    }
    .filters .date {
      width: 145px;
    }
    .filters .filter {
      width: 130px;
    }
    .chip-reversed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    tr.reversed td {
      color: var(--mat-sys-on-surface-variant);
    }
    tr.reversed .amount {
      text-decoration: line-through;
    }
    @media (max-width: 599px) {
      .filters .date {
        flex: 1 1 130px;
      }
    }
  `,
})
export class PaymentListPage {
  private readonly api = inject(PaymentsApi);
  private readonly partyApis = injectPartyApis();
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly direction = input.required<PaymentDirection>();
  /** Query parameters: the party filter. */
  readonly customerId = input<string>();
  readonly supplierId = input<string>();

  readonly config = computed(() => PAYMENT_CONFIG[this.direction()]);
  readonly partyId = computed(() => (this.direction() === 'received' ? this.customerId() : this.supplierId()));
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly methodLabel = methodLabel;
  readonly statusLabel = statusLabel;
  readonly columns = ['number', 'date', 'party', 'method', 'reference', 'amount', 'unallocated', 'status'];
  readonly party = new FormControl<PartyChoice>('');
  readonly from = new FormControl('', { nonNullable: true });
  readonly to = new FormControl('', { nonNullable: true });
  readonly status = new FormControl<PaymentStatus | ''>('', { nonNullable: true });
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly newQuery = computed(() => {
    const id = this.partyId();
    return id ? { [this.config().partyParam]: id } : {};
  });
  readonly list = new ServerList<Payment>(({ limit, offset, q }) =>
    this.api.list(this.direction(), { limit, offset, q, ...this.filters() }),
  );

  constructor() {
    merge(this.from.valueChanges, this.to.valueChanges, this.status.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.list.reload());
    // The party filter lives in the URL: load on start and whenever it changes.
    effect(() => {
      const id = this.partyId();
      untracked(() => {
        this.showParty(id);
        this.list.reload();
      });
    });
  }

  get filtered(): boolean {
    return !!(this.list.term || this.partyId() || this.from.value || this.to.value || this.status.value);
  }

  pickParty(party: AnyParty | null): void {
    void this.router.navigate([], {
      queryParams: { [this.config().partyParam]: party?.id ?? null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private showParty(id: string | undefined): void {
    const shown = this.party.value;
    if (!id) {
      if (isParty(shown)) this.party.setValue('');
      return;
    }
    if (isParty(shown) && shown.id === id) return;
    this.partyApis(this.config().partyKind)
      .get(id)
      .subscribe({ next: (p) => this.party.setValue(p), error: () => this.party.setValue('') });
  }

  private filters(): PaymentFilters {
    return {
      [this.config().partyParam]: this.partyId(),
      from: this.from.value || undefined,
      to: this.to.value || undefined,
      status: this.status.value || undefined,
    };
  }
}
