import { FormGroup } from '@angular/forms';
import type { ApiError } from './api-error';

/** Puts the API's field errors on the matching controls; answers whether any matched. */
export function applyFieldErrors(form: FormGroup, error: ApiError): boolean {
  let matched = false;
  for (const fieldError of error.fieldErrors) {
    const control = form.get(fieldError.field);
    if (control) {
      control.setErrors({ server: fieldError.message });
      control.markAsTouched();
      matched = true;
    }
  }
  return matched;
}

/** The message to show under a control, client-side or from the server. */
export function controlMessage(form: FormGroup, name: string, label: string): string | null {
  const control = form.get(name);
  if (!control || !control.errors || !control.touched) return null;
  const e = control.errors;
  if (e['server']) return String(e['server']);
  if (e['required']) return `${label} is required`;
  if (e['email']) return 'Enter a valid e-mail address';
  if (e['minlength']) return `${label} needs at least ${e['minlength'].requiredLength} characters`;
  if (e['maxlength']) return `${label} can have at most ${e['maxlength'].requiredLength} characters`;
  if (e['pattern']) return `${label} has the wrong format`;
  if (e['decimal']) return `${label} ${e['decimal']}`;
  if (e['min']) return `${label} must be at least ${e['min'].min}`;
  if (e['max']) return `${label} can be at most ${e['max'].max}`;
  return `${label} is not valid`;
}
