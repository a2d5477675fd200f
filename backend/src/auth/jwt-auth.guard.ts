import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException } from '../common/problem.exception';
import { PUBLIC_ROUTE } from './decorators';

/** Every route needs a valid session unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown): TUser {
    if (error) throw error;
    if (user) return user;
    const reason = info instanceof Error ? info : null;
    if (reason?.name === 'TokenExpiredError') {
      throw new ProblemException(401, 'unauthenticated', 'Your session has expired; refresh it or sign in again');
    }
    if (reason?.message === 'No auth token') {
      throw new ProblemException(401, 'unauthenticated', 'Sign in first: this request carries no session cookie');
    }
    throw new ProblemException(401, 'unauthenticated', 'Your session token is not valid; sign in again');
  }
}
