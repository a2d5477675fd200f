// Reports suite: every report route and the dashboard on a tenant with a generated history
// (BENCH_REPORTS_INVOICES sales invoices, ~5 lines each, over 24 months) beside a smaller
// tenant (BENCH_REPORTS_SMALL_INVOICES). The history comes from `seed:demo` (the services'
// batch paths) and is cached under .bench-cache/, keyed by both sizes; each run serves a copy.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { startBackend } from './harness.mjs';

const INVOICES = Number(process.env.BENCH_REPORTS_INVOICES ?? 200_000);
const SMALL = Number(process.env.BENCH_REPORTS_SMALL_INVOICES ?? 5_000);
const REQUESTS = Number(process.env.BENCH_REPORTS_REQUESTS ?? 30);
const WARMUP = 2;
const CONCURRENT_CLIENTS = 4;
const TARGET_P95_MS = 200;
const OWNER = { email: 'owner@history-1.billinator.test', password: 'demo-pass-2026' };

function percentile(sorted, p) {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1));
}

/** Runs seed:demo's entry (the backend is built) and answers its output. */
function seed(database, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['dist/backend/backend/src/demo/seed-demo.js', ...args, '--database', `duckdb:${database}`],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' } },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.once('exit', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`seed:demo exited ${code}`))));
  });
}

