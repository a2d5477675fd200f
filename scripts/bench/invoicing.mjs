// Invoicing suite: issuing sales invoices (3 lines, goods in stock) through the HTTP API,
// beside a bare DuckDB transaction of the same write shape run in this process.
import { Buffer } from 'node:buffer';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { signupOwner, startBackend } from './harness.mjs';

const require = createRequire(import.meta.url);
const DIST = resolve('dist/backend');

const TENANTS = 4;
const CLIENTS = 16; // 4 per tenant
const POOL = 4; // connections, like the server's DuckDB pool
const WARMUP_PER_TENANT = Number(process.env.BENCH_INVOICING_WARMUP ?? 10);
const SEQUENTIAL = Number(process.env.BENCH_INVOICING_SEQUENTIAL ?? 300);
const CONCURRENT = Number(process.env.BENCH_INVOICING_CONCURRENT ?? 1600);
const OPENING_QUANTITY = 1_000_000;
const LINE_QUANTITY = 1;
const TARGET = { ratio: 0.5, p99Ms: 50 };
// BENCH_SQL_TRACE=true: count and time the server's DuckDB statements during the sequential run.
const SQL_TRACE = process.env.BENCH_SQL_TRACE === 'true';
// BENCH_CPU_PROFILE=DIR: write a V8 CPU profile of the server (whole run) into DIR.
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

/** CPU time (user + system, all threads) a process has used so far, in ms; null off Linux. */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

const perIssue = (cpuMs, count) => (cpuMs === null ? null : Number((cpuMs / count).toFixed(1)));

// ---------------------------------------------------------------- measuring

function percentile(sorted, p) {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1));
}

function figures(name, connections, latencies, seconds, failures, cpuMsPerIssue) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    connections,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / seconds),
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
    failures,
    cpuMsPerIssue,
  };
}

/** Splits `items` into `n` interleaved slices. */
function slices(items, n) {
  return Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));
}

/** Runs `work(item)` over `items` with at most `limit` at once. */
async function pooled(items, limit, work) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------- HTTP path

