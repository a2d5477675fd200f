import Big from 'big.js';
import { dec, DecimalInput, money, MONEY_SCALE, roundHalfUp } from './decimal';

export interface LineInput {
  quantity: DecimalInput;
  unitPrice: DecimalInput;
  discountPercent?: DecimalInput;
  taxRate?: DecimalInput;
}

export interface LineAmounts {
  gross: string;
  discount: string;
  taxable: string;
  tax: string;
  total: string;
}

export interface TaxBreakdownRow {
  rate: string;
  taxable: string;
  tax: string;
}

export interface DocumentTotals {
  lines: LineAmounts[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  taxBreakdown: TaxBreakdownRow[];
}

const HUNDRED = new Big(100);

/**
 * One line: qty × unit price, minus its discount %, rounded half-up to cents;
 * tax = taxable × rate, rounded half-up per line.
 */
export function computeLine(line: LineInput): LineAmounts {
  const gross = roundHalfUp(dec(line.quantity).times(dec(line.unitPrice)), MONEY_SCALE);
  const discountPercent = dec(line.discountPercent ?? 0);
  const taxable = roundHalfUp(
    dec(line.quantity).times(dec(line.unitPrice)).times(HUNDRED.minus(discountPercent)).div(HUNDRED),
    MONEY_SCALE,
  );
  const tax = roundHalfUp(taxable.times(dec(line.taxRate ?? 0)).div(HUNDRED), MONEY_SCALE);
  return {
    gross: money(gross),
    discount: money(gross.minus(taxable)),
    taxable: money(taxable),
    tax: money(tax),
    total: money(taxable.plus(tax)),
  };
}

/** Document totals are sums of rounded lines, with a breakdown per tax rate. */
export function computeDocument(lines: readonly LineInput[]): DocumentTotals {
  const amounts = lines.map(computeLine);
  const byRate = new Map<string, { taxable: Big; tax: Big }>();
  let subtotal = new Big(0);
  let discountTotal = new Big(0);
  let taxTotal = new Big(0);
  amounts.forEach((a, i) => {
    subtotal = subtotal.plus(a.gross);
    discountTotal = discountTotal.plus(a.discount);
    taxTotal = taxTotal.plus(a.tax);
    const rate = dec(lines[i].taxRate ?? 0).toFixed(2);
    const row = byRate.get(rate) ?? { taxable: new Big(0), tax: new Big(0) };
    byRate.set(rate, { taxable: row.taxable.plus(a.taxable), tax: row.tax.plus(a.tax) });
  });
  const taxBreakdown = [...byRate.entries()]
    .sort(([a], [b]) => dec(a).cmp(dec(b)))
    .map(([rate, row]) => ({ rate, taxable: money(row.taxable), tax: money(row.tax) }));
  return {
    lines: amounts,
    subtotal: money(subtotal),
    discountTotal: money(discountTotal),
    taxTotal: money(taxTotal),
    total: money(subtotal.minus(discountTotal).plus(taxTotal)),
    taxBreakdown,
  };
}
