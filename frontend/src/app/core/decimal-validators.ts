import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { dec, isDecimalString } from '@billinator/money';

export interface DecimalBounds {
  min?: string;
  max?: string;
}

/** Bounds the API applies to amounts, quantities and rates. */
export const MONEY_BOUNDS: DecimalBounds = { min: '0', max: '999999999999.99' };
export const SIGNED_MONEY_BOUNDS: DecimalBounds = { min: '-999999999999.99', max: '999999999999.99' };
export const QUANTITY_BOUNDS: DecimalBounds = { min: '0', max: '999999999999.999' };
export const RATE_BOUNDS: DecimalBounds = { min: '0', max: '100' };

/**
 * A decimal typed as text ("12.50"), with at most `scale` decimals and within bounds, exactly as the
 * API checks it. An empty value passes: combine with Validators.required when the field is needed.
 */
export function decimalValidator(scale: number, bounds: DecimalBounds = {}): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const text = String(control.value ?? '').trim();
    if (text === '') return null;
    if (!isDecimalString(text, scale)) {
      return {
        decimal: scale === 0 ? 'must be a whole number' : `must be a number with up to ${scale} decimals, e.g. 12.50`,
      };
    }
    if (bounds.min !== undefined && dec(text).lt(bounds.min)) return { decimal: `must be at least ${bounds.min}` };
    if (bounds.max !== undefined && dec(text).gt(bounds.max)) return { decimal: `can be at most ${bounds.max}` };
    return null;
  };
}

/** Trimmed text, or null when empty: how optional fields travel to the API. */
export function textOrNull(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  return text === '' ? null : text;
}
