import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { FastifyRequest } from 'fastify';
import { Actor, RequestContext } from './request-context';

/** Copies the authenticated user (set by the JWT guard) into the request context. */
@Injectable()
export class TenantInterceptor implements NestInterceptor {
  constructor(private readonly context: RequestContext) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    if (request.user) {
      this.context.setActor(request.user);
      // The access log reads tenant and user from the raw request.
      (request.raw as typeof request.raw & { actor?: Actor }).actor = request.user;
    }
    return next.handle();
  }
}
