import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PASSWORD_MAX_LENGTH } from '@billinator/contracts';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';

@Component({
  selector: 'bn-login-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../auth-page.scss',
  template: `
    <div class="auth-page">
      <mat-card class="auth-card" appearance="outlined">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <mat-card-header>
          <mat-card-title><h1>Sign in to Billinator</h1></mat-card-title>
          <mat-card-subtitle>Your back office: sales, purchases, stock and more</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          @if (expired()) {
            <p class="notice">Your session ended. Sign in again to continue.</p>
          }
          <bn-error-banner [error]="error()" />
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>E-mail</mat-label>
              <input matInput formControlName="email" type="email" autocomplete="username" required />
              <mat-error>{{ message('email', 'E-mail') }}</mat-error>
            </mat-form-field>
            <mat-form-field appearance="outline" class="full-width">
              <mat-label>Password</mat-label>
              <input matInput formControlName="password" type="password" autocomplete="current-password" required />
              <mat-error>{{ message('password', 'Password') }}</mat-error>
            </mat-form-field>
            <button mat-flat-button class="full-width submit" type="submit" [disabled]="busy()">Sign in</button>
          </form>
        </mat-card-content>
        <mat-card-actions class="footer">
          <span>New to Billinator?</span>
          <a mat-button routerLink="/signup">Create your business</a>
        </mat-card-actions>
      </mat-card>
    </div>
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  readonly submission = new FormSubmission(this.form);
  readonly busy = this.submission.busy;
  readonly error = this.submission.error;

  message(name: string, label: string): string | null {
    return this.submission.message(name, label);
  }

  submit(): void {
    this.submission.submit(
      () => this.auth.login(this.form.getRawValue()),
      () => void this.router.navigateByUrl(this.safeReturnUrl()),
    );
  }

  private safeReturnUrl(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') ? url : '/dashboard';
  }
}
