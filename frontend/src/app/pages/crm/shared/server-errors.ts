import type { FormGroup } from '@angular/forms';
import type { ApiError } from '../../../core/api-error';

/**
 * Puts the API's field errors (`errors: [{field, message}]`) on the matching controls, where
 * `rename` maps an API field to a control that shows it under another name (`dueAt` → `dueDate`).
 * Answers the messages that belong to no control on screen, for the banner.
 */
export function applyServerErrors(form: FormGroup, error: ApiError, rename: Record<string, string> = {}): string[] {
  const unmatched: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const control = form.get(rename[fieldError.field] ?? fieldError.field);
    if (control) {
      control.setErrors({ server: fieldError.message });
      control.markAsTouched();
    } else {
      unmatched.push(fieldError.message);
    }
  }
  return unmatched;
}
