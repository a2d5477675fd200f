import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@billinator/contracts';
import { AuthCardComponent } from '../../core/auth-card.component';
import { AuthService } from '../../core/auth.service';
import { ErrorBannerComponent } from '../../core/error-banner.component';
import { FormSubmission } from '../../core/form-submission';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'INR', 'JPY'];

@Component({
  selector: 'bn-signup-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    AuthCardComponent,
    ErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../auth-page.scss',
  template: `
    <bn-auth-card
      heading="Create your business"
      subtitle="You become its owner and can invite your team"
      [busy]="busy()"
      footer="Already have an account?"
      footerLink="/login"
      footerLinkLabel="Sign in"
    >
      <bn-error-banner [error]="error()" />
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Business name</mat-label>
          <input matInput formControlName="tenantName" autocomplete="organization" required />
          <mat-error>{{ message('tenantName', 'Business name') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Currency</mat-label>
            <mat-select formControlName="currency">
              @for (c of currencies; track c) {
                <mat-option [value]="c">{{ c }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Tax id (optional)</mat-label>
            <input matInput formControlName="taxId" />
            <mat-error>{{ message('taxId', 'Tax id') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Your name</mat-label>
          <input matInput formControlName="name" autocomplete="name" required />
          <mat-error>{{ message('name', 'Your name') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>E-mail</mat-label>
          <input matInput formControlName="email" type="email" autocomplete="email" required />
          <mat-error>{{ message('email', 'E-mail') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" class="full-width">
          <mat-label>Password</mat-label>
          <input matInput formControlName="password" type="password" autocomplete="new-password" required />
          <mat-hint>At least {{ minLength }} characters</mat-hint>
          <mat-error>{{ message('password', 'Password') }}</mat-error>
        </mat-form-field>
        <button mat-flat-button class="full-width submit" type="submit" [disabled]="busy()">Create business</button>
      </form>
    </bn-auth-card>
  `,
})
export class SignupPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly currencies = CURRENCIES;
  readonly minLength = PASSWORD_MIN_LENGTH;
  readonly form = inject(FormBuilder).nonNullable.group({
    tenantName: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    currency: ['EUR'],
    taxId: ['', [Validators.maxLength(40)]],
    name: ['', [Validators.required, Validators.maxLength(120)]],
    email: ['', [Validators.required, Validators.email]],
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
    const { taxId, ...rest } = this.form.getRawValue();
    this.submission.submit(
      () => this.auth.signup({ ...rest, ...(taxId ? { taxId } : {}) }),
      () => void this.router.navigate(['/dashboard']),
    );
  }
}
