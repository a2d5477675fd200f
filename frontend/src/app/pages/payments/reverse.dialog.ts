import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Payment } from '@billinator/contracts';
import { AmountPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';
import { PaymentsApi } from '../../core/payments-api.service';
import type { PaymentConfig } from './payment-direction';

export interface ReverseDialogData {
  config: PaymentConfig;
  payment: Payment;
  currency: string;
}

/** Asks why, then reverses a payment (it and its allocations stop counting); closes with `true`. */
@Component({
  selector: 'bn-reverse-payment-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorBannerComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Reverse payment {{ data.payment.number }}?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <bn-error-banner [error]="error()" />
        <p>
          The {{ data.payment.amount | amount }} {{ data.currency }}
          {{ data.config.direction === 'received' ? 'from' : 'to' }} {{ data.payment.partyName }} and its allocations
          stop counting: the {{ data.config.documentsLabel }} it settled are open again. The payment keeps its number
          and cannot be edited or restored.
        </p>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="2" required data-testid="reverse-reason"></textarea>
          <mat-hint>Why it is reversed, e.g. "Cheque bounced"</mat-hint>
          <mat-error>{{ submission.message('reason', 'Reason') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" class="danger" [disabled]="busy()" data-testid="confirm-reverse">
          Reverse payment
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      margin-top: 0;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ReverseDialog {
  private readonly api = inject(PaymentsApi);
  private readonly dialog = inject(MatDialogRef<ReverseDialog, boolean>);
  readonly data = inject<ReverseDialogData>(MAT_DIALOG_DATA);
  readonly form = inject(FormBuilder).nonNullable.group({
    reason: ['', [Validators.required, Validators.maxLength(500)]],
  });
  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;

  submit(): void {
    const reason = this.form.controls.reason.value.trim();
    this.submission.submit(
      () => this.api.reverse(this.data.config.direction, this.data.payment.id, { reason }),
      () => this.dialog.close(true),
    );
  }
}
