import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, OnInit, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';
import { AnyParty, injectPartyApis, PartyKind } from '../parties/party-kind';

/** A picked party, or the text typed to find one. */
export type PartyChoice = AnyParty | string | null;

export function isParty(value: PartyChoice): value is AnyParty {
  return typeof value === 'object' && value !== null;
}

/** Passes only when a party was picked from the suggestions (text typed is not enough). */
export function partyPicked(control: AbstractControl<PartyChoice>): ValidationErrors | null {
  const value = control.value;
  if (isParty(value)) return null;
  return typeof value === 'string' && value.trim() !== '' ? { partyNotPicked: true } : { required: true };
}

/** Searches customers or suppliers by name as one types (`?q=&limit=10`) and picks one. */
@Component({
  selector: 'bn-party-picker',
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
    <mat-form-field appearance="outline" [subscriptSizing]="compact() ? 'dynamic' : 'fixed'" class="full-width">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        [required]="required()"
        autocomplete="off"
        [attr.data-testid]="testId()"
      />
      @if (clearable() && control().value) {
        <button mat-icon-button matSuffix type="button" (click)="clear()" [attr.aria-label]="'Clear ' + label()">
          <mat-icon>close</mat-icon>
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display" (optionSelected)="selected($event)">
        @for (p of options(); track p.id) {
          <mat-option [value]="p" [attr.data-testid]="'party-option-' + p.name">
            {{ p.name }}
            @if (!p.active) {
              <span class="muted">(inactive)</span>
            }
          </mat-option>
        }
        @if (searched() && options().length === 0) {
          <mat-option disabled>No match</mat-option>
        }
      </mat-autocomplete>
      @if (!compact()) {
        <mat-error>{{ message() }}</mat-error>
      }
    </mat-form-field>
  `,
})
export class PartyPickerComponent implements OnInit {
  private readonly apis = injectPartyApis();
  private readonly destroyRef = inject(DestroyRef);
  readonly kind = input.required<PartyKind>();
  readonly control = input.required<FormControl<PartyChoice>>();
  readonly label = input('Party');
  readonly testId = input('party-input');
  readonly required = input(false);
  /** A filter rather than a form field: no error line, a clear button. */
  readonly compact = input(false);
  readonly clearable = input(false);
  readonly picked = output<AnyParty | null>();

  readonly options = signal<AnyParty[]>([]);
  readonly searched = signal(false);

  readonly display = (value: PartyChoice): string => (isParty(value) ? value.name : (value ?? ''));

  ngOnInit(): void {
    this.control()
      .valueChanges.pipe(
        filter((v): v is string | null => !isParty(v)),
        map((v) => (v ?? '').trim()),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) =>
          this.apis(this.kind())
            .list({ q: q || undefined, limit: 10, offset: 0, sort: 'name' })
            .pipe(
              map((page) => page.items),
              catchError(() => of([] as AnyParty[])),
            ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((items) => {
        this.options.set(items);
        this.searched.set(true);
      });
    // Suggestions before anything is typed: the first ten by name.
    if (!isParty(this.control().value)) this.control().setValue(this.control().value ?? '');
  }

  message(): string {
    const c = this.control();
    if (c.hasError('server')) return String(c.getError('server'));
    if (c.hasError('partyNotPicked')) return `Pick a ${this.label().toLowerCase()} from the list`;
    return `${this.label()} is required`;
  }

  selected(event: MatAutocompleteSelectedEvent): void {
    this.picked.emit(event.option.value as AnyParty);
  }

  clear(): void {
    this.control().setValue('');
    this.picked.emit(null);
  }
}
