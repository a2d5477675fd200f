import { Pipe, PipeTransform } from '@angular/core';

/**
 * Renders a decimal string for people: thousands grouped, trailing zeros trimmed down to
 * `minDecimals`. Pure string work: amounts are never turned into binary floats.
 */
export function formatDecimal(value: string | null | undefined, minDecimals: number): string {
  if (value === null || value === undefined || value === '') return '—';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  let digits = fraction.replace(/0+$/, '');
  if (digits.length < minDecimals) digits = digits.padEnd(minDecimals, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = sign === '-' && /[1-9]/.test(whole + fraction);
  return `${negative ? '−' : ''}${grouped}${digits ? `.${digits}` : ''}`;
}

/** A decimal string for an input field: "10.000" → "10", "7.50" → "7.5" stays exact. */
export function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Money and costs: at least two decimals ("1,234.50", "7.2345"). */
@Pipe({ name: 'amount' })
export class AmountPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatDecimal(value, 2);
  }
}

/** Quantities: no needless zeros ("25", "1.25"). */
@Pipe({ name: 'qty' })
export class QuantityPipe implements PipeTransform {
  transform(value: string | null | undefined, signed = false): string {
    const text = formatDecimal(value, 0);
    return signed && value && !value.startsWith('-') && /[1-9]/.test(value) ? `+${text}` : text;
  }
}
