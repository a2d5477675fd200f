/**
 * Amounts and dates as printed. Amounts are formatted from their decimal strings (thousands
 * separators inserted into the string, never through floating point); dates from the string,
 * with no time zone involved.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '1234567.89' → '1,234,567.89'; the digits are never re-computed. Unrecognised input is returned as is. */
export function formatAmount(value: string): string {
  const match = /^([+-]?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, int, frac = ''] = match;
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '-' : ''}${grouped}${frac}`;
}

/** '1234.50' with 'EUR' → 'EUR 1,234.50'; a negative amount → '-EUR 1,234.50'. */
export function formatMoney(value: string, currency: string): string {
  const formatted = formatAmount(value);
  return formatted.startsWith('-') ? `-${currency} ${formatted.slice(1)}` : `${currency} ${formatted}`;
}

/** Drops trailing zero decimals: '2.000' → '2', '1.250' → '1.25', '20.00' → '20'. */
export function trimDecimal(value: string): string {
  const match = /^([+-]?\d+)\.(\d+)$/.exec(value.trim());
  if (!match) return value;
  const frac = match[2].replace(/0+$/, '');
  return frac ? `${match[1]}.${frac}` : match[1];
}

export function isZero(value: string): boolean {
  return /^[+-]?0*(\.0*)?$/.test(value.trim());
}

/** '2026-03-05' → '5 Mar 2026'. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value;
}

/** '2026-03-06T10:15:00Z' → '6 Mar 2026 10:15 UTC'. */
export function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}
