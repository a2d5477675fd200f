/** RFC 9457 problem details, the one error shape of the API. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_request',
  'unauthenticated',
  'forbidden',
  'csrf_token_invalid',
  'not_found',
  'conflict',
  'precondition_failed',
  'account_locked',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'service_unavailable',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const PROBLEM_TYPE_BASE = 'https://billinator.dev/problems/';