/** The cached database for these sizes, generated when missing. */
async function history() {
  const dir = resolve(`.bench-cache/reports-${INVOICES}-${SMALL}`);
  const file = join(dir, 'billinator.duckdb');
  const meta = join(dir, 'generation.json');
  if (existsSync(file) && existsSync(meta)) return { file, generation: JSON.parse(readFileSync(meta, 'utf8')) };
  const work = `${dir}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  const big = await seed(join(work, 'billinator.duckdb'), ['--invoices', String(INVOICES)]);
  const bigSeconds = (Date.now() - started) / 1000;
  await seed(join(work, 'billinator.duckdb'), ['--invoices', String(SMALL), '--first-tenant', '2']);
  const lines = Number(/\((\d+) lines/.exec(big)?.[1] ?? 0);
  const generation = {
    invoices: INVOICES,
    lines,
    smallTenantInvoices: SMALL,
    seconds: Number(bigSeconds.toFixed(1)),
    invoicesPerSecond: Math.round(INVOICES / bigSeconds),
    totalSeconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  writeFileSync(join(work, 'generation.json'), JSON.stringify(generation, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  return { file, generation };
}

async function signIn(baseUrl) {
  const csrf = (await fetch(`${baseUrl}/api/v1/auth/csrf`)).headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('XSRF-TOKEN='));
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrf, 'x-xsrf-token': csrf.slice(11) },
    body: JSON.stringify(OWNER),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.startsWith('XSRF-TOKEN='));
  return [csrf, ...session].join('; ');
}

export async function reportsSuite() {
  const { file, generation } = await history();
  const copyDir = mkdtempSync(join(tmpdir(), 'billinator-reports-'));
  const copy = join(copyDir, 'billinator.duckdb');
  copyFileSync(file, copy);
  const server = await startBackend({ DATABASE_URL: `duckdb:${copy}` });
  try {
    const cookie = await signIn(server.baseUrl);
    const get = async (path) => {
      const response = await fetch(`${server.baseUrl}/api/v1/${path}`, { headers: { cookie } });
      const body = await response.json();
      return { status: response.status, body };
    };
    const to = new Date().toISOString().slice(0, 10);
    const fromDate = new Date();
    fromDate.setUTCMonth(fromDate.getUTCMonth() - 24);
    const range = `from=${fromDate.toISOString().slice(0, 10)}&to=${to}`;
    const topCustomer = (await get(`reports/sales?groupBy=customer&${range}`)).body.rows[0].customerId;
    const supplier = (await get('suppliers?limit=1')).body.items[0].id;
    const routes = [
      ...['day', 'week', 'month', 'customer', 'product'].map((g) => `reports/sales?groupBy=${g}&${range}`),
      ...['month', 'customer', 'product'].map((g) => `reports/gross-profit?groupBy=${g}&${range}`),
      ...['month', 'quarter', 'year'].map((p) => `reports/tax-summary?period=${p}&${range}`),
      'reports/receivables-aging',
      'reports/payables-aging',
      `reports/customer-statement?customerId=${topCustomer}&${range}`,
      `reports/supplier-statement?supplierId=${supplier}&${range}`,
      'reports/stock-valuation',
      `reports/sales?groupBy=month`,
      'dashboard',
    ];
    const results = [];
    const loadBefore = loadavg()[0];
    for (const route of routes) {
      let failures = 0;
      const latencies = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const started = performance.now();
        const response = await fetch(`${server.baseUrl}/api/v1/${route}`, { headers: { cookie } });
        await response.arrayBuffer();
        const ms = performance.now() - started;
        if (response.status !== 200) failures++;
        if (i >= WARMUP) latencies.push(ms);
      }
      const sorted = latencies.sort((a, b) => a - b);
      const name = route.replace(/[?&](from|to)=[0-9-]+/g, '').replace(/(customerId|supplierId)=[0-9a-f-]+/, '$1=…');
      const result = {
        name: `GET ${name}${route.startsWith('reports/') && !route.includes('from=') && route.includes('groupBy') ? ' (current year)' : ''}`,
        connections: 1,
        requestsPerSecond: Math.round(1000 / (sorted.reduce((a, b) => a + b, 0) / sorted.length)),
        latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
        failures,
      };
      console.log(`${result.name}: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms`);
      results.push(result);
    }
    // Several back-office users at once: 4 closed-loop clients on the dashboard and the heaviest reports.
    for (const route of [
      'dashboard',
      `reports/gross-profit?groupBy=customer&${range}`,
      `reports/sales?groupBy=product&${range}`,
    ]) {
      let failures = 0;
      const latencies = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENT_CLIENTS }, async () => {
          for (let i = 0; i < REQUESTS; i++) {
            const t = performance.now();
            const response = await fetch(`${server.baseUrl}/api/v1/${route}`, { headers: { cookie } });
            await response.arrayBuffer();
            if (response.status !== 200) failures++;
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const sorted = latencies.sort((a, b) => a - b);
      const name = route.replace(/[?&](from|to)=[0-9-]+/g, '');
      const result = {
        name: `GET ${name}`,
        connections: CONCURRENT_CLIENTS,
        requestsPerSecond: Math.round(latencies.length / seconds),
        latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
        failures,
      };
      console.log(
        `${result.name} × ${CONCURRENT_CLIENTS}: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms`,
      );
      results.push(result);
    }
    const slow = results.filter((r) => r.connections === 1 && (r.latencyMs.p95 >= TARGET_P95_MS || r.failures > 0));
    const notes = [
      `Tenant: ${generation.invoices} sales invoices (${generation.lines} lines) over 24 months with bills, credit notes and`,
      `payments, generated by \`npm run seed:demo\` in ${generation.seconds} s (${generation.invoicesPerSecond} invoices/s),`,
      `beside a second tenant of ${generation.smallTenantInvoices} invoices. ${REQUESTS} sequential requests per route after`,
      `${WARMUP} warm-up requests; periods are the last 24 months unless the route shows none. The rows with`,
      `${CONCURRENT_CLIENTS} connections are ${CONCURRENT_CLIENTS} clients at once, ${REQUESTS} requests each (the target is per request with one).`,
      `Load average (1 min) ${loadBefore.toFixed(1)} before the routes, ${loadavg()[0].toFixed(1)} after them.`,
      `Target p95 < ${TARGET_P95_MS} ms: ${slow.length === 0 ? 'met by every route' : `missed by ${slow.map((r) => r.name).join(', ')}`}.`,
    ].join('\n');
    return { results, generation, targetP95Ms: TARGET_P95_MS, notes };
  } finally {
    await server.stop();
    rmSync(copyDir, { recursive: true, force: true });
  }
}
