import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Permission, roleHas } from '@billinator/contracts';
import type { Actor } from '../tenancy/request-context';
import { ProblemException } from '../common/problem.exception';
import { REQUIRED_PERMISSION } from './decorators';

/** Checks the route's @RequirePermission against the role table in @billinator/contracts. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) return true;
    const user = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!user) throw new ProblemException(401, 'unauthenticated', 'Sign in first');
    if (!roleHas(user.role, permission)) {
      throw new ProblemException(
        403,
        'forbidden',
        `Your role (${user.role}) does not allow this; it needs the "${permission}" permission. Ask an owner or admin.`,
      );
    }
    return true;
  }
}
