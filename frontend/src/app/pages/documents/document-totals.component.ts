import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { dec } from '@billinator/money';
import { AmountPipe, QuantityPipe } from '../../core/decimal-format';

export interface TotalsView {
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  taxBreakdown: { rate: string; taxable: string; tax: string }[];
}

export interface SettlementView {
  amountPaid: string;
  amountCredited: string;
  balance: string;
}

/**
 * Subtotal, discount, tax per rate and total of a document (live in the editor, stored on
 * a saved one), and for invoices and bills what was paid, credited and is still owed.
 */
@Component({
  selector: 'bn-document-totals',
  imports: [AmountPipe, QuantityPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="totals" aria-label="Totals">
      <div>
        <dt>Subtotal</dt>
        <dd data-testid="subtotal-value">{{ totals().subtotal | amount }}</dd>
      </div>
      @if (hasDiscount()) {
        <div>
          <dt>Discount</dt>
          <dd data-testid="discount-value">−{{ totals().discountTotal | amount }}</dd>
        </div>
      }
      @for (row of taxRows(); track row.rate) {
        <div class="tax-row" [attr.data-testid]="'tax-row-' + row.rate">
          <dt>
            Tax {{ row.rate | qty }} % <span class="muted">on {{ row.taxable | amount }}</span>
          </dt>
          <dd>{{ row.tax | amount }}</dd>
        </div>
      }
      <div>
        <dt>Tax</dt>
        <dd data-testid="tax-value">{{ totals().taxTotal | amount }}</dd>
      </div>
      <div class="grand">
        <dt>Total</dt>
        <dd data-testid="total-value">{{ totals().total | amount }} {{ currency() }}</dd>
      </div>
      @if (settlement(); as s) {
        <div>
          <dt>Paid</dt>
          <dd data-testid="paid-value">{{ s.amountPaid | amount }}</dd>
        </div>
        <div>
          <dt>Credited</dt>
          <dd data-testid="credited-value">{{ s.amountCredited | amount }}</dd>
        </div>
        <div class="grand">
          <dt>Balance</dt>
          <dd data-testid="balance-value">{{ s.balance | amount }} {{ currency() }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    :host {
      display: block;
    }
    .totals {
      margin: 0 0 0 auto;
      max-width: 380px;
      font-variant-numeric: tabular-nums;
    }
    .totals > div {
      display: flex;
      justify-content: space-between;
      gap: 16px;
      padding: 4px 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      text-align: right;
      white-space: nowrap;
    }
    .tax-row {
      font: var(--mat-sys-body-small);
      padding-left: 12px !important;
    }
    .grand {
      border-top: 1px solid var(--mat-sys-outline-variant);
      margin-top: 4px;
      padding-top: 8px !important;
      font: var(--mat-sys-title-medium);
    }
    .grand dt {
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class DocumentTotalsComponent {
  readonly totals = input.required<TotalsView>();
  readonly settlement = input<SettlementView | null>(null);
  readonly currency = input('');
  readonly hasDiscount = computed(() => dec(this.totals().discountTotal || '0').gt(0));
  /** Rates that something is taxed at (an empty line in the editor adds none). */
  readonly taxRows = computed(() => this.totals().taxBreakdown.filter((row) => !dec(row.taxable || '0').eq(0)));
}
