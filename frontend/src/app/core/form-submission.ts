import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import type { Observable } from 'rxjs';
import { ApiError, toApiError } from './api-error';
import { applyFieldErrors, controlMessage } from './form-errors';

/**
 * The life of a form sent to the API: validate locally, send once at a time, put the
 * server's field errors on their controls and any other error in the banner.
 */
export class FormSubmission {
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);

  constructor(private readonly form: FormGroup) {}

  message(name: string, label: string): string | null {
    return controlMessage(this.form, name, label);
  }

  submit<T>(send: () => Observable<T>, done: (value: T) => void): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    send().subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (e: unknown) => {
        const apiError = toApiError(e);
        // Field errors go under their fields; the banner says the rest: errors of fields this
        // form does not show, and a conflict, which also explains itself on top.
        const matched = applyFieldErrors(this.form, apiError);
        const unshown = apiError.fieldErrors.some((f) => !this.form.get(f.field));
        if (!matched || unshown || apiError.status === 409) this.error.set(apiError);
        this.busy.set(false);
      },
    });
  }
}
