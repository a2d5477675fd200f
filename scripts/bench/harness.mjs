import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the built backend on a fresh DuckDB file (`nodeArgs` go before the script). */
export async function startBackend(env = {}, nodeArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'billinator-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, 'dist/backend/backend/src/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      COOKIE_SECURE: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `duckdb:${join(dir, 'bench.duckdb')}`,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000000',
      API_RATE_LIMIT_PER_MINUTE: '100000000',
      BODY_LIMIT_BYTES: '104857600',
      SHUTDOWN_GRACE_MS: '0',
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/health/ready`);
  return {
    baseUrl,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBare() {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/bench/bare-server.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port) },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/bare`);
  return { baseUrl, stop: () => child.kill('SIGTERM') };
}

/** Signs a business up and answers the cookie header and CSRF token of its owner. */
export async function signupOwner(baseUrl, email, password) {
  const csrfResponse = await fetch(`${baseUrl}/api/v1/auth/csrf`);
  const csrf = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('XSRF-TOKEN='));
  const token = csrf.slice('XSRF-TOKEN='.length);
  const response = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrf, 'x-xsrf-token': token },
    body: JSON.stringify({ tenantName: 'Bench Business', name: 'Bench Owner', email, password }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status}`);
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.startsWith('XSRF-TOKEN='));
  return { cookie: [csrf, ...session].join('; '), token };
}

/** Runs autocannon and keeps the figures that matter. */
export async function load(name, options) {
  const result = await autocannon({ duration: 8, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    name,
    connections: options.connections,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    total: result.requests.total,
    failures: non2xx,
  };
}
