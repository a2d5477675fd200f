import type { Subscription } from 'rxjs';
import { distinctUntilChanged, map } from 'rxjs';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  PAYMENT_METHODS,
  type DocumentSummary,
  type PartyAccount,
  type PaymentDirection,
  type PaymentInput,
  type PaymentMethod,
} from '@billinator/contracts';
import { dec, money } from '@billinator/money';
import { ApiError, toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { AmountPipe, formatDecimal } from '../../core/decimal-format';
import { decimalValidator, MONEY_BOUNDS, textOrNull } from '../../core/decimal-validators';
import { ErrorListComponent } from '../../core/error-list.component';
import { FormActionsComponent } from '../../core/form-actions.component';
import { controlMessage } from '../../core/form-errors';
import { FormPageHeaderComponent } from '../../core/form-page-header.component';
import { newIdempotencyKey, PaymentsApi } from '../../core/payments-api.service';
import { AnyParty, injectPartyApis } from '../parties/party-kind';
import {
  allocationValidator,
  inputValue,
  oldestFirst,
  parseAmount,
  spreadOldestFirst,
  summarize,
  toAllocations,
} from './allocation';
import { AllocationTableComponent } from './allocation-table.component';
import { METHOD_LABELS, PAYMENT_CONFIG, today } from './payment-direction';
import { serverErrorsOn } from './payment-errors';
import { isParty, PartyChoice, PartyPickerComponent, partyPicked } from './party-picker.component';

type AllocationMode = 'auto' | 'manual';

/**
 * Records a payment received from a customer or made to a supplier (by the route's `direction`),
 * allocated oldest first or by hand to the party's open invoices (bills). `?customerId=` /
 * `?supplierId=` pick the party, `?invoiceId=` preselects one of its invoices.
 */
@Component({
  selector: 'bn-payment-form-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatRadioModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    FormPageHeaderComponent,
    FormActionsComponent,
    ErrorListComponent,
    AllocationTableComponent,
    PartyPickerComponent,
    AmountPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './payment-form.page.html',
  styles: `
    .account-line {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 0 0 16px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .account-line strong {
      color: var(--mat-sys-on-surface);
      font-variant-numeric: tabular-nums;
    }
    .account-line .overdue {
      color: var(--mat-sys-error);
    }
    .mode {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      margin-bottom: 8px;
    }
    .allocation-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-bottom: 12px;
    }
  `,
})
export class PaymentFormPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly partyApis = injectPartyApis();
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly direction = input.required<PaymentDirection>();
  /** Query parameters that prefill the form. */
  readonly customerId = input<string>();
  readonly supplierId = input<string>();
  readonly invoiceId = input<string>();

  readonly config = computed(() => PAYMENT_CONFIG[this.direction()]);
  readonly methods = PAYMENT_METHODS;
  readonly methodLabels = METHOD_LABELS;
  readonly allocations = new FormArray<FormControl<string>>([]);
  readonly form = inject(FormBuilder).nonNullable.group({
    party: new FormControl<PartyChoice>('', { validators: partyPicked }),
    date: [today(), Validators.required],
    amount: ['', [Validators.required, decimalValidator(2, { min: '0.01', max: MONEY_BOUNDS.max })]],
    method: ['bank_transfer' as PaymentMethod, Validators.required],
    reference: ['', Validators.maxLength(100)],
    mode: ['auto' as AllocationMode],
    allocations: this.allocations,
  });

  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  /** Server field errors that belong to no field on screen. */
  readonly otherErrors = signal<string[]>([]);
  readonly account = signal<PartyAccount | null>(null);
  readonly accountLoading = signal(false);
  readonly prefilling = signal(false);
  /** The party's open documents, oldest due first; one allocation control each. */
  readonly documents = signal<DocumentSummary[]>([]);

  private readonly raw = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  readonly partyPicked = computed(() => isParty(this.raw().party));
  readonly amount = computed(() => {
    const amount = parseAmount(this.raw().amount);
    return amount && amount.gt(0) ? amount : null;
  });
  readonly manual = computed(() => this.raw().mode === 'manual');
  readonly preview = computed(() => spreadOldestFirst(this.documents(), this.amount() ?? dec(0)));
  readonly summary = computed(() => summarize(this.manual() ? this.raw().allocations : this.preview(), this.amount()));
  readonly overMessage = computed(() => {
    const s = this.summary();
    const amount = this.amount();
    if (!s.over || !amount) return null;
    return `The allocations add up to ${formatDecimal(s.allocated, 2)} ${this.currency}, more than the ${formatDecimal(money(amount), 2)} ${this.currency} paid`;
  });

  /** A refusal while allocating by hand may come from balances that moved on since they were loaded. */
  readonly staleBalances = computed(() => {
    const e = this.error();
    return !!e && (e.status === 409 || e.status === 422) && this.manual() && this.documents().length > 0;
  });

  /** One key per payment being entered: a double click or a retry after a lost answer creates nothing twice. */
  private idempotencyKey = newIdempotencyKey();
  /** Preselected from `?invoiceId=` once the party's account is there. */
  private pendingInvoiceId: string | null = null;
  private pendingAccount?: Subscription;
  private sentDocuments: DocumentSummary[] = [];

  constructor() {
    this.form.controls.party.valueChanges
      .pipe(
        map((v) => (isParty(v) ? v.id : null)),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((id) => (id ? this.loadAccount(id) : this.clearAccount()));
    this.form.controls.mode.valueChanges.pipe(takeUntilDestroyed()).subscribe((mode) => this.onMode(mode));
    this.allocations.disable();
  }

  ngOnInit(): void {
    const partyId = this.direction() === 'received' ? this.customerId() : this.supplierId();
    this.pendingInvoiceId = this.invoiceId() ?? null;
    if (partyId) this.prefillParty(partyId);
    else if (this.pendingInvoiceId) {
      this.prefilling.set(true);
      this.api.invoice(this.direction(), this.pendingInvoiceId).subscribe({
        next: (invoice) => this.prefillParty(invoice.partyId),
        error: (e: unknown) => this.fail(toApiError(e)),
      });
    }
  }

  /** Loads the party's open documents again (the typed allocations start over). */
  reloadAccount(): void {
    const party = this.form.controls.party.value;
    if (!isParty(party)) return;
    this.error.set(null);
    this.otherErrors.set([]);
    this.loadAccount(party.id);
  }

  positive(value: string): boolean {
    return dec(value).gt(0);
  }

  message(name: string, label: string): string | null {
    return controlMessage(this.form, name, label);
  }

  /** Puts the amount spread oldest first into the inputs. */
  fillOldestFirst(): void {
    const amount = this.amount();
    if (!amount) {
      this.form.controls.amount.markAsTouched();
      return;
    }
    this.setAllocations(spreadOldestFirst(this.documents(), amount).map(inputValue));
  }

  clearAllocations(): void {
    this.setAllocations(this.documents().map(() => ''));
  }

  submit(): void {
    this.form.markAllAsTouched();
    this.otherErrors.set([]);
    const over = this.overMessage();
    if (over) {
      this.error.set({ status: 0, code: 'over_allocated', message: over, fieldErrors: [] });
      return;
    }
    if (this.form.invalid) {
      this.error.set(
        this.allocations.enabled && this.allocations.invalid
          ? {
              status: 0,
              code: 'invalid_allocation',
              message: `An allocation is more than the ${this.config().documentLabel.toLowerCase()}'s balance or not an amount`,
              fieldErrors: [],
            }
          : null,
      );
      return;
    }
    if (this.busy()) return;
    const v = this.form.getRawValue();
    const party = v.party;
    if (!isParty(party)) return;
    const request: PaymentInput = {
      ...(this.direction() === 'received' ? { customerId: party.id } : { supplierId: party.id }),
      date: v.date,
      amount: money(dec(v.amount.trim())),
      method: v.method,
      reference: textOrNull(v.reference),
    };
    this.sentDocuments = this.documents();
    if (v.mode === 'manual' && this.documents().length > 0) {
      request.allocations = toAllocations(this.documents(), v.allocations);
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.create(this.direction(), request, this.idempotencyKey).subscribe({
      next: (payment) => {
        this.busy.set(false);
        this.snackBar.open(`Payment ${payment.number} recorded`, 'OK', { duration: 4000 });
        void this.router.navigate([this.config().base, payment.id]);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        // A refusal means nothing was saved: a corrected form is a new payment. After a lost
        // answer (network, 5xx) or while the first is still running (409) the same key stays.
        if (apiError.status >= 400 && apiError.status < 500 && apiError.status !== 409) {
          this.idempotencyKey = newIdempotencyKey();
        }
        this.busy.set(false);
        this.fail(apiError, request);
      },
    });
  }

  private fail(apiError: ApiError, request?: PaymentInput): void {
    const unmatched = request
      ? serverErrorsOn(apiError, {
          form: this.form,
          partyParam: this.config().partyParam,
          allocations: this.allocations,
          rowOf: (i) => {
            const invoiceId = request.allocations?.[i]?.invoiceId;
            return invoiceId ? this.sentDocuments.findIndex((d) => d.id === invoiceId) : -1;
          },
        })
      : apiError.fieldErrors.map((f) => f.message);
    this.otherErrors.set(unmatched.filter((m) => !apiError.message.includes(m)));
    this.error.set(apiError);
    this.prefilling.set(false);
  }

  private prefillParty(id: string): void {
    this.prefilling.set(true);
    this.partyApis(this.config().partyKind)
      .get(id)
      .subscribe({
        next: (party: AnyParty) => {
          this.prefilling.set(false);
          this.form.controls.party.setValue(party);
        },
        error: (e: unknown) => this.fail(toApiError(e)),
      });
  }

  private loadAccount(partyId: string): void {
    this.pendingAccount?.unsubscribe();
    this.accountLoading.set(true);
    this.pendingAccount = this.api.account(this.direction(), partyId).subscribe({
      next: (account) => {
        this.accountLoading.set(false);
        this.account.set(account);
        this.setDocuments(account.openDocuments);
      },
      error: (e: unknown) => {
        this.accountLoading.set(false);
        this.fail(toApiError(e));
      },
    });
  }

  private clearAccount(): void {
    this.pendingAccount?.unsubscribe();
    this.accountLoading.set(false);
    this.account.set(null);
    this.setDocuments([]);
  }

  private setDocuments(open: DocumentSummary[]): void {
    const documents = oldestFirst(open.filter((d) => d.number !== null && dec(d.balance).gt(0)));
    this.documents.set(documents);
    this.allocations.clear({ emitEvent: false });
    for (const d of documents) {
      this.allocations.push(new FormControl('', { nonNullable: true, validators: allocationValidator(d.balance) }), {
        emitEvent: false,
      });
    }
    if (this.form.controls.mode.value === 'manual') this.allocations.enable({ emitEvent: false });
    else this.allocations.disable({ emitEvent: false });
    this.allocations.updateValueAndValidity();
    this.preselectInvoice();
  }

  /** `?invoiceId=`: allocate to that invoice what is paid, up to its balance (the balance if no amount yet). */
  private preselectInvoice(): void {
    const id = this.pendingInvoiceId;
    const index = id ? this.documents().findIndex((d) => d.id === id) : -1;
    if (index < 0) return;
    this.pendingInvoiceId = null;
    const document = this.documents()[index];
    const balance = dec(document.balance);
    let amount = this.amount();
    if (!amount) {
      amount = balance;
      this.form.controls.amount.setValue(money(balance));
    }
    // the value first: switching to manual fills empty inputs oldest first
    this.allocations.at(index).setValue(money(amount.gt(balance) ? balance : amount));
    this.form.controls.mode.setValue('manual');
  }

  private onMode(mode: AllocationMode): void {
    if (mode === 'auto') {
      this.allocations.disable();
      return;
    }
    this.allocations.enable();
    // Switching to manual starts from what automatic allocation would have done.
    if (this.allocations.getRawValue().every((a) => a.trim() === '') && this.amount()) this.fillOldestFirst();
  }

  private setAllocations(values: string[]): void {
    values.forEach((value, i) => this.allocations.at(i)?.setValue(value, { emitEvent: false }));
    this.allocations.updateValueAndValidity();
    this.allocations.markAsTouched();
  }
}
