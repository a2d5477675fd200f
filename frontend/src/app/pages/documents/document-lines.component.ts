import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { DocumentLine } from '@billinator/contracts';
import { dec } from '@billinator/money';
import { AmountPipe, QuantityPipe } from '../../core/decimal-format';

/** The lines of a saved document, read-only; invoices and bills also show what was returned. */
@Component({
  selector: 'bn-document-lines',
  imports: [MatTableModule, AmountPipe, QuantityPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-wrap">
      <table mat-table [dataSource]="lines()" aria-label="Lines">
        <ng-container matColumnDef="lineNo">
          <th mat-header-cell *matHeaderCellDef class="num">#</th>
          <td mat-cell *matCellDef="let l; let i = index" class="num">{{ i + 1 }}</td>
        </ng-container>
        <ng-container matColumnDef="product">
          <th mat-header-cell *matHeaderCellDef>Product</th>
          <td mat-cell *matCellDef="let l">
            <div class="product">{{ l.description || l.productName }}</div>
            <div class="sub">
              {{ l.sku }}
              @if (l.description && l.description !== l.productName) {
                · {{ l.productName }}
              }
            </div>
          </td>
        </ng-container>
        <ng-container matColumnDef="quantity">
          <th mat-header-cell *matHeaderCellDef class="num">Quantity</th>
          <td mat-cell *matCellDef="let l" class="num">
            {{ l.quantity | qty }} <span class="muted">{{ l.unit }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="unitPrice">
          <th mat-header-cell *matHeaderCellDef class="num">{{ priceLabel() }}</th>
          <td mat-cell *matCellDef="let l" class="num">{{ l.unitPrice | amount }}</td>
        </ng-container>
        <ng-container matColumnDef="discountPercent">
          <th mat-header-cell *matHeaderCellDef class="num">Discount</th>
          <td mat-cell *matCellDef="let l" class="num">
            @if (hasDiscount(l)) {
              {{ l.discountPercent | qty }} %
            } @else {
              <span class="muted">—</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="taxRate">
          <th mat-header-cell *matHeaderCellDef class="num">Tax</th>
          <td mat-cell *matCellDef="let l" class="num">{{ l.taxRate | qty }} %</td>
        </ng-container>
        <ng-container matColumnDef="total">
          <th mat-header-cell *matHeaderCellDef class="num">Total</th>
          <td mat-cell *matCellDef="let l" class="num" data-testid="line-total">{{ l.total | amount }}</td>
        </ng-container>
        <ng-container matColumnDef="returnedQuantity">
          <th mat-header-cell *matHeaderCellDef class="num">Returned</th>
          <td mat-cell *matCellDef="let l" class="num" data-testid="line-returned">
            @if (isReturned(l)) {
              {{ l.returnedQuantity | qty }}
            } @else {
              <span class="muted">—</span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns(); let i = index" [attr.data-testid]="'line-row-' + i"></tr>
      </table>
    </div>
  `,
  styles: `
    .product {
      min-width: 140px;
    }
  `,
})
export class DocumentLinesComponent {
  readonly lines = input.required<DocumentLine[]>();
  /** Show the quantity already returned (invoices and bills). */
  readonly showReturned = input(false);
  readonly priceLabel = input('Unit price');

  readonly columns = computed(() => [
    'lineNo',
    'product',
    'quantity',
    'unitPrice',
    'discountPercent',
    'taxRate',
    'total',
    ...(this.showReturned() ? ['returnedQuantity'] : []),
  ]);

  hasDiscount(line: DocumentLine): boolean {
    return dec(line.discountPercent || '0').gt(0);
  }

  isReturned(line: DocumentLine): boolean {
    return dec(line.returnedQuantity || '0').gt(0);
  }
}
