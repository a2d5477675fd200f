import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPE_BASE, ProblemCode, ProblemDetails } from '@billinator/contracts';
import { ProblemException } from './problem.exception';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  423: 'Locked',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const CODES: Record<number, ProblemCode> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'malformed_request',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  423: 'account_locked',
  428: 'precondition_failed',
  429: 'rate_limited',
  503: 'service_unavailable',
};

interface ErrorWithStatus {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

/** The problem-details body; also used by the Fastify hooks that answer before Nest does. */
export function problemBody(
  status: number,
  code: ProblemCode,
  detail: string,
  errors?: ProblemDetails['errors'],
  extra?: Record<string, unknown>,
): ProblemDetails {
  return {
    type: `${PROBLEM_TYPE_BASE}${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(extra ?? {}),
  };
}

/** Shapes every error as RFC 9457 problem details; a 500 never leaks internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof HttpException && request.url?.startsWith('/health')) {
      // Probes keep terminus' own body: every check with its status.
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const problem = this.toProblem(exception);
    problem.instance = request.url?.split('?')[0];
    problem.requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    if (problem.status === 429) void reply.header('retry-after', '60');
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) {
      return this.build(
        exception.getStatus(),
        exception.code,
        exception.message,
        exception.fieldErrors,
        exception.extra,
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(Array.isArray(body.message) ? body.message.join('; ') : body.message)
          : exception.message;
      return this.build(status, CODES[status] ?? 'malformed_request', this.humanise(status, message));
    }
    const error = exception as ErrorWithStatus;
    const status = error?.statusCode ?? error?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by Fastify itself: body parsing, content type, size.
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return this.build(415, 'unsupported_media_type', 'Send the request body as application/json');
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return this.build(413, 'payload_too_large', 'The request body is too large');
      }
      if (error.code?.startsWith('FST_ERR_CTP') || error.message?.includes('JSON')) {
        return this.build(400, 'malformed_request', 'The request body is not valid JSON');
      }
      return this.build(status, CODES[status] ?? 'malformed_request', error.message ?? 'Bad request');
    }
    return this.build(
      500,
      'internal_error',
      'Something went wrong on our side; the request id identifies it in the logs',
    );
  }

  private humanise(status: number, message: string): string {
    if (status === HttpStatus.NOT_FOUND && message.startsWith('Cannot ')) return `No such route: ${message.slice(7)}`;
    if (status === HttpStatus.TOO_MANY_REQUESTS) return 'Too many requests; wait a minute and try again';
    return message;
  }

  private build(
    status: number,
    code: ProblemCode,
    detail: string,
    errors?: ProblemDetails['errors'],
    extra?: Record<string, unknown>,
  ): ProblemDetails {
    return problemBody(status, code, detail, errors, extra);
  }
}
