import { settle } from './settlement';

describe('settle', () => {
  it('keeps an untouched invoice open with its whole total due', () => {
    expect(settle('issued', '100.00', '0', '0')).toEqual({
      amountPaid: '0.00',
      amountCredited: '0.00',
      balance: '100.00',
      status: 'issued',
    });
  });

  it('is partially paid after a payment or a credit that leaves something owed', () => {
    expect(settle('issued', '100.00', '40.00', '0').status).toBe('partially_paid');
    expect(settle('posted', '100.00', '0', '0.01')).toMatchObject({ balance: '99.99', status: 'partially_paid' });
  });

  it('is paid once payments and credits cover the total to the cent', () => {
    expect(settle('issued', '100.00', '60.00', '40.00')).toMatchObject({ balance: '0.00', status: 'paid' });
  });

  it('refuses to settle more than the total', () => {
    expect(() => settle('issued', '100.00', '100.00', '0.01')).toThrow();
  });
});
