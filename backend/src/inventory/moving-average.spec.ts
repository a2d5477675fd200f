import { averageCostAfter } from './moving-average';

describe('averageCostAfter', () => {
  it('takes the first receipt cost as the average', () => {
    expect(averageCostAfter('0', null, '10', '4.00')).toBe('4.0000');
  });

  it('blends receipts by quantity', () => {
    // 10 @ 4.00 + 30 @ 6.00 = 220 / 40 = 5.50
    expect(averageCostAfter('10', '4.0000', '30', '6.00')).toBe('5.5000');
    // 3 @ 1.00 + 1 @ 2.00 = 5 / 4 = 1.25; 1.25 + 2 @ 1.10 → (5 + 2.2)/6 = 1.2
    expect(averageCostAfter('4', '1.2500', '2', '1.10')).toBe('1.2000');
  });

  it('rounds half-up to four decimals', () => {
    // (1 × 1 + 2 × 1.00005) / 3 = 1.0000333… → 1.0000; (1 + 1 × 1.0003) / 2 = 1.00015 → 1.0002
    expect(averageCostAfter('1', '1.0000', '1', '1.0003')).toBe('1.0002');
  });

  it('leaves the average alone when stock goes out', () => {
    expect(averageCostAfter('10', '5.5000', '-4', '5.5000')).toBe('5.5000');
  });

  it('restarts from the receipt cost after negative stock', () => {
    expect(averageCostAfter('-2', '3.0000', '5', '4.00')).toBe('4.0000');
  });
});
