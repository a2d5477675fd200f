import type { ReportResult } from '@billinator/contracts';
import { reportCsv } from './reports.controller';
import { addMonths, amount, fromCents, marginPercent, periodLabel, toCents } from './reports.service';
import { renderStatementPdf, StatementPdfInput } from './statement-pdf';

describe('report figures', () => {
  it('labels periods: day and week keep the date, then YYYY-MM, YYYY-Qn, YYYY', () => {
    expect(periodLabel('2026-03-02', 'day')).toBe('2026-03-02');
    expect(periodLabel('2026-03-02', 'week')).toBe('2026-03-02');
    expect(periodLabel('2026-03-01', 'month')).toBe('2026-03');
    expect(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01'].map((d) => periodLabel(d, 'quarter'))).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(periodLabel('2026-01-01', 'year')).toBe('2026');
  });

  it('margin % = profit / net × 100, half away from zero to 2 decimals, exact; null without net sales', () => {
    expect(marginPercent('138.50', '212.50')).toBe('65.18'); // 65.176…
    expect(marginPercent('1.00', '8.00')).toBe('12.50');
    expect(marginPercent('0.01', '0.03')).toBe('33.33');
    expect(marginPercent('0.02', '0.03')).toBe('66.67');
    expect(marginPercent('1.00', '16.00')).toBe('6.25');
    expect(marginPercent('0.01', '160.00')).toBe('0.01'); // 0.00625 → 0.01
    expect(marginPercent('0.01', '200.00')).toBe('0.01'); // 0.005 → 0.01
    expect(marginPercent('0.01', '200.01')).toBe('0.00'); // 0.0049997…
    expect(marginPercent('-30.00', '90.00')).toBe('-33.33');
    expect(marginPercent('-0.01', '200.00')).toBe('-0.01');
    expect(marginPercent('-0.01', '200.01')).toBe('0.00');
    expect(marginPercent('10.00', '-40.00')).toBe('-25.00');
    expect(marginPercent('12345678901234.56', '0.01')).toBe('123456789012345600.00');
    expect(marginPercent('5.00', '0.00')).toBeNull();
  });

  it('amounts: two decimals, no negative zero, cents both ways', () => {
    expect(amount(null)).toBe('0.00');
    expect(amount('-0.00')).toBe('0.00');
    expect(amount('12.5')).toBe('12.50');
    expect(amount('12.345')).toBe('12.35');
    expect(amount('-7.10')).toBe('-7.10');
    expect(toCents('-7.10')).toBe(-710n);
    expect(fromCents(-710n)).toBe('-7.10');
    expect(fromCents(5n)).toBe('0.05');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(fromCents(0n)).toBe('0.00');
  });

  it('months: first days, across years', () => {
    expect(addMonths('2026-11-01', -11)).toBe('2025-12-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-03-31', 0)).toBe('2026-03-01');
  });

  it('CSV: the column labels, the rows in column order, then the totals row', () => {
    const result: ReportResult = {
      name: 'sales',
      title: 'Sales by month',
      filters: {},
      columns: [
        { key: 'period', label: 'Month', type: 'text' },
        { key: 'net', label: 'Net', type: 'money' },
      ],
      rows: [{ net: '-5.00', period: '2026-01', hidden: 'x' }],
      totals: { period: 'Total', net: null },
    };
    expect(reportCsv(result)).toBe('\uFEFFMonth,Net\n2026-01,-5.00\nTotal,\n');
  });
});

describe('statement PDF', () => {
  const input = (lines: number): StatementPdfInput => ({
    title: 'Customer statement',
    tenant: { name: 'Report Works', address: '1 High Street', taxId: 'GB1', currency: 'EUR' },
    party: { label: 'Customer', name: 'Alpha Café', address: null, taxId: null, email: null },
    balanceLabel: 'Balance you owe',
    from: '2026-01-01',
    to: '2026-12-31',
    lines: Array.from({ length: lines }, (_, i) => ({
      date: '2026-02-03',
      type: i === 0 ? 'Opening balance' : 'Invoice',
      number: i === 0 ? '' : `INV-2026-${String(i).padStart(6, '0')}`,
      reference: '',
      debit: i === 0 ? null : '1000.00',
      credit: null,
      balance: `${i * 1000}.00`,
    })),
    closing: { debit: `${(lines - 1) * 1000}.00`, credit: '0.00', balance: `${(lines - 1) * 1000}.00` },
    generatedAt: '2026-11-28T10:00:00.000Z',
  });
  const text = (pdf: Buffer) =>
    [...pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)]
      .map((tj) =>
        [...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
      )
      .join('\n');

  it('prints the party, the period, every entry with its running balance, the closing balance and page numbers', async () => {
    const pdf = await renderStatementPdf(input(80), { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const shown = text(pdf);
    expect(shown).toContain('CUSTOMER STATEMENT');
    expect(shown).toContain('Alpha Caf\u00e9');
    expect(shown).toMatch(/1 Jan 2026 . 31 Dec 2026/);
    expect(shown).toContain('INV-2026-000079');
    expect(shown).toContain('79,000.00');
    expect(shown).toContain('Closing balance');
    expect(shown).toContain('Page 1 of 3');
    expect(shown).toContain('Page 3 of 3');
  });
});
