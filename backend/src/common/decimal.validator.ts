import { registerDecorator, ValidationOptions } from 'class-validator';
import { dec, isDecimalString } from '@billinator/money';

export interface DecimalRule {
  scale: number;
  min?: string;
  max?: string;
}

/** A decimal string such as "12.50" with at most `scale` decimals, optionally bounded. */
export function IsDecimal(rule: DecimalRule, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) => {
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: String(propertyKey),
      options,
      validator: {
        validate(value: unknown) {
          if (!isDecimalString(value, rule.scale)) return false;
          if (rule.min !== undefined && dec(value).lt(rule.min)) return false;
          if (rule.max !== undefined && dec(value).gt(rule.max)) return false;
          return true;
        },
        defaultMessage(args) {
          const bounds = [
            rule.min !== undefined ? `at least ${rule.min}` : null,
            rule.max !== undefined ? `at most ${rule.max}` : null,
          ].filter(Boolean);
          return `${args?.property} must be a decimal number written as text with up to ${rule.scale} decimals${
            bounds.length ? ` (${bounds.join(', ')})` : ''
          }, e.g. "12.50"`;
        },
      },
    });
  };
}
