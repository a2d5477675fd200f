import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CreateProductRequest, Product, ProductInput, ProductKind } from '@billinator/contracts';
import { AuthService } from '../../../core/auth.service';
import {
  decimalValidator,
  MONEY_BOUNDS,
  QUANTITY_BOUNDS,
  RATE_BOUNDS,
  textOrNull,
} from '../../../core/decimal-validators';
import { trimZeros } from '../../../core/decimal-format';
import { EditedRecord } from '../../../core/edited-record';
import { FormActionsComponent } from '../../../core/form-actions.component';
import { FormPageHeaderComponent } from '../../../core/form-page-header.component';
import { FormSubmission } from '../../../core/form-submission';
import { ProductsApi } from '../../../core/products-api.service';
import { loadForRoute } from '../../../core/route-load';

const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$/;

/** Create a product (with optional opening stock) or edit one, by `id` in the route. */
@Component({
  selector: 'bn-product-form-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    FormPageHeaderComponent,
    FormActionsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product-form.page.html',
})
export class ProductFormPage {
  private readonly api = inject(ProductsApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  /** From the route: absent when creating. */
  readonly id = input<string>();

  readonly form = inject(FormBuilder).nonNullable.group({
    sku: ['', [Validators.required, Validators.pattern(SKU_PATTERN)]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    unit: ['pcs', [Validators.required, Validators.maxLength(20)]],
    kind: ['goods' as ProductKind, Validators.required],
    salePrice: ['', [Validators.required, decimalValidator(2, MONEY_BOUNDS)]],
    purchasePrice: ['', [Validators.required, decimalValidator(2, MONEY_BOUNDS)]],
    taxRate: ['0', [Validators.required, decimalValidator(2, RATE_BOUNDS)]],
    reorderLevel: ['0', [Validators.required, decimalValidator(3, QUANTITY_BOUNDS)]],
    active: [true],
    openingQuantity: ['', decimalValidator(3, { min: '0.001', max: QUANTITY_BOUNDS.max })],
    openingUnitCost: ['', decimalValidator(4, { min: '0', max: '999999999999.9999' })],
  });
  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;
  readonly record = new EditedRecord<Product>({
    id: this.id,
    fetch: (id) => this.api.get(id),
    fill: (product) => this.fill(product),
    error: this.error,
  });
  readonly product = this.record.value;
  readonly editing = computed(() => !!this.id());
  readonly backLink = computed(() => {
    const product = this.product();
    return product ? ['/inventory/products', product.id] : '/inventory/products';
  });
  readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });

  constructor() {
    // A service holds no stock: clear what only goods can carry, so hidden fields never block saving.
    this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => {
      if (kind !== 'service') return;
      this.form.patchValue({ openingQuantity: '', openingUnitCost: '' });
      if (this.form.controls.reorderLevel.invalid) this.form.controls.reorderLevel.setValue('0');
    });
    loadForRoute(this.id, () => this.record.reload(false));
  }

  message(name: string, label: string): string | null {
    if (name === 'sku' && this.form.controls.sku.hasError('pattern')) {
      return 'SKU: 1 to 40 letters, digits, dots, dashes, slashes or underscores, starting with a letter or digit';
    }
    return this.submission.message(name, label);
  }

  submit(): void {
    const v = this.form.getRawValue();
    if (v.openingUnitCost.trim() && !v.openingQuantity.trim() && !this.editing()) {
      this.form.controls.openingUnitCost.setErrors({ server: 'Opening unit cost needs an opening quantity' });
      this.form.controls.openingUnitCost.markAsTouched();
      return;
    }
    const fields: ProductInput = {
      sku: v.sku.trim(),
      name: v.name.trim(),
      unit: v.unit.trim(),
      kind: v.kind,
      salePrice: v.salePrice.trim(),
      purchasePrice: v.purchasePrice.trim(),
      taxRate: v.taxRate.trim(),
      reorderLevel: v.reorderLevel.trim(),
      active: v.active,
    };
    const current = this.product();
    this.submission.submit(
      () => {
        if (current) return this.api.update(current.id, { ...fields, version: current.version });
        const request: CreateProductRequest = { ...fields };
        const quantity = v.kind === 'goods' ? textOrNull(v.openingQuantity) : null;
        if (quantity) {
          request.openingQuantity = quantity;
          const cost = textOrNull(v.openingUnitCost);
          if (cost) request.openingUnitCost = cost;
        }
        return this.api.create(request);
      },
      (saved) => {
        this.snackBar.open(`${saved.name} saved`, 'OK', { duration: 4000 });
        void this.router.navigate(['/inventory/products', saved.id]);
      },
    );
  }

  private fill(product: Product): void {
    this.form.reset({
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      kind: product.kind,
      salePrice: product.salePrice,
      purchasePrice: product.purchasePrice,
      taxRate: product.taxRate,
      reorderLevel: trimZeros(product.reorderLevel),
      active: product.active,
      openingQuantity: '',
      openingUnitCost: '',
    });
    // Once stock has moved, the kind is part of the books.
    if (product.averageCost !== null) this.form.controls.kind.disable();
    else this.form.controls.kind.enable();
  }
}
