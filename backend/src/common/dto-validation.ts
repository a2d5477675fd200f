import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '@billinator/contracts';
import { flattenValidationErrors } from './validation';

type Constructor<T> = new () => T;

/** Validates a plain object against a DTO class the way the global pipe does. */
export async function validateAs<T extends object>(
  type: Constructor<T>,
  plain: unknown,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(type, plain ?? {}) as T;
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  return { value, errors: flattenValidationErrors(errors) };
}
