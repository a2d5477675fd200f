import type { ListResponse, User } from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { removeDir, startServer, tempDataDir } from '../support/server';

describe('graceful shutdown', () => {
  it('stops cleanly under load on SIGTERM and keeps every committed row', async () => {
    const dataDir = tempDataDir();
    const server = await startServer({ SHUTDOWN_GRACE_MS: '300', LOG_LEVEL: 'info' }, dataDir);
    const { client: owner, email } = await signup(server.baseUrl);

    // Keep creating users until the server stops answering; remember what it confirmed.
    const confirmed: string[] = [];
    let stopped = false;
    const writer = async (worker: number) => {
      for (let i = 0; !stopped && i < 400; i++) {
        const userEmail = uniqueEmail(`w${worker}`);
        try {
          const response = await owner.post('/api/v1/users', {
            email: userEmail,
            name: `Worker ${worker}`,
            role: 'sales',
            password: PASSWORD,
          });
          if (response.status === 201) confirmed.push(userEmail);
          else if (response.status === 503) stopped = true; // closing: no new work accepted
        } catch {
          stopped = true; // connection refused: the server is gone
        }
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    await new Promise((r) => setTimeout(r, 400));
    const readiness = fetch(`${server.baseUrl}/health/ready`);
    const signalledAt = Date.now();
    const exitCode = await server.stop('SIGTERM');
    const stopMs = Date.now() - signalledAt;
    stopped = true;
    await Promise.all(writers);
    expect(exitCode).toBe(0);
    expect(server.output()).toContain('stopped cleanly');
    expect(stopMs).toBeLessThan(10_000);
    expect(confirmed.length).toBeGreaterThan(0);
    await readiness.catch(() => undefined);

    const restarted = await startServer({}, dataDir);
    try {
      const client = new ApiClient(restarted.baseUrl);
      expect((await client.post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(200);
      const users = await client.get<ListResponse<User>>('/api/v1/users?limit=500');
      const stored = new Set(users.body.items.map((u) => u.email));
      for (const e of confirmed) expect(stored.has(e)).toBe(true);
      const verify = await client.post<{ ok: boolean }>('/api/v1/audit/verify');
      expect(verify.body.ok).toBe(true);
    } finally {
      await restarted.stop();
      removeDir(dataDir);
    }
  });

  it('reports not ready while draining', async () => {
    const server = await startServer({ SHUTDOWN_GRACE_MS: '1500' });
    try {
      expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
      server.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const draining = await fetch(`${server.baseUrl}/health/ready`);
      expect(draining.status).toBe(503);
      const body = (await draining.json()) as { error: Record<string, unknown> };
      expect(body.error).toHaveProperty('shutdown');
      expect((await fetch(`${server.baseUrl}/health/live`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
      removeDir(server.dataDir);
    }
  });
});

describe('sign-in throttling per IP', () => {
  it('answers 429 once the per-minute limit is spent', async () => {
    const server = await startServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await new ApiClient(server.baseUrl).post('/api/v1/auth/login', {
              email: 'nobody@example.test',
              password: 'whatever-pass',
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // other routes are not affected by the sign-in limit
      expect((await new ApiClient(server.baseUrl).get('/api/v1/auth/me')).status).toBe(401);
    } finally {
      await server.stop();
      removeDir(server.dataDir);
    }
  });
});

describe('sign-in throttling across replicas', () => {
  it('shares the per-IP counter through Redis', async () => {
    const database = 1 + Math.floor(Math.random() * 15);
    const redisUrl = `redis://127.0.0.1:6379/${database}`;
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    const one = await startServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: redisUrl });
    const two = await startServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: redisUrl });
    try {
      const attempt = (server: typeof one) =>
        new ApiClient(server.baseUrl).post('/api/v1/auth/login', {
          email: 'nobody@example.test',
          password: 'whatever-pass',
        });
      const statuses = [
        (await attempt(one)).status,
        (await attempt(two)).status,
        (await attempt(one)).status,
        (await attempt(two)).status,
      ];
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      removeDir(one.dataDir);
      removeDir(two.dataDir);
      await redis.flushdb();
      redis.disconnect();
    }
  });
});

describe('logging', () => {
  it('writes JSON logs with request id, tenant and user to LOG_FILE, without secrets', async () => {
    const dataDir = tempDataDir();
    const server = await startServer({ LOG_LEVEL: 'info', LOG_FILE: join(dataDir, 'logs', 'billinator.log') }, dataDir);
    try {
      const { client, user } = await signup(server.baseUrl);
      const me = await client.request('GET', '/api/v1/auth/me', undefined, {
        headers: { 'x-request-id': 'trace-me-12345' },
      });
      expect(me.headers.get('x-request-id')).toBe('trace-me-12345');
      await new Promise((r) => setTimeout(r, 1500)); // the log transport writes from a worker thread
      const files = readdirSync(join(dataDir, 'logs'));
      const text = files.map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8')).join('');
      const line = text.split('\n').find((l) => l.includes('trace-me-12345'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({
        req: { id: 'trace-me-12345', url: '/api/v1/auth/me' },
        tenantId: user.tenant.id,
        userId: user.id,
      });
      expect(text).not.toContain(client.cookies.get('bn_access')!);
      expect(text).not.toContain(PASSWORD);
    } finally {
      await server.stop();
      removeDir(dataDir);
    }
  });
});

describe('configuration', () => {
  it('refuses to start with invalid settings and says why', async () => {
    const failure = startServer({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    await expect(failure).rejects.toThrow(/PORT must be an integer from 0 to 65535 \(got "eighty"\)/);
    await expect(failure).rejects.toThrow(/LOG_LEVEL must be one of/);
    await expect(startServer({ NODE_ENV: 'production', JWT_SECRET: '' })).rejects.toThrow(/JWT_SECRET is required/);
  });
});
