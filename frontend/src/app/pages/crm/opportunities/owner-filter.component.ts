import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { UserChoices } from '../shared/user-choices';

/** `all`, `me`, or a user's id: whose opportunities are shown. */
export type OwnerChoice = string;

/** The `ownerId` filter to send for a choice (`me` is the signed-in user's id). */
export function ownerIdOf(choice: OwnerChoice, users: UserChoices): string | undefined {
  if (choice === 'all' || !choice) return undefined;
  if (choice === 'me') return users.me?.id;
  return choice;
}

/**
 * Filters by owner: a select of the users for roles that may list them, otherwise a
 * Mine / All toggle.
 */
@Component({
  selector: 'bn-owner-filter',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, MatButtonToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (users().canList) {
      <mat-form-field appearance="outline" class="owner" subscriptSizing="dynamic">
        <mat-label>Owner</mat-label>
        <mat-select [formControl]="control()" data-testid="owner-filter">
          <mat-option value="all">Everyone</mat-option>
          <mat-option value="me">Me</mat-option>
          @for (u of users().options(); track u.id) {
            @if (u.id !== users().me?.id) {
              <mat-option [value]="u.id">{{ u.name }}</mat-option>
            }
          }
        </mat-select>
      </mat-form-field>
    } @else {
      <mat-button-toggle-group
        [formControl]="control()"
        [hideSingleSelectionIndicator]="true"
        aria-label="Whose opportunities"
        data-testid="owner-filter"
      >
        <mat-button-toggle value="me" data-testid="owner-mine">Mine</mat-button-toggle>
        <mat-button-toggle value="all" data-testid="owner-all">All</mat-button-toggle>
      </mat-button-toggle-group>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .owner {
      width: 170px;
    }
    mat-button-toggle-group {
      --mat-button-toggle-height: 40px;
    }
    @media (max-width: 599px) {
      .owner {
        width: auto;
        flex: 1 1 140px;
      }
    }
  `,
  host: { class: 'owner-filter' },
})
export class OwnerFilterComponent {
  readonly control = input.required<FormControl<OwnerChoice>>();
  readonly users = input.required<UserChoices>();
}
