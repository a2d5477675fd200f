import { registerDecorator, ValidationOptions } from 'class-validator';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * True for an ISO 8601 timestamp with a time and a zone ("2026-11-28T14:30:00Z",
 * "2026-11-28T15:30+01:00") that names a real moment (no 2026-02-30, no 25:00).
 */
export function isTimestamp(value: unknown): value is string {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  if (!match) return false;
  const [, date, hours, minutes, seconds = '0', zoneHours = '0', zoneMinutes = '0'] = match;
  if (+hours > 23 || +minutes > 59 || +seconds > 59 || +zoneHours > 14 || +zoneMinutes > 59) return false;
  const calendar = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(calendar.getTime()) || calendar.toISOString().slice(0, 10) !== date) return false;
  return !Number.isNaN(new Date(value as string).getTime());
}

/** The same moment written as UTC with milliseconds: "2026-11-28T14:30:00.000Z". */
export function normaliseTimestamp(value: string): string {
  return new Date(value).toISOString();
}

/** An ISO 8601 timestamp with a time and a zone, e.g. "2026-11-28T14:30:00Z". */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: String(propertyKey),
      options,
      validator: {
        validate: isTimestamp,
        defaultMessage: (args) =>
          `${args?.property} must be a date and time with its zone, e.g. 2026-11-28T14:30:00Z or 2026-11-28T15:30:00+01:00`,
      },
    });
  };
}
