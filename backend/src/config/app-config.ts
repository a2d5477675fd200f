import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface AppConfig {
  production: boolean;
  host: string;
  port: number;
  databaseUrl: string;
  jwtSecret: string;
  logLevel: string;
  logFile: string | null;
  redisUrl: string | null;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  loginRateLimitPerMinute: number;
  apiRateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  bcryptRounds: number;
  sessionCacheSeconds: number;
  cookieSecure: boolean;
  shutdownGraceMs: number;
  spaDir: string | null;
  seedDemo: boolean;
  bodyLimitBytes: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

/** Outside production a secret is generated once and kept beside the data, so sessions survive restarts. */
function developmentSecret(databaseUrl: string): string {
  const base = databaseUrl.startsWith('duckdb:') ? dirname(resolve(databaseUrl.slice(7))) : resolve('data');
  const file = resolve(base, '.jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(base, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; throws one error that lists every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const production = env['NODE_ENV'] === 'production';
  let databaseUrl = env['DATABASE_URL'] || 'duckdb:./data/billinator.duckdb';
  if (!/^(duckdb:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    if (databaseUrl.includes('://')) {
      problems.push('DATABASE_URL must be duckdb:PATH or postgres://USER@HOST:PORT/DB');
    } else {
      databaseUrl = `duckdb:${databaseUrl}`;
    }
  }
  let jwtSecret = env['JWT_SECRET'] ?? '';
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');
  if (!jwtSecret) {
    if (production) problems.push('JWT_SECRET is required when NODE_ENV=production');
    else jwtSecret = developmentSecret(databaseUrl);
  }
  const logLevel = env['LOG_LEVEL'] || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const spaDirRaw = env['SPA_DIR'] ?? 'dist/frontend/browser';
  const config: AppConfig = {
    production,
    host: env['HOST'] || '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl,
    jwtSecret,
    logLevel,
    logFile: env['LOG_FILE'] || null,
    redisUrl: env['REDIS_URL'] || null,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86400, problems),
    refreshTokenTtlDays: integer(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 365, problems),
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 1_000_000_000, problems),
    apiRateLimitPerMinute: integer(env, 'API_RATE_LIMIT_PER_MINUTE', 6000, 1, 1_000_000_000, problems),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 100, problems),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
    bcryptRounds: integer(env, 'BCRYPT_ROUNDS', 12, 4, 15, problems),
    sessionCacheSeconds: integer(env, 'SESSION_CACHE_SECONDS', 5, 0, 300, problems),
    cookieSecure: boolean(env, 'COOKIE_SECURE', production, problems),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', production ? 5000 : 0, 0, 120000, problems),
    spaDir: spaDirRaw ? resolve(spaDirRaw) : null,
    seedDemo: boolean(env, 'SEED_DEMO', false, problems),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1048576, 1024, 104857600, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
