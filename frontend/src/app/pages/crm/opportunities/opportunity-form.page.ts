import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { startWith } from 'rxjs';
import {
  OPPORTUNITY_STAGES,
  STAGE_PROBABILITY,
  type Opportunity,
  type OpportunityInput,
  type OpportunityStage,
} from '@billinator/contracts';
import { ApiError, toApiError } from '../../../core/api-error';
import { AuthService } from '../../../core/auth.service';
import { OpportunitiesApi } from '../../../core/crm-api.service';
import { decimalValidator, MONEY_BOUNDS, textOrNull } from '../../../core/decimal-validators';
import { EditedRecord } from '../../../core/edited-record';
import { ErrorListComponent } from '../../../core/error-list.component';
import { FormActionsComponent } from '../../../core/form-actions.component';
import { controlMessage } from '../../../core/form-errors';
import { FormPageHeaderComponent } from '../../../core/form-page-header.component';
import { CustomersApi } from '../../../core/parties-api.service';
import { loadForRoute } from '../../../core/route-load';
import { AnyParty } from '../../parties/party-kind';
import { isParty, PartyChoice, PartyPickerComponent, partyPicked } from '../../payments/party-picker.component';
import { STAGE_LABELS } from '../shared/crm-labels';
import { applyServerErrors } from '../shared/server-errors';
import { injectUserChoices } from '../shared/user-choices';

type PartyMode = 'customer' | 'prospect';

/**
 * Creates or edits an opportunity: for a customer (picked) or a prospect (by name), its value,
 * stage (a lost one with its reason), probability (the stage's default until changed), expected
 * close date and owner. `?customerId=` and `?stage=` prefill a new one.
 */
