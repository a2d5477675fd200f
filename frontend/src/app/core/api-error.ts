import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDetails } from '@billinator/contracts';

export interface ApiError {
  status: number;
  message: string;
  code: string;
  fieldErrors: FieldError[];
  requestId?: string;
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && 'detail' in body && 'status' in body;
}

/** Turns any HTTP failure into a message a person can act on. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (isProblem(error.error)) {
      return {
        status: error.status,
        message: error.error.detail,
        code: error.error.code,
        fieldErrors: error.error.errors ?? [],
        requestId: error.error.requestId,
      };
    }
    if (error.status === 0) {
      return {
        status: 0,
        message: 'The server cannot be reached; check your connection and try again',
        code: 'network',
        fieldErrors: [],
      };
    }
    return {
      status: error.status,
      message: `The server answered ${error.status} ${error.statusText}`,
      code: 'unknown',
      fieldErrors: [],
    };
  }
  return {
    status: 0,
    message: error instanceof Error ? error.message : 'Something went wrong',
    code: 'unknown',
    fieldErrors: [],
  };
}
