import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import type { StockLevel } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { AmountPipe, QuantityPipe } from '../../core/decimal-format';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { ListAddress } from '../../core/list-address';
import { ListEmptyComponent } from '../../core/list-empty.component';
import { ListTableComponent } from '../../core/list-table.component';
import { ServerList } from '../../core/server-list';
import { StockApi } from '../../core/stock-api.service';

/** What is on hand of every stocked product, with a switch for the ones to reorder. */
@Component({
  selector: 'bn-stock-levels-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatSlideToggleModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header">
        <h1>Stock levels</h1>
      </div>
      <bn-error-banner [error]="list.error()" />
      <div class="filters">
        <mat-form-field appearance="outline" class="search" subscriptSizing="dynamic">
          <mat-icon matPrefix>search</mat-icon>
          <mat-label>Search by SKU or name</mat-label>
          <input matInput [formControl]="list.search" data-testid="stock-search" />
        </mat-form-field>
        <mat-slide-toggle [formControl]="lowStock" data-testid="low-stock-only">Low stock only</mat-slide-toggle>
      </div>
      <bn-list-table [list]="list" label="Pages of stock levels">
        <table mat-table [dataSource]="list.items()">
          <ng-container matColumnDef="sku">
            <th mat-header-cell *matHeaderCellDef>SKU</th>
            <td mat-cell *matCellDef="let l" class="nowrap">{{ l.sku }}</td>
          </ng-container>
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>Name</th>
            <td mat-cell *matCellDef="let l">
              <a class="row-link" [routerLink]="['/inventory/products', l.productId]">{{ l.name }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="onHand">
            <th mat-header-cell *matHeaderCellDef class="num">On hand</th>
            <td mat-cell *matCellDef="let l" class="num">
              @if (l.low) {
                <span class="chip chip-low">Low</span>
              }
              {{ l.onHand | qty }} <span class="muted">{{ l.unit }}</span>
            </td>
          </ng-container>
          <ng-container matColumnDef="reorderLevel">
            <th mat-header-cell *matHeaderCellDef class="num hide-sm">Reorder level</th>
            <td mat-cell *matCellDef="let l" class="num hide-sm">{{ l.reorderLevel | qty }}</td>
          </ng-container>
          <ng-container matColumnDef="averageCost">
            <th mat-header-cell *matHeaderCellDef class="num hide-sm">Average cost</th>
            <td mat-cell *matCellDef="let l" class="num hide-sm">{{ l.averageCost | amount }}</td>
          </ng-container>
          <ng-container matColumnDef="value">
            <th mat-header-cell *matHeaderCellDef class="num">Value ({{ currency }})</th>
            <td mat-cell *matCellDef="let l" class="num">{{ l.value | amount }}</td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-testid]="'level-row-' + row.sku"></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty-state" [attr.colspan]="columns.length">
              <bn-list-empty
                [list]="list"
                icon="inventory"
                [filtered]="lowStock.value || !!list.term"
                noun="stocked product"
                empty="No stocked products yet: goods appear here once created."
              />
            </td>
          </tr>
        </table>
      </bn-list-table>
    </div>
  `,
})
export class StockLevelsPage implements OnInit {
  private readonly api = inject(StockApi);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly columns = ['sku', 'name', 'onHand', 'reorderLevel', 'averageCost', 'value'];
  readonly lowStock = new FormControl(false, { nonNullable: true });
  readonly list = new ServerList<StockLevel>(({ limit, offset, q }) =>
    this.api.levels({ limit, offset, q, lowStock: this.lowStock.value || undefined }),
  );

  /** `?lowStock=true` (the dashboard's low-stock card links here) and `?q=` stay in the address. */
  private readonly address = new ListAddress(this.list, () => ({ lowStock: this.lowStock.value ? 'true' : null }));

  constructor() {
    this.address.watch([this.lowStock]);
  }

  ngOnInit(): void {
    this.address.restoreFlag('lowStock', this.lowStock);
    this.address.restoreSearch();
    this.list.load();
  }
}
