import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Product, StockAdjustmentRequest } from '@billinator/contracts';
import { dec, isDecimalString, quantity } from '@billinator/money';
import { QuantityPipe } from '../../../core/decimal-format';
import { decimalValidator, textOrNull } from '../../../core/decimal-validators';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { FormSubmission } from '../../../core/form-submission';
import { StockApi } from '../../../core/stock-api.service';

type Direction = 'add' | 'remove';

/** Books a stock adjustment (found, broken, counted…) with its reason; answers the updated product. */
@Component({
  selector: 'bn-stock-adjust-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatButtonToggleModule,
    ErrorBannerComponent,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Adjust stock of {{ product.name }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <bn-error-banner [error]="error()" />
        <mat-button-toggle-group formControlName="direction" aria-label="Direction" class="direction">
          <mat-button-toggle value="add" data-testid="direction-add">Add stock</mat-button-toggle>
          <mat-button-toggle value="remove" data-testid="direction-remove">Remove stock</mat-button-toggle>
        </mat-button-toggle-group>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Quantity</mat-label>
          <input matInput formControlName="quantity" inputmode="decimal" required data-testid="adjust-quantity" />
          <span matTextSuffix>{{ product.unit }}</span>
          <mat-hint>
            On hand {{ product.onHand | qty }}
            @if (after(); as a) {
              → <strong [class.negative]="a.startsWith('-')" data-testid="adjust-after">{{ a | qty }}</strong>
            }
          </mat-hint>
          <mat-error>{{ message('quantity', 'Quantity') }}</mat-error>
        </mat-form-field>
        @if (direction() === 'add') {
          <mat-form-field appearance="outline" class="full-width">
            <mat-label>Unit cost</mat-label>
            <input matInput formControlName="unitCost" inputmode="decimal" />
            <mat-hint>Optional; default: the average cost</mat-hint>
            <mat-error>{{ message('unitCost', 'Unit cost') }}</mat-error>
          </mat-form-field>
        }
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="2" required data-testid="adjust-reason"></textarea>
          <mat-hint>Why the stock changed, e.g. "Broken in storage"</mat-hint>
          <mat-error>{{ message('reason', 'Reason') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-adjustment">Book adjustment</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(440px, 80vw);
    }
    .direction {
      margin-bottom: 16px;
    }
    mat-form-field {
      margin-bottom: 8px;
    }
    .negative {
      color: var(--mat-sys-error);
    }
  `,
})
export class StockAdjustDialog {
  private readonly api = inject(StockApi);
  private readonly dialog = inject(MatDialogRef<StockAdjustDialog, Product>);
  readonly product = inject<Product>(MAT_DIALOG_DATA);

  readonly form = inject(FormBuilder).nonNullable.group({
    direction: ['add' as Direction],
    quantity: ['', [Validators.required, decimalValidator(3, { min: '0.001', max: '999999999999.999' })]],
    unitCost: ['', decimalValidator(4, { min: '0', max: '999999999999.9999' })],
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(300)]],
  });
  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.value });
  readonly direction = computed(() => this.value().direction ?? 'add');
  /** The on-hand quantity after this adjustment, while the quantity typed is a valid number. */
  readonly after = computed(() => {
    const q = (this.value().quantity ?? '').trim();
    if (!isDecimalString(q, 3)) return null;
    const signed = this.direction() === 'remove' ? dec(q).neg() : dec(q);
    return quantity(dec(this.product.onHand).plus(signed));
  });

  message(name: string, label: string): string | null {
    return this.submission.message(name, label);
  }

  submit(): void {
    // the cost only applies to stock added; a hidden, invalid cost must not block removing stock
    if (this.form.controls.direction.value === 'remove') this.form.controls.unitCost.setValue('');
    const v = this.form.getRawValue();
    const request: StockAdjustmentRequest = {
      productId: this.product.id,
      quantity: v.direction === 'remove' ? `-${v.quantity.trim()}` : v.quantity.trim(),
      reason: v.reason.trim(),
    };
    const unitCost = v.direction === 'add' ? textOrNull(v.unitCost) : null;
    if (unitCost) request.unitCost = unitCost;
    this.submission.submit(
      () => this.api.adjust(request),
      (product) => this.dialog.close(product),
    );
  }
}
