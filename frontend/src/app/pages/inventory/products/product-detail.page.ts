import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Product } from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { AuthService } from '../../../core/auth.service';
import { injectConfirm } from '../../../core/confirm';
import { AmountPipe, formatDecimal, QuantityPipe } from '../../../core/decimal-format';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { isLowStock, KIND_LABELS } from '../../../core/product-status';
import { ProductsApi } from '../../../core/products-api.service';
import { RemoteValue } from '../../../core/remote-value';
import { loadForRoute } from '../../../core/route-load';
import { StockAdjustDialog } from './stock-adjust.dialog';
import { StockCardComponent } from './stock-card.component';

/** One product: its fields, its stock position and stock card, and what can be done with it. */
@Component({
  selector: 'bn-product-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    StockCardComponent,
    AmountPipe,
    QuantityPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product-detail.page.html',
  styles: `
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin: -8px 0 16px;
    }
    .stock-figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(160px, 40%), 1fr));
      gap: 16px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .figure {
      margin: 4px 0 0;
      font: var(--mat-sys-headline-small);
      font-variant-numeric: tabular-nums;
    }
    .figure small {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ProductDetailPage {
  private readonly api = inject(ProductsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly confirm = injectConfirm();
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  readonly id = input.required<string>();

  readonly currency = this.auth.currentUser()?.tenant.currency ?? '';
  readonly kindLabels = KIND_LABELS;
  readonly record = new RemoteValue<Product>();
  readonly product = this.record.value;
  readonly loading = this.record.loading;
  readonly error = this.record.error;
  /** Bumped after each change in stock so the stock card reloads. */
  readonly revision = signal(0);
  readonly canWrite = computed(() => this.auth.can('inventory.write'));
  readonly low = computed(() => {
    const p = this.product();
    return p !== null && isLowStock(p);
  });
  readonly stockValue = computed(() => {
    const p = this.product();
    return p?.averageCost ? money(dec(p.onHand).times(dec(p.averageCost))) : '0.00';
  });

  constructor() {
    loadForRoute(this.id, () => this.load());
  }

  load(): void {
    this.record.load(this.api.get(this.id()));
  }

  adjustStock(product: Product): void {
    this.dialog
      .open(StockAdjustDialog, { data: product, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((updated?: Product) => {
        if (!updated) return;
        this.product.set(updated);
        this.revision.update((r) => r + 1);
        this.snackBar.open(
          `Stock of ${updated.name} is now ${formatDecimal(updated.onHand, 0)} ${updated.unit}`,
          'OK',
          {
            duration: 4000,
          },
        );
      });
  }

  toggleActive(product: Product): void {
    const deactivate = product.active;
    this.confirm(
      {
        title: deactivate ? 'Deactivate product?' : 'Reactivate product?',
        message: deactivate
          ? `${product.name} can no longer be picked on new documents. Its history and stock stay.`
          : `${product.name} can be used on documents again.`,
        confirm: deactivate ? 'Deactivate' : 'Reactivate',
        danger: deactivate,
      },
      () =>
        this.record.send(this.api.update(product.id, { active: !deactivate, version: product.version }), (updated) => {
          this.product.set(updated);
          this.snackBar.open(`${updated.name} ${deactivate ? 'deactivated' : 'reactivated'}`, 'OK', { duration: 4000 });
        }),
    );
  }

  remove(product: Product): void {
    this.confirm(
      {
        title: 'Delete product?',
        message: `${product.name} (${product.sku}) is removed for good. A product with stock movements cannot be deleted.`,
        confirm: 'Delete',
        danger: true,
      },
      () =>
        this.record.send(this.api.delete(product.id), () => {
          this.snackBar.open(`${product.name} deleted`, 'OK', { duration: 4000 });
          void this.router.navigate(['/inventory/products']);
        }),
    );
  }
}
