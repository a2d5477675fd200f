import { AfterViewInit, ChangeDetectionStrategy, Component, inject, OnInit, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginator, MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import type { StockLevel } from '@billinator/contracts';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AmountPipe, QuantityPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { StockApi } from '../../core/stock-api.service';

const NUMERIC = new Set(['onHand', 'averageCost', 'value']);

/** The value of the stock at moving average cost, product by product, and its total. */
@Component({
  selector: 'bn-valuation-page',
  imports: [
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatPaginatorModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>Stock valuation</h1>
        <div class="total" data-testid="total-value">
          <span class="muted">Total value</span>
          <strong>{{ totalValue() | amount }} {{ currency }}</strong>
        </div>
      </div>
      <p class="muted intro">Quantities on hand valued at their moving average cost.</p>
      <bn-error-banner [error]="error()" />
      <div class="table-wrap">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <table mat-table [dataSource]="rows" matSort matSortActive="sku" matSortDirection="asc">
          <ng-container matColumnDef="sku">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>SKU</th>
            <td mat-cell *matCellDef="let l" class="nowrap">{{ l.sku }}</td>
            <td mat-footer-cell *matFooterCellDef>Total</td>
          </ng-container>
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef mat-sort-header>Name</th>
            <td mat-cell *matCellDef="let l">
              <a class="row-link" [routerLink]="['/inventory/products', l.productId]">{{ l.name }}</a>
            </td>
            <td mat-footer-cell *matFooterCellDef></td>
          </ng-container>
          <ng-container matColumnDef="onHand">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">On hand</th>
            <td mat-cell *matCellDef="let l" class="num">
              {{ l.onHand | qty }} <span class="muted">{{ l.unit }}</span>
            </td>
            <td mat-footer-cell *matFooterCellDef></td>
          </ng-container>
          <ng-container matColumnDef="averageCost">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">Average cost</th>
            <td mat-cell *matCellDef="let l" class="num">{{ l.averageCost | amount }}</td>
            <td mat-footer-cell *matFooterCellDef></td>
          </ng-container>
          <ng-container matColumnDef="value">
            <th mat-header-cell *matHeaderCellDef mat-sort-header arrowPosition="before" class="num">
              Value ({{ currency }})
            </th>
            <td mat-cell *matCellDef="let l" class="num">{{ l.value | amount }}</td>
            <td mat-footer-cell *matFooterCellDef class="num">{{ totalValue() | amount }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'valuation-row-' + row.sku"></tr>
          <tr mat-footer-row *matFooterRowDef="columns" class="footer"></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length">
              @if (!loading()) {
                <mat-icon>account_balance</mat-icon>
                Nothing in stock to value yet.
              }
            </td>
          </tr>
        </table>
        <mat-paginator [pageSize]="50" [pageSizeOptions]="[25, 50, 100, 500]" aria-label="Pages of the valuation" />
      </div>
    </div>
  `,
  styles: `
    .total {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
    }
    .total strong {
      font: var(--mat-sys-title-large);
      font-variant-numeric: tabular-nums;
    }
    .intro {
      margin: -8px 0 16px;
    }
    .footer td {
      font-weight: 500;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class ValuationPage implements OnInit, AfterViewInit {
  private readonly api = inject(StockApi);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly columns = ['sku', 'name', 'onHand', 'averageCost', 'value'];
  readonly rows = new MatTableDataSource<StockLevel>([]);
  readonly totalValue = signal('0.00');
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private readonly sort = viewChild.required(MatSort);
  private readonly paginator = viewChild.required(MatPaginator);

  constructor() {
    // Sorting only orders rows; the amounts themselves stay decimal strings.
    this.rows.sortingDataAccessor = (row, column) =>
      NUMERIC.has(column) ? Number(row[column as keyof StockLevel] ?? 0) : String(row[column as keyof StockLevel]);
  }

  ngOnInit(): void {
    this.loading.set(true);
    this.api.valuation().subscribe({
      next: (valuation) => {
        this.rows.data = valuation.items;
        this.totalValue.set(valuation.totalValue);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  ngAfterViewInit(): void {
    this.rows.sort = this.sort();
    this.rows.paginator = this.paginator();
  }
}