@Component({
  selector: 'bn-opportunity-form-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatRadioModule,
    FormPageHeaderComponent,
    FormActionsComponent,
    ErrorListComponent,
    PartyPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <bn-form-page-header
        [backLink]="backLink()"
        [backLabel]="opportunity()?.title ?? 'Opportunities'"
        [heading]="editing() ? 'Edit opportunity' : 'New opportunity'"
        [error]="error()"
        [stale]="record.stale()"
        [loading]="record.loading()"
        (reload)="record.reload()"
      >
        <bn-error-list [messages]="otherErrors()" testId="field-errors" />
      </bn-form-page-header>

      @if (!editing() || opportunity()) {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="opportunity-form">
          <section class="panel">
            <h2>Opportunity</h2>
            <div class="form-grid">
              <mat-form-field appearance="outline" class="span-all">
                <mat-label>Title</mat-label>
                <input matInput formControlName="title" required maxlength="200" data-testid="title-input" />
                <mat-error>{{ message('title', 'Title') }}</mat-error>
              </mat-form-field>
              <mat-radio-group
                class="span-all party-mode"
                formControlName="partyMode"
                aria-label="For a customer or a prospect"
              >
                <mat-radio-button value="customer" data-testid="mode-customer">An existing customer</mat-radio-button>
                <mat-radio-button value="prospect" data-testid="mode-prospect"
                  >A prospect (not a customer yet)</mat-radio-button
                >
              </mat-radio-group>
              @if (partyMode() === 'customer') {
                <div class="span-all">
                  <bn-party-picker
                    kind="customers"
                    [control]="customer"
                    label="Customer"
                    [required]="true"
                    testId="customer-input"
                  />
                </div>
              } @else {
                <mat-form-field appearance="outline" class="span-all">
                  <mat-label>Prospect name</mat-label>
                  <input
                    matInput
                    formControlName="prospectName"
                    required
                    maxlength="200"
                    data-testid="prospect-input"
                  />
                  <mat-hint>A company or person you may sell to</mat-hint>
                  <mat-error>{{ message('prospectName', 'Prospect name') }}</mat-error>
                </mat-form-field>
              }
            </div>
          </section>

          <section class="panel">
            <h2>Deal</h2>
            <div class="form-grid deal-grid">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Value</mat-label>
                <input
                  matInput
                  formControlName="value"
                  inputmode="decimal"
                  required
                  autocomplete="off"
                  data-testid="value-input"
                />
                <span matTextSuffix>{{ currency }}</span>
                <mat-error>{{ message('value', 'Value') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Stage</mat-label>
                <mat-select formControlName="stage" required data-testid="stage-select">
                  @for (s of stages; track s) {
                    <mat-option [value]="s" [attr.data-testid]="'stage-' + s">{{ labels[s] }}</mat-option>
                  }
                </mat-select>
                <mat-error>{{ message('stage', 'Stage') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Probability</mat-label>
                <input
                  matInput
                  formControlName="probability"
                  inputmode="numeric"
                  required
                  autocomplete="off"
                  data-testid="probability-input"
                />
                <span matTextSuffix>%</span>
                <mat-hint>{{ labels[stage()] }} defaults to {{ defaults[stage()] }}%</mat-hint>
                <mat-error>{{ message('probability', 'Probability') }}</mat-error>
              </mat-form-field>
              @if (stage() === 'lost') {
                <mat-form-field appearance="outline" class="span-all" subscriptSizing="dynamic">
                  <mat-label>Why was it lost?</mat-label>
                  <textarea
                    matInput
                    formControlName="lostReason"
                    rows="2"
                    required
                    maxlength="500"
                    data-testid="lost-reason-input"
                  ></textarea>
                  <mat-error>{{ message('lostReason', 'Lost reason') }}</mat-error>
                </mat-form-field>
              }
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Expected close date</mat-label>
                <input matInput type="date" formControlName="expectedCloseDate" data-testid="close-date-input" />
                <mat-error>{{ message('expectedCloseDate', 'Expected close date') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Owner</mat-label>
                <mat-select formControlName="ownerId" required data-testid="owner-select">
                  @for (u of users.options(); track u.id) {
                    <mat-option [value]="u.id">{{ u.id === users.me?.id ? u.name + ' (me)' : u.name }}</mat-option>
                  }
                </mat-select>
                <mat-error>{{ message('ownerId', 'Owner') }}</mat-error>
              </mat-form-field>
            </div>
          </section>

          <bn-form-actions
            [cancelLink]="backLink()"
            [saveLabel]="editing() ? 'Save changes' : 'Create opportunity'"
            saveTestId="save-opportunity"
            [busy]="busy()"
          />
        </form>
      }
    </div>
  `,
  styles: `
    .deal-grid {
      row-gap: 16px;
      align-items: start;
    }
    .party-mode {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      margin-bottom: 12px;
    }
  `,
})
export class OpportunityFormPage implements OnInit {
  private readonly api = inject(OpportunitiesApi);
  private readonly customers = inject(CustomersApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly currency = inject(AuthService).currentUser()?.tenant.currency ?? '';
  readonly users = injectUserChoices();
  /** From the route: absent when creating. */
  readonly id = input<string>();
  /** Query parameters that prefill a new opportunity. */
  readonly customerId = input<string>();
  readonly stageParam = input<string>(undefined, { alias: 'stage' });

  readonly stages = OPPORTUNITY_STAGES;
  readonly labels = STAGE_LABELS;
  readonly defaults = STAGE_PROBABILITY;
  readonly customer = new FormControl<PartyChoice>('', { validators: partyPicked });
  readonly form = inject(FormBuilder).nonNullable.group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    partyMode: ['customer' as PartyMode],
    customerId: this.customer,
    prospectName: [{ value: '', disabled: true }, [Validators.required, Validators.maxLength(200)]],
    value: ['', [Validators.required, decimalValidator(2, MONEY_BOUNDS)]],
    stage: ['lead' as OpportunityStage, Validators.required],
    probability: [String(STAGE_PROBABILITY.lead), [Validators.required, decimalValidator(0, { min: '0', max: '100' })]],
    lostReason: [{ value: '', disabled: true }, [Validators.required, Validators.maxLength(500)]],
    expectedCloseDate: [''],
    ownerId: [this.users.me?.id ?? '', Validators.required],
  });
  readonly partyMode = toSignal(this.form.controls.partyMode.valueChanges, { initialValue: 'customer' as PartyMode });
  readonly stage = toSignal(this.form.controls.stage.valueChanges, { initialValue: 'lead' as OpportunityStage });

  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly otherErrors = signal<string[]>([]);
  readonly record = new EditedRecord<Opportunity>({
    id: this.id,
    fetch: (id) => this.api.get(id),
    fill: (o) => this.fill(o),
    error: this.error,
    staleStatuses: [409, 412],
  });
  readonly opportunity = this.record.value;
  readonly editing = computed(() => !!this.id());
  readonly backLink = computed(() => {
    const o = this.opportunity();
    return o ? ['/crm/opportunities', o.id] : ['/crm/opportunities'];
  });
  /** While the form is filled from a record, a stage does not reset the probability. */
  private filling = false;

  constructor() {
    const c = this.form.controls;
    c.partyMode.valueChanges.pipe(startWith(c.partyMode.value), takeUntilDestroyed()).subscribe((mode) => {
      if (mode === 'customer') {
        this.customer.enable({ emitEvent: false });
        c.prospectName.disable({ emitEvent: false });
      } else {
        this.customer.disable({ emitEvent: false });
        c.prospectName.enable({ emitEvent: false });
      }
    });
    c.stage.valueChanges.pipe(takeUntilDestroyed()).subscribe((stage) => {
      if (stage === 'lost') c.lostReason.enable({ emitEvent: false });
      else c.lostReason.disable({ emitEvent: false });
      if (!this.filling) c.probability.setValue(String(STAGE_PROBABILITY[stage]));
    });
    loadForRoute(this.id, () => this.record.reload(false));
  }

  ngOnInit(): void {
    if (this.id()) return;
    const stage = this.stageParam();
    if (stage && (OPPORTUNITY_STAGES as readonly string[]).includes(stage)) {
      this.form.controls.stage.setValue(stage as OpportunityStage);
    }
    const customerId = this.customerId();
    if (customerId) {
      this.customers.get(customerId).subscribe({
        next: (customer) => this.customer.setValue(customer),
        error: (e: unknown) => this.error.set(toApiError(e)),
      });
    }
  }

  message(name: string, label: string): string | null {
    if (name === 'probability' && this.form.controls.probability.hasError('decimal')) {
      return 'Probability is a whole number from 0 to 100';
    }
    return controlMessage(this.form, name, label);
  }

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const v = this.form.getRawValue();
    const customer = this.customer.value;
    const forCustomer = v.partyMode === 'customer';
    const fields: OpportunityInput = {
      title: v.title.trim(),
      customerId: forCustomer && isParty(customer) ? customer.id : null,
      prospectName: forCustomer ? null : v.prospectName.trim(),
      value: v.value.trim(),
      stage: v.stage,
      lostReason: v.stage === 'lost' ? textOrNull(v.lostReason) : null,
      probability: Number(v.probability.trim()),
      expectedCloseDate: v.expectedCloseDate || null,
      ownerId: v.ownerId,
    };
    const current = this.opportunity();
    this.busy.set(true);
    this.error.set(null);
    this.otherErrors.set([]);
    (current
      ? this.api.update(current.id, { ...fields, version: current.version })
      : this.api.create(fields)
    ).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.snackBar.open(`${saved.title} saved`, 'OK', { duration: 4000 });
        void this.router.navigate(['/crm/opportunities', saved.id]);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        const unmatched = applyServerErrors(this.form, apiError);
        if (unmatched.length || apiError.fieldErrors.length === 0 || apiError.status === 409) {
          this.error.set(apiError);
        }
        this.otherErrors.set(unmatched);
        this.busy.set(false);
      },
    });
  }

  private fill(o: Opportunity): void {
    this.otherErrors.set([]);
    this.users.remember({ id: o.ownerId, name: o.ownerName });
    this.filling = true;
    this.form.reset({
      title: o.title,
      partyMode: o.customerId ? 'customer' : 'prospect',
      prospectName: o.prospectName ?? '',
      value: o.value,
      stage: o.stage,
      probability: String(o.probability),
      lostReason: o.lostReason ?? '',
      expectedCloseDate: o.expectedCloseDate ?? '',
      ownerId: o.ownerId,
    });
    this.customer.setValue(
      o.customerId ? ({ id: o.customerId, name: o.customerName ?? '', active: true } as AnyParty) : '',
    );
    this.filling = false;
  }
}
