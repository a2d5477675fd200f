import { ChangeDetectionStrategy, Component, effect, inject, input, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { StockMovement } from '@billinator/contracts';
import { AmountPipe, QuantityPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { ServerList } from '../../../core/server-list';
import { StockApi } from '../../../core/stock-api.service';
import { MOVEMENT_LABELS } from './stock-movement-labels';

/** The stock card of one product: its movements, newest first, with the running balance. */
@Component({
  selector: 'bn-stock-card',
  imports: [
    DatePipe,
    MatTableModule,
    MatPaginatorModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <bn-error-banner [error]="list.error()" />
    <div class="table-wrap">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <table mat-table [dataSource]="list.items()" data-testid="stock-card">
        <ng-container matColumnDef="occurredAt">
          <th mat-header-cell *matHeaderCellDef>Date</th>
          <td mat-cell *matCellDef="let m" class="nowrap">
            <div>{{ m.occurredAt | date: 'mediumDate' }}</div>
            <div class="sub">{{ m.occurredAt | date: 'shortTime' }}</div>
          </td>
        </ng-container>
        <ng-container matColumnDef="kind">
          <th mat-header-cell *matHeaderCellDef>Movement</th>
          <td mat-cell *matCellDef="let m">
            <div>{{ labels[m.kind] }}</div>
            @if (m.reason && m.reason !== labels[m.kind]) {
              <div class="sub">{{ m.reason }}</div>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="quantity">
          <th mat-header-cell *matHeaderCellDef class="num">Quantity</th>
          <td mat-cell *matCellDef="let m" class="num" [class.out]="m.quantity.startsWith('-')">
            {{ m.quantity | qty: true }}
          </td>
        </ng-container>
        <ng-container matColumnDef="unitCost">
          <th mat-header-cell *matHeaderCellDef class="num hide-sm">Unit cost</th>
          <td mat-cell *matCellDef="let m" class="num hide-sm">{{ m.unitCost | amount }}</td>
        </ng-container>
        <ng-container matColumnDef="averageCostAfter">
          <th mat-header-cell *matHeaderCellDef class="num hide-sm">Average cost</th>
          <td mat-cell *matCellDef="let m" class="num hide-sm">{{ m.averageCostAfter | amount }}</td>
        </ng-container>
        <ng-container matColumnDef="balance">
          <th mat-header-cell *matHeaderCellDef class="num">Balance</th>
          <td mat-cell *matCellDef="let m" class="num balance" data-testid="balance">{{ m.balance | qty }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns" data-testid="movement-row"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length">
            @if (!list.loading()) {
              No stock movements yet.
            }
          </td>
        </tr>
      </table>
      @if (list.total() > list.pageSize()) {
        <mat-paginator
          [length]="list.total()"
          [pageSize]="list.pageSize()"
          [pageIndex]="list.pageIndex()"
          [pageSizeOptions]="[10, 25, 50]"
          (page)="list.onPage($event)"
          aria-label="Pages of stock movements"
        />
      }
    </div>
  `,
  styles: `
    .out {
      color: var(--mat-sys-error);
    }
    .balance {
      font-weight: 500;
    }
  `,
})
export class StockCardComponent {
  private readonly api = inject(StockApi);
  readonly productId = input.required<string>();
  /** Bumped by the parent after a change in stock, to show the new movement. */
  readonly revision = input(0);

  readonly columns = ['occurredAt', 'kind', 'quantity', 'unitCost', 'averageCostAfter', 'balance'];
  readonly labels: Record<string, string> = MOVEMENT_LABELS;
  readonly list = new ServerList<StockMovement>(({ limit, offset }) =>
    this.api.movements(this.productId(), limit, offset),
  );

  constructor() {
    this.list.pageSize.set(10);
    effect(() => {
      this.productId();
      this.revision();
      untracked(() => this.list.reload());
    });
  }
}
