import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER } from '@billinator/contracts';
import { ProblemException } from '../common/problem.exception';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit CSRF check (Angular's convention): a state-changing request must
 * echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header. Another site can make the
 * browser send the cookie but cannot read it to set the header.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const cookie = request.cookies?.[CSRF_COOKIE];
    const header = request.headers[CSRF_HEADER];
    if (!cookie || typeof header !== 'string' || !header) {
      throw new ProblemException(
        403,
        'csrf_token_invalid',
        'Missing CSRF token: send the XSRF-TOKEN cookie value in the X-XSRF-TOKEN header (GET /api/v1/auth/csrf issues one)',
      );
    }
    if (cookie.length !== header.length || !timingSafeEqual(Buffer.from(cookie), Buffer.from(header))) {
      throw new ProblemException(
        403,
        'csrf_token_invalid',
        'The CSRF token does not match; reload the page and try again',
      );
    }
    return true;
  }
}
