import { computeDocument, computeLine } from './document-totals';
import { isDecimalString, money } from './decimal';

describe('computeLine', () => {
  it('multiplies quantity by price and applies tax per line', () => {
    expect(computeLine({ quantity: '3', unitPrice: '19.99', taxRate: '20' })).toEqual({
      gross: '59.97',
      discount: '0.00',
      taxable: '59.97',
      tax: '11.99', // 11.994 rounds down
      total: '71.96',
    });
  });

  it('rounds half-up at .005', () => {
    // 1 × 0.125 → 0.13 (half-up), not banker's 0.12
    expect(computeLine({ quantity: '1', unitPrice: '0.125' }).taxable).toBe('0.13');
    // taxable 10.10 × 5% = 0.505 → 0.51
    expect(computeLine({ quantity: '1', unitPrice: '10.10', taxRate: '5' }).tax).toBe('0.51');
  });

  it('applies the discount before tax and reports it', () => {
    // 2.5 × 40.00 = 100.00; 15% off = 85.00; tax 7% = 5.95
    expect(computeLine({ quantity: '2.5', unitPrice: '40', discountPercent: '15', taxRate: '7' })).toEqual({
      gross: '100.00',
      discount: '15.00',
      taxable: '85.00',
      tax: '5.95',
      total: '90.95',
    });
  });

  it('handles three-decimal quantities and zero-rated lines', () => {
    // 1.275 kg × 3.99 = 5.08725 → 5.09
    expect(computeLine({ quantity: '1.275', unitPrice: '3.99', taxRate: '0' })).toEqual({
      gross: '5.09',
      discount: '0.00',
      taxable: '5.09',
      tax: '0.00',
      total: '5.09',
    });
  });
});

describe('computeLine, hand-computed edge cases', () => {
  it('rounds a discounted amount that lands on .005 up', () => {
    // 10.05 × 50% = 5.025 → 5.03; tax 10% = 0.503 → 0.50
    expect(computeLine({ quantity: '1', unitPrice: '10.05', discountPercent: '50', taxRate: '10' })).toEqual({
      gross: '10.05',
      discount: '5.02',
      taxable: '5.03',
      tax: '0.50',
      total: '5.53',
    });
  });

  it('discounts the unrounded amount of a three-decimal quantity', () => {
    // 2.345 × 8.40 = 19.698 → gross 19.70; × 87.5% = 17.23575 → 17.24; tax 19% = 3.2756 → 3.28
    expect(computeLine({ quantity: '2.345', unitPrice: '8.40', discountPercent: '12.5', taxRate: '19' })).toEqual({
      gross: '19.70',
      discount: '2.46',
      taxable: '17.24',
      tax: '3.28',
      total: '20.52',
    });
  });
});

describe('computeDocument', () => {
  it('totals several tax rates, a zero-rated line and a sub-cent line', () => {
    const totals = computeDocument([
      { quantity: '3', unitPrice: '1.99', taxRate: '7' }, // 5.97, tax 0.4179 → 0.42
      { quantity: '1', unitPrice: '100', discountPercent: '15', taxRate: '20' }, // 85.00, tax 17.00
      { quantity: '2', unitPrice: '4.50', taxRate: '0' }, // 9.00, zero-rated
      { quantity: '0.5', unitPrice: '0.01', taxRate: '20' }, // 0.005 → 0.01, tax 0.002 → 0.00
    ]);
    expect(totals).toMatchObject({ subtotal: '114.98', discountTotal: '15.00', taxTotal: '17.42', total: '117.40' });
    expect(totals.taxBreakdown).toEqual([
      { rate: '0.00', taxable: '9.00', tax: '0.00' },
      { rate: '7.00', taxable: '5.97', tax: '0.42' },
      { rate: '20.00', taxable: '85.01', tax: '17.00' },
    ]);
  });

  it('sums rounded lines and breaks tax down per rate', () => {
    const totals = computeDocument([
      { quantity: '1', unitPrice: '0.333', taxRate: '20' }, // 0.33, tax 0.07 (0.066)
      { quantity: '1', unitPrice: '0.333', taxRate: '20' }, // 0.33, tax 0.07
      { quantity: '2', unitPrice: '5', discountPercent: '10', taxRate: '5' }, // 9.00, tax 0.45
    ]);
    expect(totals.subtotal).toBe('10.66');
    expect(totals.discountTotal).toBe('1.00');
    expect(totals.taxTotal).toBe('0.59');
    expect(totals.total).toBe('10.25');
    expect(totals.taxBreakdown).toEqual([
      { rate: '5.00', taxable: '9.00', tax: '0.45' },
      { rate: '20.00', taxable: '0.66', tax: '0.14' },
    ]);
  });

  it('gives zero totals for an empty document', () => {
    expect(computeDocument([])).toMatchObject({ subtotal: '0.00', total: '0.00', taxBreakdown: [] });
  });
});

describe('decimal helpers', () => {
  it('validates decimal strings by scale', () => {
    expect(isDecimalString('12.50', 2)).toBe(true);
    expect(isDecimalString('12.505', 2)).toBe(false);
    expect(isDecimalString('1e3', 2)).toBe(false);
    expect(isDecimalString(12.5, 2)).toBe(false);
  });

  it('never uses binary floating point', () => {
    expect(money('0.1').toString()).toBe('0.10');
    expect(
      computeDocument([
        { quantity: '0.1', unitPrice: '3' },
        { quantity: '0.2', unitPrice: '3' },
      ]).subtotal,
    ).toBe('0.90');
  });
});
