/** Calendar periods of the report filters, as local `YYYY-MM-DD` dates (both ends included). */

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRange {
  from: string;
  to: string;
}

export const PERIOD_PRESETS = ['this-month', 'last-month', 'this-quarter', 'this-year', 'last-year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PRESET_LABELS: Readonly<Record<PeriodPreset | 'custom', string>> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-quarter': 'This quarter',
  'this-year': 'This year',
  'last-year': 'Last year',
  custom: 'Custom',
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A local date as `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function today(): string {
  return isoDate(new Date());
}

/** First to last day of the months [startMonth, startMonth + months) of a year (months may run over). */
function months(year: number, startMonth: number, count: number): DateRange {
  return { from: isoDate(new Date(year, startMonth, 1)), to: isoDate(new Date(year, startMonth + count, 0)) };
}

export function presetRange(preset: PeriodPreset, now = new Date()): DateRange {
  const year = now.getFullYear();
  const month = now.getMonth();
  switch (preset) {
    case 'this-month':
      return months(year, month, 1);
    case 'last-month':
      return months(year, month - 1, 1);
    case 'this-quarter':
      return months(year, month - (month % 3), 3);
    case 'this-year':
      return months(year, 0, 12);
    case 'last-year':
      return months(year - 1, 0, 12);
  }
}

/** The preset a range is, or `custom`. */
export function presetOf(range: DateRange, now = new Date()): PeriodPreset | 'custom' {
  return (
    PERIOD_PRESETS.find((p) => {
      const r = presetRange(p, now);
      return r.from === range.from && r.to === range.to;
    }) ?? 'custom'
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period key as people read it: `2026-03` → "Mar 2026", `2026-Q1` → "Q1 2026",
 * `2026-W05` → "Week 5, 2026". Anything else is returned as it is.
 */
export function periodLabel(value: string, short = false): string {
  let m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const name = MONTHS[Number(m[2]) - 1];
    if (name) return short ? `${name} ${m[1].slice(2)}` : `${name} ${m[1]}`;
  }
  m = /^(\d{4})-?Q([1-4])$/.exec(value);
  if (m) return `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-?W(\d{1,2})$/.exec(value);
  if (m) return short ? `W${Number(m[2])} ${m[1].slice(2)}` : `Week ${Number(m[2])}, ${m[1]}`;
  return value;
}

/** "1 Jan 2026 – 31 Mar 2026" for a range, from its `YYYY-MM-DD` ends. */
export function rangeLabel(range: Partial<DateRange>): string {
  const day = (d?: string) => {
    const m = d ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d) : null;
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : (d ?? '');
  };
  if (range.from && range.to) return `${day(range.from)} – ${day(range.to)}`;
  if (range.from) return `From ${day(range.from)}`;
  if (range.to) return `Until ${day(range.to)}`;
  return '';
}
