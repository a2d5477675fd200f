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
          const example = rule.scale === 0 ? '12' : `12.${'5'.padEnd(rule.scale, '0')}`;
          const range =
            rule.min === '0' && rule.max !== undefined
              ? ', not negative'
              : rule.min !== undefined && rule.max !== undefined && !rule.min.startsWith('-')
                ? ` from ${rule.min} to ${rule.max}`
                : '';
          return `${args?.property} must be a number with at most ${rule.scale} decimals${range}, e.g. ${example}`;
        },
      },
    });
  };
}
