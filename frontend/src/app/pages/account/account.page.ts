import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';

@Component({
  selector: 'bn-account-page',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <div class="page-header"><h1>Change password</h1></div>
      <mat-card appearance="outlined" class="card">
        <mat-card-content>
          <p class="muted">Changing your password signs you out everywhere, this browser included.</p>
          <bn-error-banner [error]="error()" />
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>Current password</mat-label>
              <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" />
              <mat-error>{{ message('currentPassword', 'Current password') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>New password</mat-label>
              <input matInput type="password" formControlName="newPassword" autocomplete="new-password" />
              <mat-hint>At least {{ minLength }} characters</mat-hint>
              <mat-error>{{ message('newPassword', 'New password') }}</mat-error>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
          </form>
        </mat-card-content>
      </mat-card>
    </div>
  `,
  styles: `
    .card {
      max-width: 480px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly form = inject(FormBuilder).nonNullable.group({
    currentPassword: ['', Validators.required],
    newPassword: [
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
      () => this.auth.changePassword(this.form.getRawValue()),
      () => {
        this.snackBar.open('Password changed. Sign in with your new password.', 'OK', { duration: 6000 });
        void this.router.navigate(['/login']);
      },
    );
  }
}
