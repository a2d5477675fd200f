import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormArray, FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import type { DocumentSummary } from '@billinator/contracts';
import { AmountPipe } from '../../core/decimal-format';
import { allocationMessage, AllocationSummary } from './allocation';
import type { PaymentConfig } from './payment-direction';

/**
 * The open invoices (bills) of a party with what a payment gives each: an input per document
 * when allocating by hand, the oldest-first preview otherwise; then the totals.
 */
@Component({
  selector: 'bn-allocation-table',
  imports: [ReactiveFormsModule, DatePipe, MatTableModule, MatFormFieldModule, MatInputModule, AmountPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table mat-table [dataSource]="documents()" [attr.aria-label]="'Open ' + config().documentsLabel">
        <ng-container matColumnDef="number">
          <th mat-header-cell *matHeaderCellDef>{{ config().documentLabel }}</th>
          <td mat-cell *matCellDef="let d">
            <div class="nowrap">{{ d.number }}</div>
            <div class="sub show-sm">
              Due {{ d.dueDate | date: 'mediumDate' }}
              @if (d.overdue) {
                <span class="overdue-text">· overdue</span>
              }
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="dueDate">
          <th mat-header-cell *matHeaderCellDef class="hide-sm">Due</th>
          <td mat-cell *matCellDef="let d" class="hide-sm nowrap">
            {{ d.dueDate | date: 'mediumDate' }}
            @if (d.overdue) {
              <span class="chip chip-low">Overdue</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="balance">
          <th mat-header-cell *matHeaderCellDef class="num">Balance</th>
          <td mat-cell *matCellDef="let d" class="num">{{ d.balance | amount }}</td>
        </ng-container>
        <ng-container matColumnDef="allocation">
          <th mat-header-cell *matHeaderCellDef class="num allocation">{{ manual() ? 'Allocate' : 'Gets' }}</th>
          <td mat-cell *matCellDef="let d; let i = index" class="num allocation">
            @if (manual() && controls().at(i); as control) {
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="allocation-field">
                <input
                  matInput
                  [formControl]="control"
                  inputmode="decimal"
                  autocomplete="off"
                  [attr.aria-label]="'Allocation to ' + d.number"
                  [attr.data-testid]="'allocation-input-' + d.number"
                />
                <mat-error>{{ message(control) }}</mat-error>
              </mat-form-field>
            } @else {
              <span [attr.data-testid]="'allocation-preview-' + d.number">{{ preview()[i] | amount }}</span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr
          mat-row
          *matRowDef="let row; columns: columns"
          [class.overdue]="row.overdue"
          [attr.data-testid]="'open-invoice-' + row.number"
        ></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length" data-testid="no-open-documents">
            No open {{ config().documentsLabel }}: {{ emptyMessage() }}
          </td>
        </tr>
      </table>
    </div>
    <dl class="totals" aria-live="polite">
      <div>
        <dt>Allocated</dt>
        <dd data-testid="allocated-total">{{ summary().allocated | amount }} {{ currency() }}</dd>
      </div>
      <div>
        <dt>{{ remainderLabel() }}</dt>
        <dd data-testid="credit-remainder" [class.negative]="summary().over">
          {{ summary().remainder ?? '—' | amount }} {{ summary().remainder !== null ? currency() : '' }}
        </dd>
      </div>
    </dl>
    @if (overMessage(); as m) {
      <p class="over" role="alert" data-testid="over-allocated">{{ m }}</p>
    }
  `,
  styles: `
    .allocation {
      width: 140px;
    }
    .allocation-field {
      width: 128px;
      margin: 4px 0;
      --mat-form-field-container-height: 40px;
      --mat-form-field-container-vertical-padding: 8px;
    }
    .allocation-field input {
      text-align: right;
    }
    .allocation-field mat-error {
      display: block;
      white-space: normal;
      text-align: right;
    }
    tr.overdue td:first-child {
      box-shadow: inset 3px 0 var(--mat-sys-error);
    }
    .overdue-text,
    .negative,
    .over {
      color: var(--mat-sys-error);
    }
    .chip {
      margin-left: 6px;
    }
    .totals {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px 32px;
      margin: 12px 0 0;
      text-align: right;
    }
    .totals dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .totals dd {
      margin: 0;
      font: var(--mat-sys-title-medium);
      font-variant-numeric: tabular-nums;
    }
    .over {
      text-align: right;
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
    }
    @media (max-width: 599px) {
      .allocation {
        width: 112px;
      }
      .allocation-field {
        width: 104px;
      }
    }
  `,
})
export class AllocationTableComponent {
  readonly config = input.required<PaymentConfig>();
  /** Open documents, oldest first. */
  readonly documents = input.required<DocumentSummary[]>();
  /** One control per document, same order; shown when allocating by hand. */
  readonly controls = input.required<FormArray<FormControl<string>>>();
  readonly manual = input(true);
  /** What automatic allocation would give each document, when not allocating by hand. */
  readonly preview = input<string[]>([]);
  readonly summary = input.required<AllocationSummary>();
  readonly remainderLabel = input('Kept as credit');
  /** Shown in red under the totals (e.g. more allocated than paid). */
  readonly overMessage = input<string | null>(null);
  readonly currency = input('');
  readonly emptyMessage = input('the whole payment is kept as credit.');

  readonly columns = ['number', 'dueDate', 'balance', 'allocation'];

  message(control: FormControl<string>): string | null {
    return allocationMessage(control);
  }
}
