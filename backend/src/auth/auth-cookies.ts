import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { CSRF_COOKIE } from '@billinator/contracts';
import type { AppConfig } from '../config/app-config';

export const ACCESS_COOKIE = 'bn_access';
export const REFRESH_COOKIE = 'bn_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

function base(config: AppConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' };
}

export function setSessionCookies(reply: FastifyReply, config: AppConfig, access: string, refresh: string): void {
  void reply.setCookie(ACCESS_COOKIE, access, { ...base(config), maxAge: config.accessTokenTtlSeconds });
  void reply.setCookie(REFRESH_COOKIE, refresh, {
    ...base(config),
    path: REFRESH_COOKIE_PATH,
    maxAge: config.refreshTokenTtlDays * 86400,
  });
}

export function clearSessionCookies(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(ACCESS_COOKIE, base(config));
  void reply.clearCookie(REFRESH_COOKIE, { ...base(config), path: REFRESH_COOKIE_PATH });
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The CSRF cookie is readable by the SPA (double-submit), never by other sites. */
export function setCsrfCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  void reply.setCookie(CSRF_COOKIE, token, {
    httpOnly: false,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/',
  });
}
