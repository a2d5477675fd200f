import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bn-config-'));
  const base = { DATABASE_URL: `duckdb:${join(dir, 'db.duckdb')}` };

  it('has safe laptop defaults and keeps a generated secret beside the data', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 3000, production: false, cookieSecure: false, logLevel: 'info' });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, '.jwt-secret'), 'utf8')).toBe(config.jwtSecret);
    expect(loadConfig(base).jwtSecret).toBe(config.jwtSecret);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ ...base, PORT: '-1', BCRYPT_ROUNDS: 'many', COOKIE_SECURE: 'maybe', JWT_SECRET: 'short' });
      fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'JWT_SECRET must be at least 32 characters long',
        'PORT must be an integer from 0 to 65535 (got "-1")',
        'BCRYPT_ROUNDS must be an integer from 4 to 15 (got "many")',
        'COOKIE_SECURE must be true or false (got "maybe")',
      ]);
    }
  });

  it('requires a secret and secure cookies in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    const config = loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(config.cookieSecure).toBe(true);
  });

  it('accepts PostgreSQL and bare DuckDB paths, refuses other schemes', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', JWT_SECRET: 'x'.repeat(40) }).databaseUrl).toBe(
      'postgres://u@h:5432/db',
    );
    expect(loadConfig({ ...base, DATABASE_URL: join(dir, 'x.duckdb') }).databaseUrl).toBe(
      `duckdb:${join(dir, 'x.duckdb')}`,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/db', JWT_SECRET: 'x'.repeat(40) })).toThrow(
      /DATABASE_URL must be/,
    );
  });
});
