import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';

/** The end of a form page: Cancel (back to where the form came from) and the submit button. */
@Component({
  selector: 'bn-form-actions',
  imports: [RouterLink, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'form-actions' },
  template: `
    <a mat-button [routerLink]="cancelLink()">Cancel</a>
    <button mat-flat-button type="submit" [disabled]="busy()" [attr.data-testid]="saveTestId()">
      {{ saveLabel() }}
    </button>
  `,
})
export class FormActionsComponent {
  readonly cancelLink = input.required<string | readonly string[]>();
  readonly saveLabel = input.required<string>();
  readonly saveTestId = input.required<string>();
  readonly busy = input(false);
}
