import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Contact, ContactInput } from '@billinator/contracts';
import { ContactsApi } from '../../core/contacts-api.service';
import { textOrNull } from '../../core/decimal-validators';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';
import { PHONE_PATTERN } from './party-kind';

export interface ContactDialogData {
  customerId: string;
  /** Absent when adding. */
  contact?: Contact;
}

/** Adds or edits one contact person of a customer; answers the saved contact. */
@Component({
  selector: 'bn-contact-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.contact ? 'Edit contact' : 'Add a contact' }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <bn-error-banner [error]="error()" />
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required />
          <mat-error>{{ message('name', 'Name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Position</mat-label>
          <input matInput formControlName="position" />
          <mat-error>{{ message('position', 'Position') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>E-mail</mat-label>
          <input matInput type="email" formControlName="email" />
          <mat-error>{{ message('email', 'E-mail') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Phone</mat-label>
          <input matInput type="tel" formControlName="phone" />
          <mat-error>{{ message('phone', 'Phone') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-contact">
          {{ data.contact ? 'Save' : 'Add contact' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(420px, 80vw);
    }
  `,
})
export class ContactDialog {
  private readonly api = inject(ContactsApi);
  private readonly dialog = inject(MatDialogRef<ContactDialog, Contact>);
  readonly data = inject<ContactDialogData>(MAT_DIALOG_DATA);
  readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.data.contact?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    position: [this.data.contact?.position ?? '', Validators.maxLength(100)],
    email: [this.data.contact?.email ?? '', [Validators.email, Validators.maxLength(254)]],
    phone: [this.data.contact?.phone ?? '', Validators.pattern(PHONE_PATTERN)],
  });
  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;

  message(name: string, label: string): string | null {
    if (name === 'phone' && this.form.controls.phone.hasError('pattern')) {
      return 'Phone may hold digits, spaces and + ( ) . / - (3 to 40 characters)';
    }
    return this.submission.message(name, label);
  }

  submit(): void {
    const v = this.form.getRawValue();
    const fields: ContactInput = {
      name: v.name.trim(),
      position: textOrNull(v.position),
      email: textOrNull(v.email),
      phone: textOrNull(v.phone),
    };
    const { customerId, contact } = this.data;
    this.submission.submit(
      () =>
        contact
          ? this.api.update(customerId, contact.id, { ...fields, version: contact.version })
          : this.api.create(customerId, fields),
      (saved) => this.dialog.close(saved),
    );
  }
}
