import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { assignableRoles, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, Role, User } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';
import { UsersApi } from '../../core/users-api.service';

@Component({
  selector: 'bn-user-create-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Add a user</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <bn-error-banner [error]="error()" />
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required />
          <mat-error>{{ message('name', 'Name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>E-mail</mat-label>
          <input matInput type="email" formControlName="email" required />
          <mat-error>{{ message('email', 'E-mail') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" data-testid="role-select">
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ role }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Initial password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>Share it with the person; at least {{ minLength }} characters</mat-hint>
          <mat-error>{{ message('password', 'Password') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-user">Add user</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(420px, 80vw);
    }
  `,
})
export class UserCreateDialog {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialogRef<UserCreateDialog, User>);
  readonly roles = assignableRoles(inject(AuthService).currentUser()?.role ?? 'auditor');
  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    email: ['', [Validators.required, Validators.email]],
    role: ['sales' as Role, Validators.required],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    ],
  });

  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;

  message(name: string, label: string): string | null {
    return this.submission.message(name, label);
  }

  submit(): void {
    this.submission.submit(
      () => this.api.create(this.form.getRawValue()),
      (user) => this.dialog.close(user),
    );
  }
}
