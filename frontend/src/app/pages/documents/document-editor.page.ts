import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { map, Observable, pairwise, startWith, Subscription } from 'rxjs';
import type { DocumentDetail, FieldError, InvoiceInput, Product } from '@billinator/contracts';
import { computeDocument, isDecimalString } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AmountPipe, trimZeros } from '../../core/decimal-format';
import { decimalValidator, RATE_BOUNDS, textOrNull } from '../../core/decimal-validators';
import { DocumentsApi, IdempotencyKeys, QuoteInput } from '../../core/documents-api.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { controlMessage } from '../../core/form-errors';
import { CustomersApi } from '../../core/parties-api.service';
import { ProductsApi } from '../../core/products-api.service';
import { loadForRoute } from '../../core/route-load';
import {
  applyDocumentErrors,
  Lookup,
  nameOf,
  opportunityTitles,
  partyLookup,
  PartyRef,
  pickedValidator,
  shortfallOf,
  Shortfall,
} from './document-helpers';
import { addDays, DOCUMENT_CONFIG, DocumentSide, today, validUntilOf } from './document-kind';
import { DocumentNoticeComponent } from './document-notice.component';
import { DocumentProblemsComponent } from './document-problems.component';
import { DocumentTotalsComponent } from './document-totals.component';

/** A product picked on a line. */
interface ProductRef {
  id: string;
  sku: string;
  name: string;
  unit?: string;
}

const QUANTITY = [Validators.required, decimalValidator(3, { min: '0.001', max: '999999999.999' })];
/** Unit prices and costs may carry 4 decimals (e.g. 0.1234 per gram); line amounts are rounded to cents. */
const PRICE = [Validators.required, decimalValidator(4, { min: '0', max: '999999999.9999' })];
const RATE = [decimalValidator(2, RATE_BOUNDS)];

/** The number fields of a line, in the order of their columns: how each is named on screen. */
const NUMBER_FIELDS = [
  { name: 'quantity', column: 'qty', label: 'Quantity', error: 'Quantity', testId: 'quantity-input' },
  { name: 'unitPrice', column: 'price', label: 'Unit price', error: 'Price', testId: 'price-input' },
  { name: 'discountPercent', column: 'rate', label: 'Discount percent', error: 'Discount', testId: 'discount-input' },
  { name: 'taxRate', column: 'rate', label: 'Tax rate', error: 'Tax rate', testId: 'tax-input' },
] as const;

/** The value of a decimal field for the live totals: what is not (yet) a number counts as 0. */
function num(value: string, scale: number): string {
  const text = value.trim();
  return isDecimalString(text, scale) ? text : '0';
}

/**
 * Creates a draft invoice, bill or quote, or edits one (by `id` in the route): party, dates,
 * lines with product lookup, and totals computed as the user types with the same arithmetic
 * the server stores (`@billinator/money`). A new quote may come with `?customerId=` and
 * `?opportunityId=` (from a customer or an opportunity) and is valid 30 days by default.
 */
