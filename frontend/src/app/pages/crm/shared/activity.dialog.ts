import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { map, startWith } from 'rxjs';
import { ACTIVITY_TYPES, type Activity, type ActivityInput, type ActivityType } from '@billinator/contracts';
import { ApiError, toApiError } from '../../../core/api-error';
import { ActivitiesApi, OpportunitiesApi } from '../../../core/crm-api.service';
import { textOrNull } from '../../../core/decimal-validators';
import { ErrorBannerComponent } from '../../../core/error-banner.component';
import { ErrorListComponent } from '../../../core/error-list.component';
import { controlMessage } from '../../../core/form-errors';
import { CustomersApi } from '../../../core/parties-api.service';
import { AnyParty } from '../../parties/party-kind';
import { isParty, PartyChoice, PartyPickerComponent } from '../../payments/party-picker.component';
import { ACTIVITY_TYPE_ICONS, ACTIVITY_TYPE_LABELS, localDateTime, localToday, toIsoTimestamp } from './crm-labels';
import {
  isOpportunity,
  OpportunityChoice,
  OpportunityPickerComponent,
  opportunityPickedOrEmpty,
} from './opportunity-picker.component';
import { applyServerErrors } from './server-errors';
import { injectUserChoices } from './user-choices';

export interface ActivityDialogData {
  /** Absent when adding. */
  activity?: Activity;
  /** Prefills of a new activity (the page it is added from). */
  customerId?: string | null;
  opportunityId?: string | null;
}

/** Optional customer: empty passes, text typed without picking does not. */
function partyPickedOrEmpty(control: { value: PartyChoice }): { partyNotPicked: true } | null {
  const value = control.value;
  return typeof value === 'string' && value.trim() !== '' ? { partyNotPicked: true } : null;
}

/** The next full hour today, or 09:00 when it is late. */
function defaultTime(): string {
  const hour = new Date().getHours() + 1;
  return hour >= 8 && hour <= 18 ? `${String(hour).padStart(2, '0')}:00` : '09:00';
}

