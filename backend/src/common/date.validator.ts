import { registerDecorator, ValidationOptions } from 'class-validator';

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date such as "2026-11-28". */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isDateOnly',
      target: target.constructor,
      propertyName: String(propertyKey),
      options,
      validator: {
        validate: isDateOnly,
        defaultMessage: (args) => `${args?.property} must be a date written YYYY-MM-DD, e.g. 2026-11-28`,
      },
    });
  };
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