function httpClient(baseUrl, sockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(baseUrl);
  const request = (method, path, headers, body) =>
    new Promise((resolveRequest, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString();
            let json = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            resolveRequest({ status: res.statusCode, body: json, ms });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

async function expectStatus(promise, status, what) {
  const response = await promise;
  if (response.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`,
    );
  }
  return response.body;
}

/** A tenant with 3 goods in stock, a customer and `drafts` draft invoices of 3 lines. */
async function prepareTenant(client, baseUrl, index, drafts, issueDate) {
  const owner = await signupOwner(baseUrl, `owner-${index}-${Date.now()}@bench.test`, 'bench-password-123');
  const headers = { cookie: owner.cookie, 'x-xsrf-token': owner.token };
  const products = [];
  for (let p = 1; p <= 3; p++) {
    products.push(
      await expectStatus(
        client.request('POST', '/api/v1/products', headers, {
          sku: `BENCH-${p}`,
          name: `Bench goods ${p}`,
          unit: 'pcs',
          kind: 'goods',
          salePrice: `${10 * p}.00`,
          purchasePrice: `${6 * p}.00`,
          taxRate: '20',
          reorderLevel: '0',
          openingQuantity: String(OPENING_QUANTITY),
        }),
        201,
        `product ${p} of tenant ${index}`,
      ),
    );
  }
  const customer = await expectStatus(
    client.request('POST', '/api/v1/customers', headers, { name: `Bench customer ${index}`, paymentTermsDays: 14 }),
    201,
    `customer of tenant ${index}`,
  );
  const body = {
    customerId: customer.id,
    issueDate,
    lines: products.map((p) => ({
      productId: p.id,
      quantity: String(LINE_QUANTITY),
      unitPrice: p.salePrice,
      discountPercent: '0',
      taxRate: '20',
    })),
  };
  // Two creators per tenant keep the tenant's write queue busy without starving the others.
  const ids = await pooled(Array.from({ length: drafts }), 2, async (_, i) => {
    const draft = await expectStatus(
      client.request('POST', '/api/v1/sales/invoices', headers, body),
      201,
      `draft ${i} of tenant ${index}`,
    );
    return draft.id;
  });
  return { index, headers, products, drafts: ids, issued: [] };
}

async function issue(client, tenant, draftId) {
  const response = await client.request('POST', `/api/v1/sales/invoices/${draftId}/issue`, tenant.headers, {});
  const number = response.body?.number ?? null;
  const ok = response.status === 200 && response.body?.status === 'issued' && typeof number === 'string';
  tenant.issued.push({ draftId, status: response.status, number, ok });
  return { ...response, ok };
}

/** Numbers of every tenant must be 1..n of one series, its audit chain whole, each product's stock down by every issue. */
async function checkTenants(client, tenants) {
  const problems = [];
  for (const tenant of tenants) {
    const failed = tenant.issued.filter((i) => !i.ok);
    if (failed.length > 0) {
      problems.push(`tenant ${tenant.index}: ${failed.length} issues failed (first: HTTP ${failed[0].status})`);
      continue;
    }
    const parsed = tenant.issued.map((i) => /^(.*?)(\d+)$/.exec(i.number));
    const series = new Set(parsed.map((m) => m?.[1]));
    const values = parsed.map((m) => Number(m?.[2])).sort((a, b) => a - b);
    if (series.size !== 1) problems.push(`tenant ${tenant.index}: numbers from ${series.size} series`);
    const gap = values.findIndex((v, i) => v !== i + 1);
    if (gap !== -1) {
      problems.push(
        `tenant ${tenant.index}: numbers are not 1..${values.length} (position ${gap} holds ${values[gap]})`,
      );
    }
    const audit = await expectStatus(
      client.request('POST', '/api/v1/audit/verify', tenant.headers, {}),
      200,
      `audit chain of tenant ${tenant.index}`,
    );
    if (!audit.ok) problems.push(`tenant ${tenant.index}: audit chain broken: ${audit.reason}`);
    for (const product of tenant.products) {
      const now = await expectStatus(
        client.request('GET', `/api/v1/products/${product.id}`, tenant.headers),
        200,
        `product ${product.sku}`,
      );
      const expected = OPENING_QUANTITY - LINE_QUANTITY * tenant.issued.length;
      if (Number(now.onHand) !== expected) {
        problems.push(`tenant ${tenant.index}: ${product.sku} on hand ${now.onHand}, expected ${expected}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`invoicing bench sanity check failed:\n  ${problems.join('\n  ')}`);
}

async function httpPath(env) {
  const traceFile = join(tmpdir(), `billinator-sql-trace-${process.pid}.json`);
  const nodeArgs = [
    ...(SQL_TRACE ? ['--import', pathToFileURL(resolve('scripts/bench/sql-trace.mjs')).href] : []),
    ...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(CPU_PROFILE_DIR)}`] : []),
  ];
  const backend = await startBackend({ ...env, ...(SQL_TRACE ? { SQL_TRACE_OUT: traceFile } : {}) }, nodeArgs);
  const client = httpClient(backend.baseUrl, CLIENTS);
  try {
    const issueDate = new Date().toISOString().slice(0, 10);
    const perTenant = WARMUP_PER_TENANT + Math.ceil(SEQUENTIAL / TENANTS) + Math.ceil(CONCURRENT / TENANTS);
    const setupStarted = Date.now();
    // The tenants are prepared side by side: sign-up, catalog, customer, then their drafts.
    const tenants = await Promise.all(
      Array.from({ length: TENANTS }, (_, t) => prepareTenant(client, backend.baseUrl, t, perTenant, issueDate)),
    );
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    console.log(`  ${TENANTS} tenants with ${perTenant} drafts each ready in ${setupSeconds.toFixed(1)} s`);
    const queues = tenants.map((t) => [...t.drafts]);

    // Warm-up (not measured): statement caches, JIT.
    for (let i = 0; i < WARMUP_PER_TENANT * TENANTS; i++) {
      const t = i % TENANTS;
      await issue(client, tenants[t], queues[t].shift());
    }

    // A: one client, round robin over the tenants.
    if (SQL_TRACE) {
      process.kill(backend.pid, 'SIGUSR1');
      await new Promise((r) => setTimeout(r, 100));
    }
    const sequential = [];
    let failures = 0;
    let cpu = processCpuMs(backend.pid);
    let started = process.hrtime.bigint();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = i % TENANTS;
      const result = await issue(client, tenants[t], queues[t].shift());
      if (result.ok) sequential.push(result.ms);
      else failures++;
    }
    const a = figures(
      'HTTP: POST /sales/invoices/:id/issue, 1 client',
      1,
      sequential,
      Number(process.hrtime.bigint() - started) / 1e9,
      failures,
      perIssue(cpu === null ? null : processCpuMs(backend.pid) - cpu, SEQUENTIAL),
    );
    const sql = SQL_TRACE ? await readTrace(backend.pid, traceFile, SEQUENTIAL) : undefined;
    console.log(`  ${a.name}: ${a.requestsPerSecond}/s, p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms`);

    // B: 16 clients, 4 per tenant, each with its own drafts.
    const perClient = CONCURRENT / CLIENTS;
    const clientDrafts = tenants.flatMap((tenant, t) =>
      slices(queues[t].splice(0, (CONCURRENT / TENANTS) | 0), CLIENTS / TENANTS).map((drafts) => ({ tenant, drafts })),
    );
    const concurrent = [];
    failures = 0;
    const orderProblems = [];
    cpu = processCpuMs(backend.pid);
    started = process.hrtime.bigint();
    await Promise.all(
      clientDrafts.map(async ({ tenant, drafts }, c) => {
        let last = 0;
        for (const draftId of drafts.slice(0, perClient)) {
          const result = await issue(client, tenant, draftId);
          if (!result.ok) {
            failures++;
            continue;
          }
          concurrent.push(result.ms);
          const value = Number(/(\d+)$/.exec(result.body.number)[1]);
          if (value <= last) orderProblems.push(`client ${c}: ${result.body.number} after number ${last}`);
          last = value;
        }
      }),
    );
    const b = figures(
      `HTTP: POST /sales/invoices/:id/issue, ${CLIENTS} clients over ${TENANTS} tenants`,
      CLIENTS,
      concurrent,
      Number(process.hrtime.bigint() - started) / 1e9,
      failures,
      perIssue(cpu === null ? null : processCpuMs(backend.pid) - cpu, CONCURRENT),
    );
    console.log(`  ${b.name}: ${b.requestsPerSecond}/s, p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms`);
    if (orderProblems.length > 0) throw new Error(`numbers went backwards: ${orderProblems.slice(0, 5).join('; ')}`);
    await checkTenants(client, tenants);
    const issuedPerTenant = tenants.map((t) => t.issued.length);
    console.log(
      `  sanity: every issue 200, numbers 1..n per tenant (${issuedPerTenant.join(', ')}), audit chains whole, stock agrees`,
    );
    return { results: [a, b], setupSeconds, draftsPerTenant: perTenant, issuedPerTenant, sql };
  } finally {
    client.close();
    await backend.stop();
    rmSync(traceFile, { force: true });
  }
}

/** The server's DuckDB statements during the sequential run, per issue. */
async function readTrace(pid, file, issues) {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 100));
  const statements = JSON.parse(readFileSync(file, 'utf8'));
  const total = (key) => statements.reduce((sum, s) => sum + s[key], 0);
  const trace = {
    statementsPerIssue: Number((total('count') / issues).toFixed(1)),
    duckdbMsPerIssue: Number((total('ms') / issues).toFixed(1)),
    statements: statements.map((s) => ({
      sql: s.sql,
      perIssue: Number((s.count / issues).toFixed(2)),
      msEach: Number((s.ms / s.count).toFixed(2)),
    })),
  };
  console.log(`  SQL per issue: ${trace.statementsPerIssue} statements, ${trace.duckdbMsPerIssue} ms in DuckDB`);
  return trace;
}

// ---------------------------------------------------------------- bare DuckDB

const SQL = {
  header: `INSERT INTO documents (id, tenant_id, kind, number, status, party_id, supplier_bill_number, related_id,
      issue_date, due_date, notes, reason, subtotal, discount_total, tax_total, total, amount_paid, amount_credited,
      balance, issued_at, voided_at, void_reason, created_at, updated_at, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS DATE), CAST($10 AS DATE), $11, $12, $13, $14, $15, $16, $17,
      $18, $19, CAST($20 AS TIMESTAMPTZ), CAST($21 AS TIMESTAMPTZ), $22, CAST($23 AS TIMESTAMPTZ),
      CAST($24 AS TIMESTAMPTZ), $25)`,
  lines: `INSERT INTO document_lines (id, tenant_id, document_id, line_no, product_id, description, quantity, unit_price,
      discount_percent, tax_rate, gross, discount, taxable, tax, total, unit_cost, invoice_line_id)
    VALUES ${[0, 1, 2].map((i) => `(${Array.from({ length: 17 }, (_, c) => `$${i * 17 + c + 1}`).join(', ')})`).join(', ')}`,
  stock: `INSERT INTO stock_transactions (id, tenant_id, product_id, seq, kind, quantity, unit_cost, avg_cost_after,
      reason, ref_type, ref_id, occurred_at, actor_id)
    VALUES ${[0, 1, 2]
      .map(
        (i) =>
          `(${Array.from({ length: 13 }, (_, c) => (c === 11 ? `CAST($${i * 13 + c + 1} AS TIMESTAMPTZ)` : `$${i * 13 + c + 1}`)).join(', ')})`,
      )
      .join(', ')}`,
  audit: `INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_id, actor_email, ip, request_id, action,
      entity_type, entity_id, before_json, after_json, prev_hash, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
  head: 'UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1',
};

function canonicalJson(value) {
  const sort = (v) =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => v[k] !== undefined)
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

/** In-memory state of a bare tenant: its counters and the head of its audit chain. */
function bareTenant(i) {
  return {
    id: randomUUID(),
    userId: randomUUID(),
    partyId: randomUUID(),
    products: [randomUUID(), randomUUID(), randomUUID()],
    invoice: 0,
    stockSeq: 3,
    audit: { seq: 0, hash: '0'.repeat(64) },
    index: i,
  };
}

/** One issue, as the bare minimum of writes: header, 3 lines, 3 ledger rows, audit row, audit head. */
async function bareIssue(connection, statements, tenant) {
  const now = new Date().toISOString();
  const date = now.slice(0, 10);
  const docId = randomUUID();
  const number = `INV-${date.slice(0, 4)}-${String(tenant.invoice + 1).padStart(6, '0')}`;
  const lineParams = [];
  const stockParams = [];
  tenant.products.forEach((productId, i) => {
    const price = `${10 * (i + 1)}.0000`;
    const net = `${10 * (i + 1)}.00`;
    const tax = `${2 * (i + 1)}.00`;
    const total = `${12 * (i + 1)}.00`;
    const cost = `${6 * (i + 1)}.0000`;
    lineParams.push(randomUUID(), tenant.id, docId, i + 1, productId, null, '1.000', price, '0.00', '20.00', net);
    lineParams.push('0.00', net, tax, total, cost, null);
    stockParams.push(randomUUID(), tenant.id, productId, tenant.stockSeq + i + 1, 'sale', '-1.000', cost, cost);
    stockParams.push(null, 'sales_invoice', docId, now, tenant.userId);
  });
  const audit = {
    tenantId: tenant.id,
    seq: tenant.audit.seq + 1,
    at: now,
    actorId: tenant.userId,
    actorEmail: `owner-${tenant.index}@bench.test`,
    ip: '127.0.0.1',
    requestId: randomUUID(),
    action: 'sales_invoice.issued',
    entityType: 'sales_invoice',
    entityId: docId,
    before: { status: 'draft', number: null, version: 1 },
    after: { status: 'issued', number, total: '72.00', goodsCost: '36.00' },
    prevHash: tenant.audit.hash,
  };
  const hash = createHash('sha256')
    .update(`${audit.prevHash}\n${canonicalJson(audit)}`)
    .digest('hex');
  const run = async (statement, params) => {
    statement.clearBindings();
    statement.bind(params);
    await statement.run();
  };
  await connection.run('BEGIN TRANSACTION');
  try {
    await run(statements.header, [
      docId,
      tenant.id,
      'sales_invoice',
      number,
      'issued',
      tenant.partyId,
      null,
      null,
      date,
      date,
      null,
      null,
      '60.00',
      '0.00',
      '12.00',
      '72.00',
      '0.00',
      '0.00',
      '72.00',
      now,
      null,
      null,
      now,
      now,
      2,
    ]);
    await run(statements.lines, lineParams);
    await run(statements.stock, stockParams);
    await run(statements.audit, [
      audit.tenantId,
      audit.seq,
      audit.at,
      audit.actorId,
      audit.actorEmail,
      audit.ip,
      audit.requestId,
      audit.action,
      audit.entityType,
      audit.entityId,
      canonicalJson(audit.before),
      canonicalJson(audit.after),
      audit.prevHash,
      hash,
    ]);
    await run(statements.head, [tenant.id, audit.seq, hash]);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // Committed: the tenant's counters move on.
  tenant.invoice++;
  tenant.stockSeq += 3;
  tenant.audit = { seq: audit.seq, hash };
}

function cpuMsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

async function bareBaseline() {
  const dir = mkdtempSync(join(tmpdir(), 'billinator-bench-bare-'));
  const instance = await DuckDBInstance.create(join(dir, 'bare.duckdb'));
  const connections = [];
  try {
    const { MIGRATIONS } = require(join(DIST, 'backend/src/database/migrations/index.js'));
    const setup = await instance.connect();
    for (const m of MIGRATIONS) await setup.run(m.engines?.duckdb ?? m.sql);
    const tenants = Array.from({ length: TENANTS }, (_, i) => bareTenant(i));
    for (const t of tenants) {
      await setup.run(`INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ('${t.id}', 0, '${'0'.repeat(64)}')`);
    }
    setup.closeSync();
    for (let i = 0; i < POOL; i++) {
      const connection = await instance.connect();
      const statements = {};
      for (const [k, sql] of Object.entries(SQL)) statements[k] = await connection.prepare(sql);
      connections.push({ connection, statements });
    }
    let conflicts = 0;
    const attempt = async (c, tenant) => {
      for (let tries = 1; ; tries++) {
        try {
          return await bareIssue(c.connection, c.statements, tenant);
        } catch (error) {
          if (!/conflict/i.test(String(error?.message)) || tries >= 3) throw error;
          conflicts++;
        }
      }
    };

    // Warm-up, then A: one connection, round robin over the tenants.
    for (let i = 0; i < WARMUP_PER_TENANT * TENANTS; i++) await attempt(connections[0], tenants[i % TENANTS]);
    const sequential = [];
    let cpu = process.cpuUsage();
    let started = process.hrtime.bigint();
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t0 = process.hrtime.bigint();
      await attempt(connections[0], tenants[i % TENANTS]);
      sequential.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const a = figures(
      'bare DuckDB transaction (7 prepared statements), 1 connection',
      1,
      sequential,
      Number(process.hrtime.bigint() - started) / 1e9,
      0,
      perIssue(cpuMsSince(cpu), SEQUENTIAL),
    );
    console.log(`  ${a.name}: ${a.requestsPerSecond}/s, p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms`);

    // B: 16 workers, 4 per tenant, a per-tenant queue, a pool of 4 connections.
    const idle = [...connections];
    const waiters = [];
    const acquire = () => (idle.length > 0 ? Promise.resolve(idle.pop()) : new Promise((r) => waiters.push(r)));
    const release = (c) => (waiters.length > 0 ? waiters.shift()(c) : idle.push(c));
    const tails = new Map();
    const serialised = (key, work) => {
      const run = (tails.get(key) ?? Promise.resolve()).then(work);
      tails.set(
        key,
        run.catch(() => undefined),
      );
      return run;
    };
    const concurrent = [];
    let failures = 0;
    cpu = process.cpuUsage();
    started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, w) => {
        const tenant = tenants[w % TENANTS];
        for (let i = 0; i < CONCURRENT / CLIENTS; i++) {
          const t0 = process.hrtime.bigint();
          try {
            await serialised(tenant.id, async () => {
              const c = await acquire();
              try {
                await attempt(c, tenant);
              } finally {
                release(c);
              }
            });
            concurrent.push(Number(process.hrtime.bigint() - t0) / 1e6);
          } catch (error) {
            failures++;
            if (failures === 1) console.error(`  bare transaction failed: ${error?.message}`);
          }
        }
      }),
    );
    const b = figures(
      `bare DuckDB transaction, ${CLIENTS} workers over ${TENANTS} tenants (${POOL} connections)`,
      CLIENTS,
      concurrent,
      Number(process.hrtime.bigint() - started) / 1e9,
      failures,
      perIssue(cpuMsSince(cpu), CONCURRENT),
    );
    console.log(`  ${b.name}: ${b.requestsPerSecond}/s, p50 ${b.latencyMs.p50} ms, p99 ${b.latencyMs.p99} ms`);
    if (failures > 0) throw new Error(`${failures} bare transactions failed`);
    return { results: [a, b], conflicts };
  } finally {
    for (const c of connections) {
      for (const s of Object.values(c.statements ?? {})) s.destroySync();
      c.connection.closeSync();
    }
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- suite

export async function invoicingSuite(env = {}) {
  const loadBefore = loadavg()[0];
  console.log('  HTTP path (built server, fresh DuckDB file)');
  const viaHttp = await httpPath(env);
  console.log('  bare DuckDB transaction in this process (fresh DuckDB file)');
  const bare = await bareBaseline();
  const loadAverage = { before: Number(loadBefore.toFixed(1)), after: Number(loadavg()[0].toFixed(1)) };
  const [httpSeq, httpConc] = viaHttp.results;
  const [bareSeq, bareConc] = bare.results;
  const ratio = (h, b) => Number((h.requestsPerSecond / b.requestsPerSecond).toFixed(2));
  const ratios = { sequential: ratio(httpSeq, bareSeq), concurrent: ratio(httpConc, bareConc) };
  const checks = {
    sequentialRatio: ratios.sequential >= TARGET.ratio,
    concurrentRatio: ratios.concurrent >= TARGET.ratio,
    p99At16: httpConc.latencyMs.p99 < TARGET.p99Ms,
  };
  const met = checks.sequentialRatio && checks.concurrentRatio && checks.p99At16;
  const yesNo = (ok) => (ok ? 'yes' : 'no');
  const notes = [
    `Ratio HTTP / bare throughput: ${ratios.sequential} sequential, ${ratios.concurrent} with ${CLIENTS} clients.`,
    '',
    `Target (the HTTP path reaches at least half of the bare transaction's throughput, p99 under ${TARGET.p99Ms} ms at ${CLIENTS} clients): **${met ? 'met' : 'not met'}**` +
      ` — sequential ratio ≥ ${TARGET.ratio}: ${yesNo(checks.sequentialRatio)}; ${CLIENTS}-client ratio ≥ ${TARGET.ratio}: ${yesNo(checks.concurrentRatio)};` +
      ` p99 at ${CLIENTS} clients ${httpConc.latencyMs.p99} ms < ${TARGET.p99Ms} ms: ${yesNo(checks.p99At16)}.`,
    '',
    `With ${CLIENTS} clients in a closed loop the mean latency is ${CLIENTS} / throughput, so p99 under ${TARGET.p99Ms} ms needs` +
      ` more than ${(CLIENTS * 1000) / TARGET.p99Ms} issues/s; the bare transaction reached ${bareConc.requestsPerSecond}/s` +
      ` (p99 ${bareConc.latencyMs.p99} ms) on this machine.`,
    '',
    `CPU per issue: server ${httpSeq.cpuMsPerIssue} ms (1 client), ${httpConc.cpuMsPerIssue} ms (${CLIENTS} clients);` +
      ` bare transaction ${bareSeq.cpuMsPerIssue} ms / ${bareConc.cpuMsPerIssue} ms (bench process, DuckDB threads included).`,
    ...(viaHttp.sql
      ? [
          '',
          `SQL on the HTTP path (BENCH_SQL_TRACE=true, sequential run): ${viaHttp.sql.statementsPerIssue} statements and` +
            ` ${viaHttp.sql.duckdbMsPerIssue} ms in DuckDB per issue.`,
        ]
      : []),
    '',
    `Each tenant had 3 goods (opening stock ${OPENING_QUANTITY.toLocaleString('en')}) and ${viaHttp.draftsPerTenant} drafts of 3 lines,` +
      ` created beforehand in ${viaHttp.setupSeconds.toFixed(1)} s (not measured); ${WARMUP_PER_TENANT} issues per tenant warmed up first.` +
      ` Issued per tenant: ${viaHttp.issuedPerTenant.join(', ')}, all 200, numbered 1..n without gaps, audit chains verified, stock down by exactly that.` +
      ` Bare write conflicts retried: ${bare.conflicts}.` +
      ` Load average (1 min) ${loadAverage.before} before the suite, ${loadAverage.after} after it.`,
  ];
  return {
    rateLabel: 'issues/s',
    results: [httpSeq, httpConc, bareSeq, bareConc],
    ratios,
    target: { ...TARGET, checks, met },
    setupSeconds: viaHttp.setupSeconds,
    draftsPerTenant: viaHttp.draftsPerTenant,
    issuedPerTenant: viaHttp.issuedPerTenant,
    bareConflicts: bare.conflicts,
    loadAverage,
    ...(viaHttp.sql ? { sql: viaHttp.sql } : {}),
    notes: notes.join('\n'),
  };
}
