import { HttpException } from '@nestjs/common';
import type { FieldError, ProblemCode } from '@billinator/contracts';

/** An HTTP error with a stable problem code and, for validation, field errors. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: ProblemCode,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message, status);
  }
}
