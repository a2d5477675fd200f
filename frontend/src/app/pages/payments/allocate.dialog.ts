import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { map } from 'rxjs';
import type { AllocationInput, DocumentSummary, Payment } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AmountPipe, formatDecimal } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { ErrorListComponent } from '../../core/error-list.component';
import { PaymentsApi } from '../../core/payments-api.service';
import {
  allocationValidator,
  inputValue,
  oldestFirst,
  spreadOldestFirst,
  summarize,
  toAllocations,
} from './allocation';
import { AllocationTableComponent } from './allocation-table.component';
import type { PaymentConfig } from './payment-direction';
import { serverErrorsOn } from './payment-errors';

export interface AllocateDialogData {
  config: PaymentConfig;
  payment: Payment;
  currency: string;
}

/**
 * Allocates what is left of a payment to the party's open invoices (bills), prefilled oldest
 * first; closes with `true` once saved.
 */
@Component({
  selector: 'bn-allocate-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    ErrorListComponent,
    AllocationTableComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Allocate credit of {{ data.payment.number }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <bn-error-banner [error]="error()">
          <bn-error-list [messages]="otherErrors()" />
        </bn-error-banner>
        <p class="intro">
          {{ data.payment.partyName }} has
          <strong data-testid="dialog-unallocated">{{ data.payment.unallocated | amount }} {{ data.currency }}</strong>
          of this payment not allocated yet.
        </p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        } @else if (loaded()) {
          @if (documents().length > 0) {
            <div class="actions">
              <button mat-stroked-button type="button" (click)="fillOldestFirst()" data-testid="fill-oldest">
                <mat-icon>low_priority</mat-icon>Fill oldest first
              </button>
              <button mat-button type="button" (click)="clear()">Clear</button>
            </div>
          }
          <bn-allocation-table
            [config]="data.config"
            [documents]="documents()"
            [controls]="allocations"
            [summary]="summary()"
            [overMessage]="overMessage()"
            [currency]="data.currency"
            remainderLabel="Left unallocated"
            emptyMessage="nothing to allocate to."
          />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy() || documents().length === 0"
          data-testid="save-allocation"
        >
          Allocate
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .intro {
      margin-top: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
})
export class AllocateDialog implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly dialog = inject(MatDialogRef<AllocateDialog, boolean>);
  readonly data = inject<AllocateDialogData>(MAT_DIALOG_DATA);

  readonly allocations = new FormArray<FormControl<string>>([]);
  readonly form = new FormGroup({ allocations: this.allocations });
  readonly documents = signal<DocumentSummary[]>([]);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly otherErrors = signal<string[]>([]);

  private readonly available = dec(this.data.payment.unallocated);
  private readonly values = toSignal(this.allocations.valueChanges.pipe(map(() => this.allocations.getRawValue())), {
    initialValue: [] as string[],
  });
  readonly summary = computed(() => summarize(this.values(), this.available));
  readonly overMessage = computed(() =>
    this.summary().over
      ? `The allocations add up to ${formatDecimal(this.summary().allocated, 2)} ${this.data.currency}, more than the ${formatDecimal(this.data.payment.unallocated, 2)} ${this.data.currency} left`
      : null,
  );
  private sent: AllocationInput[] = [];

  ngOnInit(): void {
    this.loading.set(true);
    this.api.account(this.data.config.direction, this.data.payment.partyId).subscribe({
      next: (account) => {
        const documents = oldestFirst(account.openDocuments.filter((d) => d.number !== null && dec(d.balance).gt(0)));
        this.documents.set(documents);
        for (const d of documents) {
          this.allocations.push(
            new FormControl('', { nonNullable: true, validators: allocationValidator(d.balance) }),
            {
              emitEvent: false,
            },
          );
        }
        this.fillOldestFirst();
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  fillOldestFirst(): void {
    this.set(spreadOldestFirst(this.documents(), this.available).map(inputValue));
  }

  clear(): void {
    this.set(this.documents().map(() => ''));
  }

  submit(): void {
    this.allocations.markAllAsTouched();
    this.otherErrors.set([]);
    const client =
      this.overMessage() ??
      (this.allocations.invalid ? 'An allocation is more than the balance or not an amount' : null);
    const allocations = toAllocations(this.documents(), this.allocations.getRawValue());
    const message =
      client ?? (allocations.length === 0 ? 'Enter an amount to allocate to at least one document' : null);
    if (message) {
      this.error.set({ status: 0, code: 'invalid_allocation', message, fieldErrors: [] });
      return;
    }
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.sent = allocations;
    this.api.allocate(this.data.config.direction, this.data.payment.id, { allocations }).subscribe({
      next: () => {
        this.busy.set(false);
        this.dialog.close(true);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        this.busy.set(false);
        const unmatched = serverErrorsOn(apiError, {
          form: this.form,
          allocations: this.allocations,
          rowOf: (i) => this.documents().findIndex((d) => d.id === this.sent[i]?.invoiceId),
        });
        this.otherErrors.set(unmatched.filter((m) => !apiError.message.includes(m)));
        this.error.set(apiError);
      },
    });
  }

  private set(values: string[]): void {
    values.forEach((value, i) => this.allocations.at(i)?.setValue(value, { emitEvent: false }));
    this.allocations.updateValueAndValidity();
  }
}
