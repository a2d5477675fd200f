import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface LostReasonData {
  title: string;
}

/** Asks why an opportunity was lost (the API needs a reason); answers the reason, or nothing on cancel. */
@Component({
  selector: 'bn-lost-reason-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Mark “{{ data.title }}” as lost?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Why was it lost?</mat-label>
          <textarea
            matInput
            [formControl]="reason"
            rows="3"
            required
            maxlength="500"
            data-testid="lost-reason-input"
          ></textarea>
          <mat-hint>E.g. price, timing, went with a competitor</mat-hint>
          <mat-error>Give a reason (at most 500 characters)</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close data-testid="cancel-lost">Cancel</button>
        <button mat-flat-button type="submit" class="danger" data-testid="confirm-lost">Mark as lost</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(400px, 75vw);
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class LostReasonDialog {
  readonly data = inject<LostReasonData>(MAT_DIALOG_DATA);
  private readonly dialog = inject(MatDialogRef<LostReasonDialog, string>);
  readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(500)],
  });
  readonly form = new FormGroup({ reason: this.reason });

  submit(): void {
    this.reason.markAsTouched();
    const reason = this.reason.value.trim();
    if (this.reason.invalid || !reason) {
      this.reason.setErrors({ required: true });
      return;
    }
    this.dialog.close(reason);
  }
}
