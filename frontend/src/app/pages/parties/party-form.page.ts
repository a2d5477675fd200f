import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CustomerInput } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { decimalValidator, MONEY_BOUNDS, SIGNED_MONEY_BOUNDS, textOrNull } from '../../core/decimal-validators';
import { EditedRecord } from '../../core/edited-record';
import { FormActionsComponent } from '../../core/form-actions.component';
import { FormPageHeaderComponent } from '../../core/form-page-header.component';
import { FormSubmission } from '../../core/form-submission';
import { loadForRoute } from '../../core/route-load';
import { AnyParty, injectPartyApis, PARTY_CONFIG, PartyKind, PHONE_PATTERN } from './party-kind';

/** Create or edit a customer or a supplier (by the route's `kind` and `id`). */
@Component({
  selector: 'bn-party-form-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    FormPageHeaderComponent,
    FormActionsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './party-form.page.html',
})
export class PartyFormPage {
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
  readonly record = new EditedRecord<AnyParty>({
    id: this.id,
    fetch: (id) => this.apis(this.kind()).get(id),
    fill: (party) => this.fill(party),
    error: this.error,
  });
  readonly party = this.record.value;
  readonly editing = computed(() => !!this.id());
  readonly backLink = computed(() => {
    const party = this.party();
    return party ? [this.config().base, party.id] : [this.config().base];
  });

  constructor() {
    loadForRoute(this.id, () => this.record.reload(false));
  }

  message(name: string, label: string): string | null {
    if (name === 'phone' && this.form.controls.phone.hasError('pattern')) {
      return 'Phone may hold digits, spaces and + ( ) . / - (3 to 40 characters)';
    }
    return this.submission.message(name, label);
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
