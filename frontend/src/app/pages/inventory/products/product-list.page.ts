import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { PRODUCT_KINDS, type Product, type ProductKind } from '@billinator/contracts';
import { AuthService } from '../../../core/auth.service';
import { AmountPipe, QuantityPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { FileDownload } from '../../../core/file-download';
import { ListAddress, oneOf } from '../../../core/list-address';
import { ListEmptyComponent } from '../../../core/list-empty.component';
import { ListTableComponent } from '../../../core/list-table.component';
import { isLowStock, KIND_LABELS } from '../../../core/product-status';
import { ProductFilters, ProductsApi } from '../../../core/products-api.service';
import { ServerList } from '../../../core/server-list';

const STATUS_FILTERS = ['all', 'active', 'inactive'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

@Component({
  selector: 'bn-product-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatSortModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatButtonModule,
    MatIconModule,
    ErrorBannerComponent,
    ListTableComponent,
    ListEmptyComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product-list.page.html',
})
export class ProductListPage implements OnInit {
  private readonly api = inject(ProductsApi);
  private readonly auth = inject(AuthService);

  readonly columns = ['sku', 'name', 'kind', 'onHand', 'salePrice', 'purchasePrice', 'status'];
  readonly kindLabels: Record<string, string> = KIND_LABELS;
  readonly status = new FormControl<StatusFilter>('all', { nonNullable: true });
  readonly kind = new FormControl<ProductKind | ''>('', { nonNullable: true });
  readonly lowStock = new FormControl(false, { nonNullable: true });
  readonly list = new ServerList<Product>((page) => this.api.list({ ...page, ...this.filters() }));
  /** `?status=…&kind=…&lowStock=true&q=…`: a reload, a link or the back button shows the same list. */
  readonly address = new ListAddress(this.list, () => ({
    status: this.status.value === 'all' ? null : this.status.value,
    kind: this.kind.value || null,
    lowStock: this.lowStock.value ? 'true' : null,
  }));
  readonly canWrite = computed(() => this.auth.can('inventory.write'));
  readonly csv = new FileDownload();
  readonly isLow = isLowStock;

  constructor() {
    this.address.watch([this.status, this.kind, this.lowStock]);
  }

  ngOnInit(): void {
    this.address.restore('status', this.status, oneOf(STATUS_FILTERS));
    this.address.restore('kind', this.kind, oneOf(PRODUCT_KINDS));
    this.address.restoreFlag('lowStock', this.lowStock);
    this.address.restoreSearch();
    this.list.load();
  }

  get filtered(): boolean {
    return !!this.list.term || this.status.value !== 'all' || !!this.kind.value || this.lowStock.value;
  }

  clearFilters(): void {
    this.address.reset([this.status, this.kind, this.lowStock]);
    this.address.changed();
  }

  exportCsv(): void {
    this.csv.save(this.api.exportCsv({ ...this.filters(), q: this.list.term, sort: this.list.sort() }));
  }

  private filters(): ProductFilters {
    const status = this.status.value;
    return {
      active: status === 'all' ? undefined : status === 'active',
      kind: this.kind.value || undefined,
      lowStock: this.lowStock.value || undefined,
    };
  }
}
