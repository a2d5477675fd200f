import type { Subscription } from 'rxjs';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { PartyAccount } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { PaymentsApi } from '../../core/payments-api.service';
import { oldestFirst } from '../payments/allocation';
import { paymentConfigOf } from '../payments/payment-direction';
import type { PartyKind } from './party-kind';

/**
 * Where a customer (supplier) stands: balance, credit, overdue, totals and the open
 * invoices (bills), with links to record a payment and to all their documents.
 */
@Component({
  selector: 'bn-party-account',
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
    <div class="panel-header">
      <h2>Account</h2>
      <a mat-button [routerLink]="payments().documentBase" [queryParams]="query()" data-testid="all-invoices">
        All {{ payments().documentsLabel }}
      </a>
      <a mat-button [routerLink]="payments().base" [queryParams]="query()" data-testid="all-payments">All payments</a>
      @if (canRecord()) {
        <a
          mat-stroked-button
          [routerLink]="payments().base + '/new'"
          [queryParams]="query()"
          data-testid="record-payment"
        >
          <mat-icon>payments</mat-icon>Record payment
        </a>
      }
    </div>
    <bn-error-banner [error]="error()" />
    @if (loading() && !account()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (account(); as a) {
      <section class="panel" data-testid="party-account">
        <dl class="figures">
          <div>
            <dt>{{ kind() === 'customers' ? 'Balance (owes you)' : 'Balance (you owe)' }}</dt>
            <dd class="big" data-testid="account-balance">{{ a.balance | amount }} {{ currency }}</dd>
          </div>
          <div>
            <dt>Unallocated credit</dt>
            <dd class="big" data-testid="account-credit">{{ a.unallocatedCredit | amount }} {{ currency }}</dd>
          </div>
          <div>
            <dt>Overdue</dt>
            <dd class="big" [class.overdue]="overdue()" data-testid="account-overdue">
              {{ a.overdue | amount }} {{ currency }}
            </dd>
          </div>
        </dl>
        <dl class="totals">
          <div>
            <dt>Opening balance</dt>
            <dd>{{ a.openingBalance | amount }}</dd>
          </div>
          <div>
            <dt>{{ kind() === 'customers' ? 'Invoiced' : 'Billed' }}</dt>
            <dd data-testid="account-invoiced">{{ a.invoiced | amount }}</dd>
          </div>
          <div>
            <dt>{{ kind() === 'customers' ? 'Credited' : 'Returned' }}</dt>
            <dd data-testid="account-credited">{{ a.credited | amount }}</dd>
          </div>
          <div>
            <dt>Paid</dt>
            <dd data-testid="account-paid">{{ a.paid | amount }}</dd>
          </div>
        </dl>
      </section>

      <div class="table-wrap">
        <table mat-table [dataSource]="documents()" [attr.aria-label]="'Open ' + payments().documentsLabel">
          <ng-container matColumnDef="number">
            <th mat-header-cell *matHeaderCellDef>Open {{ payments().documentLabel.toLowerCase() }}</th>
            <td mat-cell *matCellDef="let d">
              <a class="row-link nowrap" [routerLink]="[payments().documentBase, d.id]">{{ d.number }}</a>
              @if (d.overdue) {
                <span class="chip chip-low">Overdue</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="issueDate">
            <th mat-header-cell *matHeaderCellDef class="hide-sm">Issued</th>
            <td mat-cell *matCellDef="let d" class="hide-sm nowrap">{{ d.issueDate | date: 'mediumDate' }}</td>
          </ng-container>
          <ng-container matColumnDef="dueDate">
            <th mat-header-cell *matHeaderCellDef>Due</th>
            <td mat-cell *matCellDef="let d" class="nowrap" [class.overdue]="d.overdue">
              {{ d.dueDate | date: 'mediumDate' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="total">
            <th mat-header-cell *matHeaderCellDef class="num hide-sm">Total</th>
            <td mat-cell *matCellDef="let d" class="num hide-sm">{{ d.total | amount }}</td>
          </ng-container>
          <ng-container matColumnDef="balance">
            <th mat-header-cell *matHeaderCellDef class="num">Balance</th>
            <td mat-cell *matCellDef="let d" class="num">{{ d.balance | amount }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr
            mat-row
            *matRowDef="let row; columns: columns"
            [class.overdue-row]="row.overdue"
            [attr.data-testid]="'open-document-' + row.number"
          ></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length" data-testid="no-open-documents">
              No open {{ payments().documentsLabel }}.
            </td>
          </tr>
        </table>
      </div>
    }
  `,
  styles: `
    .panel-header h2 {
      flex: 1;
    }
    .figures,
    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(180px, 40%), 1fr));
      gap: 12px 24px;
      margin: 0;
    }
    .totals {
      margin-top: 16px;
      padding-top: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 2px 0 0;
      font-variant-numeric: tabular-nums;
    }
    .big {
      font: var(--mat-sys-headline-small);
    }
    .overdue {
      color: var(--mat-sys-error);
    }
    tr.overdue-row td:first-child {
      box-shadow: inset 3px 0 var(--mat-sys-error);
    }
    .chip {
      margin-left: 6px;
    }
  `,
})
export class PartyAccountComponent {
  private readonly api = inject(PaymentsApi);
  private readonly auth = inject(AuthService);
  readonly kind = input.required<PartyKind>();
  readonly partyId = input.required<string>();

  readonly payments = computed(() => paymentConfigOf(this.kind()));
  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly columns = ['number', 'issueDate', 'dueDate', 'total', 'balance'];
  readonly account = signal<PartyAccount | null>(null);
  readonly documents = computed(() => oldestFirst(this.account()?.openDocuments ?? []));
  readonly overdue = computed(() => dec(this.account()?.overdue ?? '0').gt(0));
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly canRecord = computed(() => this.auth.can(this.payments().write));
  readonly query = computed(() => ({ [this.payments().partyParam]: this.partyId() }));

  constructor() {
    effect(() => {
      this.partyId();
      untracked(() => this.load());
    });
  }

  /** The answer of an older load must not overwrite a newer one: cancel it. */
  private pending?: Subscription;

  load(): void {
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api.account(this.payments().direction, this.partyId()).subscribe({
      next: (account) => {
        this.account.set(account);
        this.error.set(null);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }
}
