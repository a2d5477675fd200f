import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { FieldError } from '@billinator/contracts';
import { QuantityPipe } from '../../core/decimal-format';
import type { Shortfall } from './document-helpers';

/**
 * The details under an error banner: the products short in stock (a 409 on issuing or
 * returning) and any field error of the server that no field on screen shows.
 */
@Component({
  selector: 'bn-document-problems',
  imports: [QuantityPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (shortfall().length) {
      <div class="problems" role="alert" data-testid="shortfall">
        <div class="title">Not enough stock:</div>
        <table>
          <thead>
            <tr>
              <th>Product</th>
              <th class="num">On hand</th>
              <th class="num">Short by</th>
            </tr>
          </thead>
          <tbody>
            @for (s of shortfall(); track s.productId) {
              <tr [attr.data-testid]="'shortfall-' + s.sku">
                <td>
                  <strong>{{ s.sku }}</strong> {{ names()[s.productId] }}
                </td>
                <td class="num">{{ s.onHand | qty }}</td>
                <td class="num short">{{ s.shortBy | qty }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
    @if (fieldErrors().length) {
      <ul class="problems" role="alert" data-testid="error-details">
        @for (f of fieldErrors(); track $index) {
          <li>{{ f.message }}</li>
        }
      </ul>
    }
  `,
  styles: `
    .problems {
      margin: -16px 0 16px;
      padding: 0 16px 12px 48px;
      border-radius: 0 0 8px 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    ul.problems {
      padding-left: 64px;
    }
    .title {
      margin-bottom: 4px;
    }
    table {
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
    }
    th {
      font: var(--mat-sys-label-medium);
      text-align: left;
      padding: 2px 16px 2px 0;
    }
    td {
      padding: 2px 16px 2px 0;
    }
    .num {
      text-align: right;
    }
    .short {
      font-weight: 500;
    }
  `,
})
export class DocumentProblemsComponent {
  readonly shortfall = input<Shortfall[]>([]);
  readonly fieldErrors = input<FieldError[]>([]);
  /** Product names by id, when the page knows them. */
  readonly names = input<Partial<Record<string, string>>>({});
}
