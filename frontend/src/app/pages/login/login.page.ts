import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MAX_LENGTH } from '@billinator/contracts';
import { AuthCardComponent } from '../../core/auth-card.component';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';

@Component({
  selector: 'bn-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    AuthCardComponent,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../auth-page.scss',
  template: `
    <bn-auth-card
      heading="Sign in to Billinator"
      subtitle="Your back office: sales, purchases, stock and more"
      [busy]="busy()"
      footer="New to Billinator?"
      footerLink="/signup"
      footerLinkLabel="Create your business"
    >
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
    </bn-auth-card>
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
