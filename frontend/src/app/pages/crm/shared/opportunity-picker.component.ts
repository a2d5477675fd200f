import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import {
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import type { Opportunity } from '@billinator/contracts';
import { OpportunitiesApi } from '../../../core/crm-api.service';

export interface OpportunityRef {
  id: string;
  title: string;
  customerId?: string | null;
  customerName?: string | null;
}

/** A picked opportunity, the text typed to find one, or nothing. */
export type OpportunityChoice = OpportunityRef | string | null;

export function isOpportunity(value: OpportunityChoice): value is OpportunityRef {
  return typeof value === 'object' && value !== null;
}

/** Optional: empty passes, text typed without picking a suggestion does not. */
export function opportunityPickedOrEmpty(control: AbstractControl<OpportunityChoice>): ValidationErrors | null {
  const value = control.value;
  return typeof value === 'string' && value.trim() !== '' ? { notPicked: true } : null;
}

/** Finds an opportunity by title or customer as one types (`?q=&limit=10`), optionally of one customer. */
@Component({
  selector: 'bn-opportunity-picker',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        autocomplete="off"
        [attr.data-testid]="testId()"
      />
      @if (control().value) {
        <button mat-icon-button matSuffix type="button" (click)="control().setValue('')" aria-label="No opportunity">
          <mat-icon>close</mat-icon>
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display">
        @for (o of options(); track o.id) {
          <mat-option [value]="o">
            {{ o.title }}
            @if (o.customerName || o.prospectName) {
              <span class="muted">· {{ o.customerName ?? o.prospectName }}</span>
            }
          </mat-option>
        }
        @if (searched() && options().length === 0) {
          <mat-option disabled>No match</mat-option>
        }
      </mat-autocomplete>
      <mat-error>{{ message() }}</mat-error>
    </mat-form-field>
  `,
})
export class OpportunityPickerComponent implements OnInit {
  private readonly api = inject(OpportunitiesApi);
  private readonly destroyRef = inject(DestroyRef);
  readonly control = input.required<FormControl<OpportunityChoice>>();
  /** Only this customer's opportunities, when set. */
  readonly customerId = input<string | null>(null);
  readonly label = input('Opportunity');
  readonly testId = input('opportunity-input');
  readonly options = signal<Opportunity[]>([]);
  readonly searched = signal(false);
  private readonly customer$ = toObservable(this.customerId);

  readonly display = (value: OpportunityChoice): string => (isOpportunity(value) ? value.title : (value ?? ''));

  ngOnInit(): void {
    const typed = this.control().valueChanges.pipe(
      startWith(this.control().value),
      filter((v): v is string | null => !isOpportunity(v)),
      map((v) => (v ?? '').trim()),
      debounceTime(250),
      distinctUntilChanged(),
    );
    combineLatest([typed, this.customer$])
      .pipe(
        switchMap(([q, customerId]) =>
          this.api.list({ q: q || undefined, customerId: customerId ?? undefined, limit: 10, offset: 0 }).pipe(
            map((page) => page.items),
            catchError(() => of([] as Opportunity[])),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((items) => {
        this.options.set(items);
        this.searched.set(true);
      });
  }

  message(): string {
    const c = this.control();
    if (c.hasError('server')) return String(c.getError('server'));
    return `Pick an ${this.label().toLowerCase()} from the list, or leave it empty`;
  }
}
