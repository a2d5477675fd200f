import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Actor } from '../tenancy/request-context';
import { ProblemException } from '../common/problem.exception';
import { ACCESS_COOKIE } from './auth-cookies';
import { SessionCache } from './session-cache';
import { SessionsRepository } from './sessions.repository';
import type { AccessClaims } from './tokens.service';

function fromCookie(request: FastifyRequest): string | null {
  return request.cookies?.[ACCESS_COOKIE] ?? null;
}

/**
 * Verifies the access token from the HTTP-only cookie, then checks the session
 * and the user in the database on every request, so that logout, password change,
 * deactivation and role changes take effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly cache: SessionCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([fromCookie]),
      // A KeyObject spares jsonwebtoken from trying (and failing) to parse the secret as
      // a public key on every request; the types only name string and Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<Actor> {
    const principal = this.cache.get(claims.sid) ?? (await this.sessions.principal(claims.sid));
    if (!principal || principal.tenant_id !== claims.tid || principal.user_id !== claims.sub) {
      throw new ProblemException(401, 'unauthenticated', 'Your session is not valid; sign in again');
    }
    if (principal.revoked_at) {
      throw new ProblemException(401, 'unauthenticated', 'Your session has ended; sign in again');
    }
    if (!principal.user_active) {
      throw new ProblemException(401, 'unauthenticated', 'This account is deactivated; ask an administrator');
    }
    this.cache.set(principal);
    return {
      userId: principal.user_id,
      tenantId: principal.tenant_id,
      email: principal.email,
      role: principal.role,
      sessionId: principal.session_id,
    };
  }
}