@Component({
  selector: 'bn-document-editor-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ErrorBannerComponent,
    DocumentTotalsComponent,
    DocumentProblemsComponent,
    DocumentNoticeComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <a class="back-link" [routerLink]="backLink()">
        <mat-icon>arrow_back</mat-icon
        >{{ document() ? (document()!.number ?? 'Draft ' + config().singular) : config().title }}
      </a>
      <div class="page-header">
        <h1>{{ editing() ? 'Edit ' + config().singular : 'New ' + config().singular }}</h1>
      </div>

      <bn-error-banner [error]="error()">
        @if (stale()) {
          <button mat-stroked-button type="button" (click)="reload()" data-testid="reload">
            <mat-icon>refresh</mat-icon>Reload
          </button>
        }
      </bn-error-banner>
      <bn-document-problems [shortfall]="shortfall()" [fieldErrors]="unmatched()" />

      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (notDraft()) {
        <bn-document-notice icon="lock" role="status" data-testid="not-draft">
          This {{ config().singular }} is no longer a draft and cannot be edited.
          <a [routerLink]="backLink()">Open it</a>
        </bn-document-notice>
      } @else if (!editing() || document()) {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="document-form">
          <section class="panel">
            <h2>{{ config().noun }}</h2>
            <div class="form-grid">
              <mat-form-field appearance="outline" class="span-2">
                <mat-label>{{ config().party }}</mat-label>
                <input
                  #partyInput
                  matInput
                  formControlName="party"
                  [matAutocomplete]="partyAuto"
                  (focus)="parties.search(form.controls.party.value)"
                  (input)="parties.search(partyInput.value)"
                  required
                  data-testid="party-input"
                />
                <mat-autocomplete #partyAuto="matAutocomplete" [displayWith]="nameOf" autoActiveFirstOption>
                  @for (p of parties.options(); track p.id) {
                    <mat-option [value]="p" [attr.data-testid]="'party-option-' + p.name">{{ p.name }}</mat-option>
                  }
                </mat-autocomplete>
                <mat-error>{{ message('party', config().party) }}</mat-error>
              </mat-form-field>
              @if (config().supplierBillNumber) {
                <mat-form-field appearance="outline">
                  <mat-label>Supplier's bill number</mat-label>
                  <input matInput formControlName="supplierBillNumber" required data-testid="supplier-bill-number" />
                  <mat-hint>The number on the supplier's document</mat-hint>
                  <mat-error>{{ message('supplierBillNumber', "Supplier's bill number") }}</mat-error>
                </mat-form-field>
              }
              <mat-form-field appearance="outline">
                <mat-label>Issue date</mat-label>
                <input matInput type="date" formControlName="issueDate" required data-testid="issue-date" />
                <mat-error>{{ message('issueDate', 'Issue date') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>{{ config().dueLabel }}</mat-label>
                <input
                  matInput
                  type="date"
                  formControlName="dueDate"
                  [attr.data-testid]="quote() ? 'valid-until' : 'due-date'"
                />
                <mat-hint>{{ dueHint() }}</mat-hint>
                <mat-error>{{ message('dueDate', config().dueLabel) }}</mat-error>
              </mat-form-field>
              @if (opportunityId(); as opportunity) {
                <div class="linked span-2" data-testid="linked-opportunity">
                  <mat-icon>handshake</mat-icon>
                  <span
                    >For opportunity
                    <a [routerLink]="[quoteOpportunities, opportunity]" data-testid="opportunity-link">{{
                      opportunityTitle() ?? 'Open it'
                    }}</a></span
                  >
                </div>
              }
            </div>
          </section>

          <section class="panel">
            <div class="lines-header">
              <h2>Lines</h2>
              <button mat-stroked-button type="button" (click)="addLine()" data-testid="add-line">
                <mat-icon>add</mat-icon>Add line
              </button>
            </div>
            @if (linesMessage(); as m) {
              <div class="lines-error" role="alert">{{ m }}</div>
            }
            <div class="table-wrap lines-wrap">
              <table class="lines" formArrayName="lines" aria-label="Lines">
                <thead>
                  <tr>
                    <th class="product">Product and description</th>
                    <th class="num qty">Quantity</th>
                    <th class="num price">{{ config().priceLabel }}</th>
                    <th class="num rate">Discount %</th>
                    <th class="num rate">Tax %</th>
                    <th class="num total">Total</th>
                    <th class="remove"><span class="visually-hidden">Remove</span></th>
                  </tr>
                </thead>
                <tbody>
                  @for (line of lines.controls; track line; let i = $index) {
                    <tr [formGroupName]="i" [attr.data-testid]="'line-row-' + i">
                      <td class="product">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <input
                            #productInput
                            matInput
                            formControlName="productId"
                            [matAutocomplete]="productAuto"
                            (focus)="products.search(line.controls.productId.value)"
                            (input)="products.search(productInput.value)"
                            placeholder="Search SKU or name"
                            [attr.aria-label]="'Product of line ' + (i + 1)"
                            [attr.data-testid]="'product-input-' + i"
                          />
                          <mat-autocomplete
                            #productAuto="matAutocomplete"
                            [displayWith]="productLabel"
                            autoActiveFirstOption
                            (optionSelected)="pick(i, $event.option.value)"
                            panelWidth="340px"
                          >
                            @for (p of products.options(); track p.id) {
                              <mat-option [value]="p" [attr.data-testid]="'product-option-' + p.sku">
                                <span class="option-name">{{ p.name }}</span>
                                <span class="option-sub"
                                  >{{ p.sku }} · {{ priceOf(p) | amount }} · {{ p.taxRate }} % tax</span
                                >
                              </mat-option>
                            }
                          </mat-autocomplete>
                          <mat-error>{{ message('lines.' + i + '.productId', 'Product') }}</mat-error>
                        </mat-form-field>
                        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="description">
                          <input
                            matInput
                            formControlName="description"
                            placeholder="Description (optional)"
                            [attr.aria-label]="'Description of line ' + (i + 1)"
                            [attr.data-testid]="'description-input-' + i"
                          />
                          <mat-error>{{ message('lines.' + i + '.description', 'Description') }}</mat-error>
                        </mat-form-field>
                      </td>
                      @for (field of numberFields; track field.name) {
                        <td [class]="'num ' + field.column">
                          <mat-form-field appearance="outline" subscriptSizing="dynamic">
                            <input
                              matInput
                              [formControlName]="field.name"
                              inputmode="decimal"
                              [attr.aria-label]="field.label + ' of line ' + (i + 1)"
                              [attr.data-testid]="field.testId + '-' + i"
                            />
                            @if (field.name === 'quantity' && unitOf(i); as unit) {
                              <span matTextSuffix class="unit">{{ unit }}</span>
                            }
                            <mat-error>{{ message('lines.' + i + '.' + field.name, field.error) }}</mat-error>
                          </mat-form-field>
                        </td>
                      }
                      <td class="num total" [attr.data-testid]="'line-total-' + i">
                        {{ totals().lines[i]?.total ?? '0.00' | amount }}
                      </td>
                      <td class="remove">
                        <button
                          mat-icon-button
                          type="button"
                          (click)="removeLine(i)"
                          [disabled]="lines.length === 1"
                          [attr.aria-label]="'Remove line ' + (i + 1)"
                          [attr.data-testid]="'remove-line-' + i"
                        >
                          <mat-icon>delete</mat-icon>
                        </button>
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
            <div class="totals-area">
              <bn-document-totals [totals]="totals()" [currency]="currency" data-testid="live-totals" />
            </div>
          </section>

          <section class="panel">
            <h2>Notes</h2>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>Notes</mat-label>
              <textarea matInput formControlName="notes" rows="3" data-testid="notes-input"></textarea>
              <mat-hint>Printed on the document</mat-hint>
              <mat-error>{{ message('notes', 'Notes') }}</mat-error>
            </mat-form-field>
          </section>

          <div class="form-actions">
            <a mat-button [routerLink]="backLink()">Cancel</a>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-button">
              {{ editing() ? 'Save changes' : 'Save draft' }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
  styles: `
    @use '@angular/material' as mat;

    .form-grid .span-2 {
      grid-column: span 2;
    }
    .linked {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 56px;
      color: var(--mat-sys-on-surface-variant);
      a {
        color: var(--mat-sys-primary);
        font-weight: 500;
      }
    }
    @media (max-width: 599px) {
      .form-grid .span-2 {
        grid-column: 1 / -1;
      }
    }
    .lines-header {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 12px;
      h2 {
        font: var(--mat-sys-title-medium);
        margin: 0;
        flex: 1;
      }
    }
    .lines-error {
      color: var(--mat-sys-error);
      margin-bottom: 8px;
    }
    .lines-wrap {
      @include mat.form-field-density(-4);
      border-radius: 8px;
    }
    table.lines {
      border-collapse: collapse;
      /* fixed: the columns keep their widths and the fields shrink to them */
      table-layout: fixed;
      width: 100%;
      min-width: 760px;
      th {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
        text-align: left;
        padding: 8px 4px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      td {
        padding: 6px 4px;
        vertical-align: top;
      }
      tbody tr + tr td {
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
      th.num,
      td.num {
        text-align: right;
      }
      th:first-child,
      td:first-child {
        padding-left: 12px;
      }
      mat-form-field {
        width: 100%;
      }
      mat-form-field.description {
        margin-top: 4px;
      }
      .qty {
        width: 120px;
      }
      .price {
        width: 110px;
      }
      .rate {
        width: 76px;
      }
      .total {
        width: 100px;
      }
      td.total {
        padding-top: 14px;
        font-weight: 500;
        white-space: nowrap;
      }
      .remove {
        width: 48px;
        padding-right: 8px;
      }
      td.num input {
        text-align: right;
      }
      .unit {
        padding-left: 4px;
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .totals-area {
      margin-top: 16px;
    }
    .option-name {
      display: block;
    }
    .option-sub {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DocumentEditorPage implements OnInit {
  private readonly api = inject(DocumentsApi);
  private readonly productsApi = inject(ProductsApi);
  private readonly customers = inject(CustomersApi);
  private readonly titleOf = opportunityTitles();
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(FormBuilder).nonNullable;
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly side = input.required<DocumentSide>();
  /** From the route: absent when creating. */
  readonly id = input<string>();
  /** New quotes, from the address: the customer and opportunity it is for. */
  readonly customerId = input<string>();
  readonly opportunity = input<string>(undefined, { alias: 'opportunityId' });

  readonly config = computed(() => DOCUMENT_CONFIG[this.side()]);
  readonly quote = computed(() => this.config().kind === 'quote');
  readonly quoteOpportunities = '/crm/opportunities';
  /** A quote's opportunity: the saved one when editing, else the one in the address. */
  readonly opportunityId = computed(() =>
    this.quote() ? (this.editing() ? this.document()?.opportunityId : this.opportunity()) || null : null,
  );
  readonly opportunityTitle = signal<string | null>(null);
  readonly form = this.fb.group({
    party: new FormControl<PartyRef | string | null>(null, [Validators.required, pickedValidator]),
    supplierBillNumber: ['', Validators.maxLength(60)],
    issueDate: [today(), Validators.required],
    dueDate: [''],
    notes: ['', Validators.maxLength(2000)],
    lines: this.fb.array([this.line()]),
  });
  readonly lines = this.form.controls.lines;
  readonly parties = partyLookup(() => this.side(), true);
  readonly products = new Lookup<Product>((q) =>
    this.productsApi
      .list({ q: q || undefined, active: true, limit: 10, offset: 0, sort: 'name' })
      .pipe(map((page) => page.items)),
  );
  readonly document = signal<DocumentDetail | null>(null);
  readonly loading = signal(false);
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Field errors of the server that no field on screen could show. */
  readonly unmatched = signal<FieldError[]>([]);
  readonly shortfall = signal<Shortfall[]>([]);
  readonly editing = computed(() => !!this.id());
  readonly notDraft = computed(() => {
    const d = this.document();
    return d !== null && d.status !== 'draft';
  });
  readonly backLink = computed(() => {
    const d = this.document();
    return d ? [this.config().invoices, d.id] : [this.config().invoices];
  });
  /** A stale version (409 without field errors) can be fixed by reloading the record. */
  readonly stale = computed(() => {
    const e = this.error();
    return this.editing() && e?.status === 409 && e.fieldErrors.length === 0;
  });
  private readonly keys = new IdempotencyKeys();
  private readonly linesValue = toSignal(this.lines.valueChanges.pipe(map(() => this.lines.getRawValue())), {
    initialValue: this.lines.getRawValue(),
  });
  private readonly partyValue = toSignal(this.form.controls.party.valueChanges, { initialValue: null });
  /** Live totals: the same rounding per line and sums as the server. */
  readonly totals = computed(() =>
    computeDocument(
      this.linesValue().map((l) => ({
        quantity: num(l.quantity, 3),
        unitPrice: num(l.unitPrice, 4),
        discountPercent: num(l.discountPercent, 2),
        taxRate: num(l.taxRate, 2),
      })),
    ),
  );
  readonly dueHint = computed(() => {
    const config = this.config();
    if (config.kind === 'quote') return `The last day the offer holds (${config.validityDays} days by default)`;
    const party = this.partyValue();
    const days = typeof party === 'object' && party ? party.paymentTermsDays : undefined;
    return days === undefined
      ? 'Empty: defaults to the payment terms'
      : `Empty: defaults to the payment terms (${days} days)`;
  });
  readonly nameOf = nameOf;
  readonly numberFields = NUMBER_FIELDS;

  constructor() {
    // a line's server error goes away once the user changes any field of that line
    this.lines.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.lines.hasError('server')) this.lines.setErrors(null);
    });
    // a quote's last valid day follows its issue date, unless the user picked another day
    const { issueDate, dueDate } = this.form.controls;
    issueDate.valueChanges
      .pipe(startWith(issueDate.value), pairwise(), takeUntilDestroyed())
      .subscribe(([before, after]) => {
        const config = this.config();
        if (config.kind !== 'quote') return;
        if (!dueDate.value || dueDate.value === addDays(before, config.validityDays)) {
          dueDate.setValue(addDays(after, config.validityDays));
        }
      });
    loadForRoute(this.id, () => this.reload(false));
  }

  ngOnInit(): void {
    if (this.config().supplierBillNumber) {
      this.form.controls.supplierBillNumber.addValidators(Validators.required);
      this.form.controls.supplierBillNumber.updateValueAndValidity();
    }
    const config = this.config();
    if (config.kind === 'quote') this.startQuote(config.validityDays);
  }

  message(name: string, label: string): string | null {
    return controlMessage(this.form, name, label);
  }

  linesMessage(): string | null {
    const errors = this.lines.errors;
    return errors?.['server'] ? String(errors['server']) : null;
  }

  productLabel(value: ProductRef | string | null): string {
    if (typeof value === 'string') return value;
    return value ? `${value.sku} · ${value.name}` : '';
  }

  priceOf(product: Product): string {
    return this.config().price(product);
  }

  unitOf(index: number): string | undefined {
    const value: unknown = this.lines.at(index).controls.productId.value;
    return typeof value === 'object' && value !== null && 'unit' in value ? String(value.unit) : undefined;
  }

  addLine(): void {
    this.lines.push(this.line());
  }

  removeLine(index: number): void {
    if (this.lines.length > 1) this.lines.removeAt(index);
  }

  /** A product picked on a line brings its name, price and tax rate. */
  pick(index: number, product: Product): void {
    this.lines.at(index).patchValue({
      description: product.name,
      unitPrice: this.config().price(product),
      taxRate: product.taxRate,
    });
  }

  /** The answer of an older load must not overwrite a newer one: cancel it. */
  private pending?: Subscription;

  /** Loads the draft into the form (again, after someone else changed it). */
  reload(announce = true): void {
    const id = this.id();
    if (!id) return;
    this.loading.set(true);
    this.pending?.unsubscribe();
    this.pending = this.api
      .invoices(this.side())
      .get(id)
      .subscribe({
        next: (document) => {
          this.fill(document);
          this.loading.set(false);
          this.clearErrors();
          if (announce)
            this.snackBar.open('Loaded the latest version; apply your change again', 'OK', { duration: 5000 });
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  /** A new quote: valid for the default days, for the customer and opportunity of the address. */
  private startQuote(validityDays: number): void {
    if (this.id()) return;
    this.form.controls.dueDate.setValue(addDays(this.form.controls.issueDate.value, validityDays));
    const customerId = this.customerId();
    if (customerId) {
      this.customers.get(customerId).subscribe({
        next: (c) => {
          if (!this.form.controls.party.value) {
            this.form.controls.party.setValue({ id: c.id, name: c.name, paymentTermsDays: c.paymentTermsDays });
          }
        },
        error: (e: unknown) => this.error.set(toApiError(e)),
      });
    }
    this.loadOpportunityTitle(this.opportunity());
  }

  private loadOpportunityTitle(id: string | null | undefined): void {
    this.opportunityTitle.set(null);
    if (id) this.titleOf(id).subscribe((title) => this.opportunityTitle.set(title));
  }

  submit(): void {
    this.form.markAllAsTouched();
    if (this.busy()) return;
    if (this.form.invalid) {
      this.focusFirstInvalid();
      return;
    }
    const resource = this.api.invoices(this.side());
    const current = this.document();
    let send: Observable<DocumentDetail>;
    if (this.quote()) {
      const request = this.quoteRequest();
      send = current
        ? resource.update(current.id, { ...request, validUntil: request.validUntil ?? null, version: current.version })
        : resource.create(request, this.keys.for(request));
    } else {
      const request = this.request();
      send = current
        ? resource.update(current.id, { ...request, dueDate: request.dueDate ?? null, version: current.version })
        : resource.create(request, this.keys.for(request));
    }
    this.busy.set(true);
    this.clearErrors();
    send.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.snackBar.open(`${saved.number ?? 'Draft'} saved`, 'OK', { duration: 4000 });
        void this.router.navigate([this.config().invoices, saved.id]);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        const partyField = this.config().partyField;
        const rename = (f: string) => (f === partyField ? 'party' : f === 'validUntil' ? 'dueDate' : f);
        this.unmatched.set(applyDocumentErrors(this.form, apiError, rename));
        this.shortfall.set(shortfallOf(e));
        this.error.set(apiError);
        this.busy.set(false);
      },
    });
  }

  private request(): InvoiceInput {
    const v = this.form.getRawValue();
    const party = v.party as PartyRef;
    const request: InvoiceInput = {
      [this.config().partyField]: party.id,
      issueDate: v.issueDate,
      notes: textOrNull(v.notes),
      lines: this.lineInputs(),
    };
    if (v.dueDate) request.dueDate = v.dueDate;
    if (this.config().supplierBillNumber) request.supplierBillNumber = v.supplierBillNumber.trim();
    return request;
  }

  /** A quote: its opportunity is set when it is created and kept afterwards. */
  private quoteRequest(): QuoteInput {
    const v = this.form.getRawValue();
    const request: QuoteInput = {
      customerId: (v.party as PartyRef).id,
      issueDate: v.issueDate,
      notes: textOrNull(v.notes),
      lines: this.lineInputs(),
    };
    if (v.dueDate) request.validUntil = v.dueDate;
    const opportunityId = this.opportunity();
    if (!this.document() && opportunityId) request.opportunityId = opportunityId;
    return request;
  }

  private lineInputs(): InvoiceInput['lines'] {
    return this.form.getRawValue().lines.map((l) => ({
      productId: (l.productId as ProductRef).id,
      description: textOrNull(l.description),
      quantity: l.quantity.trim(),
      unitPrice: l.unitPrice.trim(),
      discountPercent: l.discountPercent.trim() || '0',
      taxRate: l.taxRate.trim() || '0',
    }));
  }

  private line(value?: {
    product: ProductRef;
    description: string;
    quantity: string;
    unitPrice: string;
    discountPercent: string;
    taxRate: string;
  }) {
    return this.fb.group({
      productId: new FormControl<ProductRef | string | null>(value?.product ?? null, [
        Validators.required,
        pickedValidator,
      ]),
      description: [value?.description ?? '', Validators.maxLength(500)],
      quantity: [value?.quantity ?? '1', QUANTITY],
      unitPrice: [value?.unitPrice ?? '', PRICE],
      discountPercent: [value?.discountPercent ?? '0', RATE],
      taxRate: [value?.taxRate ?? '0', [Validators.required, ...RATE]],
    });
  }

  private fill(document: DocumentDetail): void {
    this.document.set(document);
    const lines = document.lines.map((l) =>
      this.line({
        product: { id: l.productId, sku: l.sku, name: l.productName, unit: l.unit },
        description: l.description ?? '',
        quantity: trimZeros(l.quantity),
        unitPrice: trimZeros(l.unitPrice),
        discountPercent: trimZeros(l.discountPercent),
        taxRate: trimZeros(l.taxRate),
      }),
    );
    this.lines.clear({ emitEvent: false });
    for (const line of lines.length ? lines : [this.line()]) this.lines.push(line, { emitEvent: false });
    this.form.patchValue({
      party: { id: document.partyId, name: document.partyName },
      supplierBillNumber: document.supplierBillNumber ?? '',
      issueDate: document.issueDate,
      dueDate: (document.kind === 'quote' ? validUntilOf(document) : document.dueDate) ?? '',
      notes: document.notes ?? '',
    });
    if (document.kind === 'quote') this.loadOpportunityTitle(document.opportunityId);
    this.lines.updateValueAndValidity();
    this.form.markAsPristine();
    this.form.markAsUntouched();
  }

  private clearErrors(): void {
    this.error.set(null);
    this.unmatched.set([]);
    this.shortfall.set([]);
  }

  private focusFirstInvalid(): void {
    queueMicrotask(() =>
      document.querySelector<HTMLElement>('form[data-testid="document-form"] .ng-invalid input')?.focus(),
    );
  }
}
