import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface AccessClaims {
  sub: string;
  tid: string;
  sid: string;
}

export interface RefreshToken {
  sessionId: string;
  secret: string;
}

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(claims, { expiresIn: this.config.accessTokenTtlSeconds });
  }

  /** A refresh token is `<session id>.<random secret>`; only the secret's hash is stored. */
  newRefresh(sessionId: string): { token: string; hash: string } {
    const secret = randomBytes(32).toString('base64url');
    return { token: `${sessionId}.${secret}`, hash: this.hashSecret(secret) };
  }

  parseRefresh(token: string | undefined): RefreshToken | null {
    if (!token) return null;
    const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
    return match ? { sessionId: match[1], secret: match[2] } : null;
  }

  hashSecret(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }

  sameHash(a: string, b: string | null): boolean {
    if (!b || a.length !== b.length) return false;
    return timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }

  refreshExpiry(from: Date): string {
    return new Date(from.getTime() + this.config.refreshTokenTtlDays * 86400_000).toISOString();
  }
}