/** Adds or edits a call, meeting, e-mail or task; answers the saved activity. */
@Component({
  selector: 'bn-activity-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    ErrorBannerComponent,
    ErrorListComponent,
    PartyPickerComponent,
    OpportunityPickerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.activity ? 'Edit activity' : 'Add an activity' }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="activity-form">
      <mat-dialog-content>
        <bn-error-banner [error]="error()">
          <bn-error-list [messages]="otherErrors()" />
        </bn-error-banner>
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>Type</mat-label>
            <mat-select formControlName="type" required data-testid="activity-type-select">
              <mat-select-trigger>
                <span class="type-option"
                  ><mat-icon>{{ icons[form.controls.type.value] }}</mat-icon
                  >{{ labels[form.controls.type.value] }}</span
                >
              </mat-select-trigger>
              @for (t of types; track t) {
                <mat-option [value]="t" [attr.data-testid]="'activity-type-' + t">
                  <span class="type-option"
                    ><mat-icon>{{ icons[t] }}</mat-icon
                    >{{ labels[t] }}</span
                  >
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Assigned to</mat-label>
            <mat-select formControlName="assigneeId" required data-testid="activity-assignee-select">
              @for (u of users.options(); track u.id) {
                <mat-option [value]="u.id">{{ u.id === users.me?.id ? u.name + ' (me)' : u.name }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ message('assigneeId', 'Assignee') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" class="span-all">
            <mat-label>Subject</mat-label>
            <input matInput formControlName="subject" required maxlength="200" data-testid="activity-subject-input" />
            <mat-error>{{ message('subject', 'Subject') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Due date</mat-label>
            <input matInput type="date" formControlName="dueDate" required data-testid="activity-due-date" />
            <mat-error>{{ message('dueDate', 'Due date') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Time</mat-label>
            <input matInput type="time" formControlName="dueTime" required data-testid="activity-due-time" />
            <mat-error>{{ message('dueTime', 'Time') }}</mat-error>
          </mat-form-field>
          <div class="span-all">
            <bn-party-picker
              kind="customers"
              [control]="customer"
              label="Customer"
              testId="activity-customer-input"
              [clearable]="true"
            />
          </div>
          <div class="span-all">
            <bn-opportunity-picker
              [control]="opportunity"
              [customerId]="customerFilter()"
              testId="activity-opportunity-input"
            />
          </div>
          <mat-form-field appearance="outline" class="span-all">
            <mat-label>Details</mat-label>
            <textarea matInput formControlName="details" rows="3" data-testid="activity-details-input"></textarea>
            <mat-error>{{ message('details', 'Details') }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-activity">
          {{ data.activity ? 'Save' : 'Add activity' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      max-width: 560px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 4px 16px;
      padding-top: 4px;
    }
    .span-all {
      grid-column: 1 / -1;
    }
    .type-option {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .type-option mat-icon {
      margin: 0;
    }
  `,
})
export class ActivityDialog implements OnInit {
  private readonly api = inject(ActivitiesApi);
  private readonly opportunities = inject(OpportunitiesApi);
  private readonly customers = inject(CustomersApi);
  private readonly dialog = inject(MatDialogRef<ActivityDialog, Activity>);
  readonly data = inject<ActivityDialogData>(MAT_DIALOG_DATA);
  readonly users = injectUserChoices();
  readonly types = ACTIVITY_TYPES;
  readonly labels = ACTIVITY_TYPE_LABELS;
  readonly icons = ACTIVITY_TYPE_ICONS;

  private readonly due = this.data.activity
    ? localDateTime(this.data.activity.dueAt)
    : { date: localToday(), time: defaultTime() };
  readonly customer = new FormControl<PartyChoice>('', { validators: partyPickedOrEmpty });
  readonly opportunity = new FormControl<OpportunityChoice>('', { validators: opportunityPickedOrEmpty });
  readonly form = inject(FormBuilder).nonNullable.group({
    type: [this.data.activity?.type ?? ('call' as ActivityType), Validators.required],
    subject: [this.data.activity?.subject ?? '', [Validators.required, Validators.maxLength(200)]],
    details: [this.data.activity?.details ?? '', Validators.maxLength(5000)],
    dueDate: [this.due.date, Validators.required],
    dueTime: [this.due.time, Validators.required],
    assigneeId: [this.data.activity?.assigneeId ?? this.users.me?.id ?? '', Validators.required],
    customerId: this.customer,
    opportunityId: this.opportunity,
  });
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly otherErrors = signal<string[]>([]);
  /** The opportunity suggestions follow the customer picked. */
  readonly customerFilter = toSignal(
    this.customer.valueChanges.pipe(
      startWith(this.customer.value),
      map((v) => (isParty(v) ? v.id : null)),
    ),
    { initialValue: null },
  );

  constructor() {
    // picking an opportunity of a customer fills the customer in
    this.opportunity.valueChanges.pipe(takeUntilDestroyed()).subscribe((o) => {
      if (isOpportunity(o) && o.customerId && !isParty(this.customer.value)) {
        this.customer.setValue(this.partyRef(o.customerId, o.customerName ?? ''));
      }
    });
  }

  ngOnInit(): void {
    const a = this.data.activity;
    if (a) {
      this.users.remember({ id: a.assigneeId, name: a.assigneeName });
      if (a.customerId) this.customer.setValue(this.partyRef(a.customerId, a.customerName ?? ''));
      if (a.opportunityId) this.opportunity.setValue({ id: a.opportunityId, title: a.opportunityTitle ?? '' });
      return;
    }
    if (this.data.opportunityId) {
      this.opportunities.get(this.data.opportunityId).subscribe({
        next: (o) => {
          this.opportunity.setValue(o);
          if (o.customerId && !isParty(this.customer.value)) {
            this.customer.setValue(this.partyRef(o.customerId, o.customerName ?? ''));
          }
        },
        error: () => this.opportunity.setValue({ id: this.data.opportunityId ?? '', title: '(this opportunity)' }),
      });
    }
    if (this.data.customerId) {
      this.customers.get(this.data.customerId).subscribe({
        next: (c) => this.customer.setValue(c),
        error: () => this.customer.setValue(this.partyRef(this.data.customerId ?? '', '(this customer)')),
      });
    }
  }

  message(name: string, label: string): string | null {
    return controlMessage(this.form, name, label);
  }

  submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const v = this.form.getRawValue();
    const customer = this.customer.value;
    const opportunity = this.opportunity.value;
    const fields: ActivityInput = {
      type: v.type,
      subject: v.subject.trim(),
      details: textOrNull(v.details),
      dueAt: toIsoTimestamp(v.dueDate, v.dueTime),
      assigneeId: v.assigneeId,
      customerId: isParty(customer) ? customer.id : null,
      opportunityId: isOpportunity(opportunity) ? opportunity.id : null,
    };
    const current = this.data.activity;
    this.busy.set(true);
    this.error.set(null);
    this.otherErrors.set([]);
    (current
      ? this.api.update(current.id, { ...fields, version: current.version })
      : this.api.create(fields)
    ).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.dialog.close(saved);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        const unmatched = applyServerErrors(this.form, apiError, { dueAt: 'dueDate' });
        if (unmatched.length || apiError.fieldErrors.length === 0 || apiError.status === 409) {
          this.error.set(apiError);
        }
        this.otherErrors.set(unmatched);
        this.busy.set(false);
      },
    });
  }

  /** The picker holds whole customers; a reference by id and name stands in for one. */
  private partyRef(id: string, name: string): AnyParty {
    return { id, name, active: true } as AnyParty;
  }
}
