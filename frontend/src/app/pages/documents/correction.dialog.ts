import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CorrectionInput, DocumentDetail, DocumentLine, FieldError } from '@billinator/contracts';
import { computeDocument, dec, isDecimalString, quantity } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AmountPipe, QuantityPipe, trimZeros } from '../../core/decimal-format';
import { decimalValidator } from '../../core/decimal-validators';
import { DocumentsApi, IdempotencyKeys } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { controlMessage } from '../../core/form-errors';
import { applyDocumentErrors, Shortfall, shortfallOf } from './document-helpers';
import type { InvoiceConfig } from './document-kind';
import { DocumentProblemsComponent } from './document-problems.component';

export interface CorrectionData {
  config: InvoiceConfig;
  invoice: DocumentDetail;
}

interface ReturnableLine {
  line: DocumentLine;
  /** Invoiced less what earlier corrections returned. */
  max: string;
}

/**
 * A credit note (sales) or purchase return against an invoice or bill: how much of each
 * line goes back (at most what is still returnable) and why. Answers the document created.
 */
@Component({
  selector: 'bn-correction-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorBannerComponent,
    DocumentProblemsComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ config.correctionNoun }} for {{ data.invoice.number }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="correction-form">
      <mat-dialog-content>
        <bn-error-banner [error]="error()" />
        <bn-document-problems [shortfall]="shortfall()" [fieldErrors]="unmatched()" [names]="names" />
        <div class="intro">
          <span>How much of each line goes back?</span>
          <button mat-button type="button" (click)="returnAll()" data-testid="return-all">Everything</button>
        </div>
        <div class="table-wrap">
          <table class="lines" formArrayName="lines" aria-label="Lines to return">
            <thead>
              <tr>
                <th>Product</th>
                <th class="num">Returnable</th>
                <th class="num qty">Quantity</th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows; track row.line.id; let i = $index) {
                <tr [attr.data-testid]="'return-row-' + i">
                  <td>
                    <div>{{ row.line.description || row.line.productName }}</div>
                    <div class="sub">{{ row.line.sku }} · {{ row.line.unitPrice | amount }}</div>
                  </td>
                  <td class="num">
                    {{ row.max | qty }} <span class="muted">{{ row.line.unit }}</span>
                  </td>
                  <td class="num qty">
                    <mat-form-field appearance="outline" subscriptSizing="dynamic">
                      <input
                        matInput
                        [formControlName]="i"
                        inputmode="decimal"
                        [attr.aria-label]="'Quantity to return of ' + row.line.productName"
                        [attr.data-testid]="'return-qty-' + i"
                      />
                      <mat-error>{{ message('lines.' + i, 'Quantity') }}</mat-error>
                    </mat-form-field>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (noneChosen()) {
          <div class="error-text" role="alert">Enter a quantity for at least one line</div>
        }
        <div class="credit-total">
          <span>{{ config.correctionNoun }} total</span>
          <strong data-testid="correction-total">{{ total() | amount }}</strong>
        </div>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="2" required data-testid="correction-reason"></textarea>
          <mat-hint>e.g. "Damaged in transit"; printed on the document</mat-hint>
          <mat-error>{{ message('reason', 'Reason') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-correction">
          Create {{ config.correctionSingular }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(560px, 80vw);
    }
    .intro {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 8px;
    }
    .table-wrap {
      margin-bottom: 12px;
    }
    table.lines {
      width: 100%;
      border-collapse: collapse;
      th {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
        text-align: left;
        padding: 8px 12px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      td {
        padding: 6px 12px;
      }
      th.num,
      td.num {
        text-align: right;
      }
      .qty {
        width: 130px;
      }
      td.qty input {
        text-align: right;
      }
    }
    .credit-total {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-title-medium);
      margin: 8px 0 16px;
    }
    .error-text {
      color: var(--mat-sys-error);
      margin-bottom: 8px;
    }
  `,
})
export class CorrectionDialog {
  private readonly api = inject(DocumentsApi);
  private readonly dialog = inject(MatDialogRef<CorrectionDialog, DocumentDetail>);
  readonly data = inject<CorrectionData>(MAT_DIALOG_DATA);
  readonly config = this.data.config;

  readonly rows: ReturnableLine[] = this.data.invoice.lines
    .map((line) => ({ line, max: quantity(dec(line.quantity).minus(dec(line.returnedQuantity || '0'))) }))
    .filter((row) => dec(row.max).gt(0));
  readonly names: Record<string, string> = Object.fromEntries(
    this.data.invoice.lines.map((l) => [l.productId, l.productName]),
  );
  private readonly fb = inject(FormBuilder).nonNullable;
  readonly form = this.fb.group({
    reason: ['', [Validators.required, Validators.maxLength(500)]],
    lines: this.fb.array(
      this.rows.map((row) => this.fb.control('', decimalValidator(3, { min: '0', max: trimZeros(row.max) }))),
    ),
  });
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly unmatched = signal<FieldError[]>([]);
  readonly shortfall = signal<Shortfall[]>([]);
  readonly noneChosen = signal(false);
  private readonly keys = new IdempotencyKeys();
  /** Which row each line of the last request came from, to place the server's `lines.N` errors. */
  private sentRows: number[] = [];
  private readonly quantities = toSignal(this.form.controls.lines.valueChanges, {
    initialValue: this.form.controls.lines.getRawValue(),
  });
  readonly total = computed(
    () =>
      computeDocument(
        this.rows.map((row, i) => {
          const q = (this.quantities()[i] ?? '').trim();
          return {
            quantity: isDecimalString(q, 3) ? q : '0',
            unitPrice: row.line.unitPrice,
            discountPercent: row.line.discountPercent,
            taxRate: row.line.taxRate,
          };
        }),
      ).total,
  );

  message(name: string, label: string): string | null {
    return controlMessage(this.form, name, label);
  }

  returnAll(): void {
    this.form.controls.lines.setValue(this.rows.map((row) => trimZeros(row.max)));
    this.noneChosen.set(false);
  }

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const v = this.form.getRawValue();
    this.sentRows = [];
    const lines: CorrectionInput['lines'] = [];
    v.lines.forEach((text, i) => {
      const q = text.trim();
      if (q && dec(q).gt(0)) {
        this.sentRows.push(i);
        lines.push({ invoiceLineId: this.rows[i].line.id, quantity: q });
      }
    });
    this.noneChosen.set(lines.length === 0);
    if (lines.length === 0) return;
    const request: CorrectionInput = { invoiceId: this.data.invoice.id, reason: v.reason.trim(), lines };
    this.busy.set(true);
    this.error.set(null);
    this.unmatched.set([]);
    this.shortfall.set([]);
    this.api
      .corrections(this.config.side)
      .create(request, this.keys.for(request))
      .subscribe({
        next: (created) => this.dialog.close(created),
        error: (e: unknown) => {
          const apiError = toApiError(e);
          this.unmatched.set(
            applyDocumentErrors(this.form, apiError, (field) => {
              const match = /^lines\.(\d+)(?:\.\w+)?$/.exec(field);
              const row = match ? this.sentRows[Number(match[1])] : undefined;
              return row === undefined ? field : `lines.${row}`;
            }),
          );
          this.shortfall.set(shortfallOf(e));
          this.error.set(apiError);
          this.busy.set(false);
        },
      });
  }
}
