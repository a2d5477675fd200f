import type { AbstractControl, FormArray, FormControl, FormGroup } from '@angular/forms';
import type { ApiError } from '../../core/api-error';

export interface ErrorTargets {
  form: FormGroup;
  /** The request field naming the party (`customerId`, `supplierId`), shown on the `party` control. */
  partyParam?: string;
  allocations: FormArray<FormControl<string>>;
  /** The row on screen of the n-th allocation sent, or -1. */
  rowOf: (sent: number) => number;
}

/** `allocations.2.amount`, `allocations[2].invoiceId`, `allocations.2`. */
const ALLOCATION_FIELD = /^allocations(?:\.|\[)(\d+)\]?(?:\.\w+)?$/;

/**
 * Puts the API's field errors on the controls they name, the allocations on the row of the
 * document they were sent for; answers the messages that match no control.
 */
export function serverErrorsOn(error: ApiError, targets: ErrorTargets): string[] {
  const unmatched: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const control = controlFor(fieldError.field, targets);
    if (control) {
      control.setErrors({ server: fieldError.message });
      control.markAsTouched();
    } else {
      unmatched.push(fieldError.message);
    }
  }
  return unmatched;
}

function controlFor(field: string, targets: ErrorTargets): AbstractControl | null {
  if (targets.partyParam && field === targets.partyParam) return targets.form.get('party');
  const allocation = ALLOCATION_FIELD.exec(field);
  if (allocation) {
    const row = targets.rowOf(Number(allocation[1]));
    return row >= 0 ? (targets.allocations.at(row) ?? null) : null;
  }
  if (field === 'allocations') return null;
  return targets.form.get(field);
}
