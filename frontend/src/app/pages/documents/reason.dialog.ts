import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

export interface ReasonData {
  title: string;
  message: string;
  confirm: string;
  label?: string;
  /** The reason may stay empty (answers ''); cancelling still answers nothing. */
  optional?: boolean;
  /** A red confirm button (the default), or the normal one. */
  danger?: boolean;
}

/** Confirms an action that needs (or may take) a reason on record: voiding, rejecting a quote; answers the reason. */
@Component({
  selector: 'bn-reason-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ data.message }}</p>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>{{ data.label ?? (data.optional ? 'Reason (optional)' : 'Reason') }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            [required]="!data.optional"
            data-testid="reason-input"
          ></textarea>
          <mat-hint>Kept in the audit trail</mat-hint>
          <mat-error>Give a reason (at most 500 characters)</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" [mat-dialog-close]="undefined" data-testid="cancel">Cancel</button>
        <button mat-flat-button type="submit" [class.danger]="data.danger !== false" data-testid="confirm">
          {{ data.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(420px, 80vw);
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ReasonDialog {
  readonly data = inject<ReasonData>(MAT_DIALOG_DATA);
  private readonly dialog = inject(MatDialogRef<ReasonDialog, string>);
  readonly reason = new FormControl('', {
    nonNullable: true,
    validators: this.data.optional ? [Validators.maxLength(500)] : [Validators.required, Validators.maxLength(500)],
  });
  readonly form = new FormGroup({ reason: this.reason });

  submit(): void {
    this.reason.markAsTouched();
    const reason = this.reason.value.trim();
    if (this.data.optional && this.reason.valid) {
      this.dialog.close(reason);
      return;
    }
    if (this.reason.invalid || !reason) {
      this.reason.setErrors({ required: true });
      return;
    }
    this.dialog.close(reason);
  }
}
