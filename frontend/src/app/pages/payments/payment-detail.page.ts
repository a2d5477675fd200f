import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Payment, PaymentDirection } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { AuthService } from '../../core/auth.service';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { PaymentsApi } from '../../core/payments-api.service';
import { RemoteValue } from '../../core/remote-value';
import { loadForRoute } from '../../core/route-load';
import { AllocateDialog, AllocateDialogData } from './allocate.dialog';
import { methodLabel, PAYMENT_CONFIG, statusLabel } from './payment-direction';
import { ReverseDialog, ReverseDialogData } from './reverse.dialog';

/** One payment received or made: what, from or to whom, where it went; allocate its credit or reverse it. */
@Component({
  selector: 'bn-payment-detail-page',
  imports: [
    RouterLink,
    DatePipe,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    ErrorBannerComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" [routerLink]="config().base"><mat-icon>arrow_back</mat-icon>{{ config().title }}</a>
      @if (loading() && !payment()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <bn-error-banner [error]="error()" />

      @if (payment(); as p) {
        <div class="page-header">
          <h1 data-testid="payment-number">{{ p.number }}</h1>
          <span
            class="chip"
            [class.chip-active]="p.status === 'posted'"
            [class.chip-low]="p.status === 'reversed'"
            data-testid="payment-status"
            >{{ statusLabel(p.status) }}</span
          >
          @if (canWrite() && p.status === 'posted') {
            <div class="header-actions">
              @if (hasCredit()) {
                <button mat-flat-button type="button" (click)="allocate(p)" data-testid="allocate-button">
                  <mat-icon>call_split</mat-icon>Allocate credit
                </button>
              }
              <button mat-stroked-button type="button" (click)="reverse(p)" data-testid="reverse-button">
                <mat-icon>undo</mat-icon>Reverse
              </button>
            </div>
          }
        </div>

        @if (p.status === 'reversed') {
          <div class="reversed-note" data-testid="reversal">
            <mat-icon>undo</mat-icon>
            <div>
              Reversed{{ p.reversedAt ? ' on ' + (p.reversedAt | date: 'medium') : '' }}.
              @if (p.reversalReason) {
                Reason: {{ p.reversalReason }}
              }
            </div>
          </div>
        }

        <section class="panel">
          <h2>{{ direction() === 'received' ? 'Payment received' : 'Payment made' }}</h2>
          <dl class="details">
            <div>
              <dt>{{ config().partyLabel }}</dt>
              <dd>
                <a [routerLink]="[config().partyBase, p.partyId]" data-testid="payment-party">{{ p.partyName }}</a>
              </dd>
            </div>
            <div>
              <dt>Date</dt>
              <dd data-testid="payment-date">{{ p.date | date: 'mediumDate' }}</dd>
            </div>
            <div>
              <dt>Amount</dt>
              <dd class="figure" data-testid="payment-amount">{{ p.amount | amount }} {{ currency }}</dd>
            </div>
            <div>
              <dt>Method</dt>
              <dd data-testid="payment-method">{{ methodLabel(p.method) }}</dd>
            </div>
            <div>
              <dt>Reference</dt>
              <dd data-testid="payment-reference">{{ p.reference ?? '—' }}</dd>
            </div>
            <div>
              <dt>Allocated</dt>
              <dd data-testid="payment-allocated">{{ p.allocated | amount }} {{ currency }}</dd>
            </div>
            <div>
              <dt>Unallocated credit</dt>
              <dd data-testid="payment-unallocated" [class.credit]="hasCredit()">
                {{ p.unallocated | amount }} {{ currency }}
              </dd>
            </div>
          </dl>
        </section>

        <div class="panel-header">
          <h2>Allocations</h2>
        </div>
        <div class="table-wrap">
          <table mat-table [dataSource]="p.allocations" aria-label="Allocations" data-testid="allocations">
            <ng-container matColumnDef="invoice">
              <th mat-header-cell *matHeaderCellDef>{{ config().documentLabel }}</th>
              <td mat-cell *matCellDef="let a">
                <a class="row-link" [routerLink]="[config().documentBase, a.invoiceId]">{{ a.invoiceNumber }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="amount">
              <th mat-header-cell *matHeaderCellDef class="num">Amount ({{ currency }})</th>
              <td mat-cell *matCellDef="let a" class="num" [class.struck]="a.reversed">{{ a.amount | amount }}</td>
            </ng-container>
            <ng-container matColumnDef="reversed">
              <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Status</span></th>
              <td mat-cell *matCellDef="let a" class="actions">
                @if (a.reversed) {
                  <span class="chip chip-low">Reversed</span>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr
              mat-row
              *matRowDef="let row; columns: columns"
              [attr.data-testid]="'allocation-row-' + row.invoiceNumber"
            ></tr>
            <tr class="mat-mdc-row" *matNoDataRow>
              <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length">
                Not allocated to any {{ config().documentLabel.toLowerCase() }}: the whole payment is credit.
              </td>
            </tr>
          </table>
        </div>
      }
    </div>
  `,
  styles: `
    .page-header h1 {
      flex: 0 1 auto;
    }
    .header-actions {
      margin-left: auto;
    }
    .details a {
      color: var(--mat-sys-primary);
    }
    .figure {
      font-variant-numeric: tabular-nums;
      font-weight: 500;
    }
    .credit {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .struck {
      text-decoration: line-through;
      color: var(--mat-sys-on-surface-variant);
    }
    .reversed-note {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 12px 16px;
      border-radius: 8px;
      margin-bottom: 16px;
      background: var(--mat-sys-surface-container-high);
    }
  `,
})
export class PaymentDetailPage {
  private readonly api = inject(PaymentsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  readonly direction = input.required<PaymentDirection>();
  readonly id = input.required<string>();

  readonly config = computed(() => PAYMENT_CONFIG[this.direction()]);
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly methodLabel = methodLabel;
  readonly statusLabel = statusLabel;
  readonly columns = ['invoice', 'amount', 'reversed'];
  readonly record = new RemoteValue<Payment>();
  readonly payment = this.record.value;
  readonly loading = this.record.loading;
  readonly error = this.record.error;
  readonly canWrite = computed(() => this.auth.can(this.config().write));
  readonly hasCredit = computed(() => {
    const p = this.payment();
    return p !== null && p.status === 'posted' && dec(p.unallocated).gt(0);
  });

  constructor() {
    loadForRoute(this.id, () => this.load());
  }

  load(): void {
    this.record.load(this.api.get(this.direction(), this.id()));
  }

  allocate(payment: Payment): void {
    const data: AllocateDialogData = { config: this.config(), payment, currency: this.currency };
    this.dialog
      .open(AllocateDialog, { data, autoFocus: 'first-tabbable', width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved?: boolean) => {
        if (!saved) return;
        this.snackBar.open(`Credit of ${payment.number} allocated`, 'OK', { duration: 4000 });
        this.load();
      });
  }

  reverse(payment: Payment): void {
    const data: ReverseDialogData = { config: this.config(), payment, currency: this.currency };
    this.dialog
      .open(ReverseDialog, { data, autoFocus: 'first-tabbable', width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((reversed?: boolean) => {
        if (!reversed) return;
        this.snackBar.open(`Payment ${payment.number} reversed`, 'OK', { duration: 4000 });
        this.load();
      });
  }
}
