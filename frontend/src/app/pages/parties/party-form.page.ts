import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CustomerInput } from '@billinator/contracts';
import { toApiError } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { decimalValidator, MONEY_BOUNDS, SIGNED_MONEY_BOUNDS, textOrNull } from '../../core/decimal-validators';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';
import { AnyParty, injectPartyApis, PARTY_CONFIG, PartyKind, PHONE_PATTERN } from './party-kind';

/** Create or edit a customer or a supplier (by the route's `kind` and `id`). */
@Component({
  selector: 'bn-party-form-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './party-form.page.html',
})
export class PartyFormPage implements OnInit {
  private readonly apis = injectPartyApis();
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly kind = input.required<PartyKind>();
  /** From the route: absent when creating. */
  readonly id = input<string>();

  readonly config = computed(() => PARTY_CONFIG[this.kind()]);
  readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    phone: ['', Validators.pattern(PHONE_PATTERN)],
    taxId: ['', Validators.maxLength(40)],
    address: ['', Validators.maxLength(500)],
    paymentTermsDays: ['30', [Validators.required, decimalValidator(0, { min: '0', max: '365' })]],
    openingBalance: ['0.00', [Validators.required, decimalValidator(2, SIGNED_MONEY_BOUNDS)]],
    creditLimit: ['', decimalValidator(2, MONEY_BOUNDS)],
    active: [true],
  });
  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;
  readonly party = signal<AnyParty | null>(null);
  readonly loading = signal(false);
  readonly editing = computed(() => !!this.id());
  readonly backLink = computed(() => {
    const party = this.party();
    return party ? [this.config().base, party.id] : [this.config().base];
  });
  /** A stale version (409 without field errors) can be fixed by reloading the record. */
  readonly stale = computed(() => {
    const e = this.error();
    return this.editing() && e?.status === 409 && e.fieldErrors.length === 0;
  });

  ngOnInit(): void {
    if (this.id()) this.reload(false);
  }

  message(name: string, label: string): string | null {
    if (name === 'phone' && this.form.controls.phone.hasError('pattern')) {
      return 'Phone may hold digits, spaces and + ( ) . / - (3 to 40 characters)';
    }
    return this.submission.message(name, label);
  }

  reload(announce = true): void {
    const id = this.id();
    if (!id) return;
    this.loading.set(true);
    this.apis(this.kind())
      .get(id)
      .subscribe({
        next: (party) => {
          this.fill(party);
          this.loading.set(false);
          this.submission.error.set(null);
          if (announce)
            this.snackBar.open('Loaded the latest version; apply your change again', 'OK', { duration: 5000 });
        },
        error: (e: unknown) => {
          this.submission.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  submit(): void {
    const v = this.form.getRawValue();
    const fields: CustomerInput = {
      name: v.name.trim(),
      email: textOrNull(v.email),
      phone: textOrNull(v.phone),
      taxId: textOrNull(v.taxId),
      address: textOrNull(v.address),
      paymentTermsDays: Number(v.paymentTermsDays.trim()),
      openingBalance: v.openingBalance.trim(),
      active: v.active,
    };
    if (this.config().creditLimit) fields.creditLimit = textOrNull(v.creditLimit);
    const api = this.apis(this.kind());
    const current = this.party();
    this.submission.submit(
      () => (current ? api.update(current.id, { ...fields, version: current.version }) : api.create(fields)),
      (saved) => {
        this.snackBar.open(`${saved.name} saved`, 'OK', { duration: 4000 });
        void this.router.navigate([this.config().base, saved.id]);
      },
    );
  }

  private fill(party: AnyParty): void {
    this.party.set(party);
    this.form.reset({
      name: party.name,
      email: party.email ?? '',
      phone: party.phone ?? '',
      taxId: party.taxId ?? '',
      address: party.address ?? '',
      paymentTermsDays: String(party.paymentTermsDays),
      openingBalance: party.openingBalance,
      creditLimit: party.creditLimit ?? '',
      active: party.active,
    });
  }
}
