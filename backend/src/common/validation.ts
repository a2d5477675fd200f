import { Type, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@billinator/contracts';
import { ProblemException } from './problem.exception';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: /^property \S+ should not exist$/.test(message) ? `${field} is not a known field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Global validation: whitelist, unknown fields rejected, field errors in the problem body. */
export function createValidationPipe(expectedType?: Type<unknown>): ValidationPipe {
  return new ValidationPipe({
    expectedType,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.map((e) => e.message).join('; ');
      return new ProblemException(400, 'validation_failed', `Check the highlighted fields: ${summary}`, fieldErrors);
    },
  });
}
