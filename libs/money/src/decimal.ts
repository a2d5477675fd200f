import Big from 'big.js';

/**
 * Exact decimal helpers. Amounts travel as strings ("12.50") and are computed with
 * big.js, never with binary floating point.
 */
export type Decimal = Big;
export type DecimalInput = string | number | Big;

export const MONEY_SCALE = 2;
export const QUANTITY_SCALE = 3;
export const RATE_SCALE = 2;

const ROUND_HALF_UP = 1 as Big.RoundingMode;

export function dec(value: DecimalInput): Big {
  if (typeof value === 'string' && !DECIMAL_PATTERN.test(value.trim())) {
    throw new RangeError(`"${value}" is not a decimal number`);
  }
  return new Big(typeof value === 'string' ? value.trim() : value);
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** True when `value` is a plain decimal string with at most `scale` fractional digits. */
export function isDecimalString(value: unknown, scale: number): value is string {
  if (typeof value !== 'string') return false;
  const match = /^-?\d{1,15}(?:\.(\d+))?$/.exec(value);
  return match !== null && (match[1]?.length ?? 0) <= scale;
}

export function roundHalfUp(value: DecimalInput, scale: number): Big {
  return dec(value).round(scale, ROUND_HALF_UP);
}

/** Rounds half-up to cents and renders with exactly two decimals. */
export function money(value: DecimalInput): string {
  return roundHalfUp(value, MONEY_SCALE).toFixed(MONEY_SCALE);
}

export function quantity(value: DecimalInput): string {
  return roundHalfUp(value, QUANTITY_SCALE).toFixed(QUANTITY_SCALE);
}

export function sum(values: DecimalInput[]): Big {
  return values.reduce<Big>((acc, v) => acc.plus(dec(v)), new Big(0));
}
