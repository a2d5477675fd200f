import { isTimestamp, normaliseTimestamp } from './timestamp.validator';

describe('isTimestamp', () => {
  it.each(['2026-11-28T14:30:00Z', '2026-11-28T14:30Z', '2026-11-28T15:30:00.123+01:00', '2024-02-29T00:00:00-05:30'])(
    'accepts %s',
    (value) => expect(isTimestamp(value)).toBe(true),
  );

  it.each([
    '2026-11-28',
    '2026-11-28T14:30:00',
    '2026-02-30T10:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T14:60:00Z',
    '2026-11-28T14:30:61Z',
    '2026-11-28T14:30:00+15:00',
    'tomorrow',
    20261128,
    null,
  ])('refuses %s', (value) => expect(isTimestamp(value)).toBe(false));

  it('normalises to UTC with milliseconds', () => {
    expect(normaliseTimestamp('2030-01-15T09:30:00+01:00')).toBe('2030-01-15T08:30:00.000Z');
  });
});
