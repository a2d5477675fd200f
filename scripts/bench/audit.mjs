// Audit suite: paging and filtering a trail of 5,000,000 records of one tenant (beside a
// second tenant's 500,000, interleaved) through GET /api/v1/audit/events on DuckDB.
//
// The records are made with bulk SQL straight into the DuckDB file while the server is
// stopped (a read benchmark: their hashes are made up and the chain does not verify):
// sign up through the API, stop, fill, start again on the same file, measure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { signupOwner, startBackend } from './harness.mjs';
import { measure } from './latency.mjs';

const RECORDS = Number(process.env.BENCH_AUDIT_RECORDS ?? 5_000_000);
/** Every 11th row of the table belongs to the other tenant. */
const OTHER_EVERY = 11;
const SECONDS_APART = 12; // 5,000,000 records ≈ 694 days up to now
const TARGET_P95_MS = 100;
const PASSWORD = 'bench-password-123';
const ENTITIES = 200_000;
const ACTORS = 25;
const ACTIONS = [
  'sales_invoice.created',
  'sales_invoice.updated',
  'sales_invoice.issued',
  'sales_invoice.voided',
  'payment.recorded',
  'payment.allocated',
  'product.created',
  'product.updated',
  'customer.created',
  'customer.updated',
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'purchase_invoice.created',
  'purchase_invoice.posted',
  'stock.adjusted',
  'quote.sent',
  'opportunity.moved',
  'user.created',
  'settings.changed',
];
const OTHER_TENANT = '9d7c1e34-0c61-4a0e-8e55-52b0a4f3c7aa';

/** md5 hex → UUID text, in SQL. */
const uuid = (md5) =>
  `substr(${md5}, 1, 8) || '-' || substr(${md5}, 9, 4) || '-' || substr(${md5}, 13, 4) || '-' || substr(${md5}, 17, 4) || '-' || substr(${md5}, 21, 12)`;

async function login(baseUrl, email) {
  const csrfResponse = await fetch(`${baseUrl}/api/v1/auth/csrf`);
  const csrf = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('XSRF-TOKEN='));
  const token = csrf.slice('XSRF-TOKEN='.length);
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrf, 'x-xsrf-token': token },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => !c.startsWith('XSRF-TOKEN='));
  return { cookie: [csrf, ...session].join('; '), token };
}

/**
 * Fills the trail: the tenant's own records (from sign-up) move to the end of its chain, and
 * RECORDS older ones (seq 1..RECORDS, one every 12 s up to now) go in front, interleaved with
 * the other tenant's; then both chain heads are set.
 */
async function fill(file, tenantId, ownerId, ownerEmail) {
  const instance = await DuckDBInstance.create(file);
  const db = await instance.connect();
  const started = Date.now();
  const rows = Math.round(RECORDS * (1 + 1 / (OTHER_EVERY - 1)));
  const end = Date.now() - 60_000;
  const actions = `[${ACTIONS.map((a) => `'${a}'`).join(', ')}]`;
  // Separate statements, each its own transaction: DuckDB may refuse to insert a key that an
  // update moved away within the same transaction.
  await db.run(`UPDATE audit_log SET seq = seq + ${RECORDS} WHERE tenant_id = '${tenantId}'`);
  await db.run(`
    INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_id, actor_email, ip, request_id, action, entity_type,
                           entity_id, before_json, after_json, prev_hash, hash)
    WITH g AS (
      SELECT i, i % ${OTHER_EVERY} = ${OTHER_EVERY - 1} AS other, hash(i) AS r FROM range(${rows}) t(i)
    ), n AS (
      SELECT *,
        CASE WHEN other THEN '${OTHER_TENANT}' ELSE '${tenantId}' END AS t,
        CASE WHEN other THEN i // ${OTHER_EVERY} + 1 ELSE i - i // ${OTHER_EVERY} + 1 END AS s,
        ${actions}[1 + (r % ${ACTIONS.length})::INTEGER] AS act,
        (r // 7) % ${ACTORS} AS actor
      FROM g
    )
    SELECT t, s,
      strftime(make_timestamp(${end * 1000}::BIGINT - (${rows} - i) * ${SECONDS_APART * 1_000_000}::BIGINT), '%Y-%m-%dT%H:%M:%S.%gZ'),
      CASE WHEN actor = 0 THEN '${ownerId}' ELSE ${uuid("md5('actor' || actor)")} END,
      CASE WHEN actor = 0 THEN '${ownerEmail}' ELSE 'clerk' || actor || '@bench.test' END,
      '10.0.' || (r % 200) || '.' || (r % 250),
      ${uuid("md5('req' || i)")},
      act, split_part(act, '.', 1),
      ${uuid(`md5(split_part(act, '.', 1) || ((r // 13) % ${ENTITIES}))`)},
      '{"name":"Item ' || (r % 1000) || '","status":"draft","total":"' || (r % 100000) || '.00","version":' || (r % 7) || '}',
      '{"name":"Item ' || (r % 1000) || '","status":"issued","total":"' || (r % 100000) || '.00","version":' || (r % 7 + 1) || '}',
      sha256(t || (s - 1)), sha256(t || s)
    FROM n`);
  const [head] = (
    await db.runAndReadAll(
      `SELECT max(seq) AS seq, arg_max(hash, seq) AS hash FROM audit_log WHERE tenant_id = '${tenantId}'`,
    )
  ).getRowObjects();
  await db.run(`UPDATE audit_heads SET seq = ${head.seq}, hash = '${head.hash}' WHERE tenant_id = '${tenantId}'`);
  await db.run(
    `INSERT INTO audit_heads SELECT tenant_id, max(seq), arg_max(hash, seq) FROM audit_log WHERE tenant_id = '${OTHER_TENANT}' GROUP BY tenant_id`,
  );
  await db.run('CHECKPOINT');
  // A few real entities (≈ 25 records each) and a month to filter by.
  const entities = (
    await db.runAndReadAll(
      `SELECT entity_type, entity_id FROM audit_log WHERE tenant_id = '${tenantId}' AND seq IN (1000, 1500000, 3000000, 4500000, 4999000)`,
    )
  ).getRowObjects();
  db.closeSync();
  instance.closeSync();
  return { seconds: (Date.now() - started) / 1000, head: Number(head.seq), entities };
}

function rssMiB(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** YYYY-MM-DD of the first and last day of the month `monthsBack` before now. */
function month(monthsBack) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack + 1, 0));
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
}

/**
 * BENCH_AUDIT_DIR=/some/dir keeps the filled file there and reuses it on the next run (to
 * iterate on the server without filling again); by default a temporary folder is removed.
 */
export async function auditSuite() {
  const kept = process.env.BENCH_AUDIT_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'billinator-bench-audit-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'audit.duckdb');
  const sidecar = join(dir, 'audit.json');
  const env = { DATABASE_URL: `duckdb:${file}`, ACCESS_TOKEN_TTL_SECONDS: '7200' };
  try {
    let setup = kept && existsSync(sidecar) ? JSON.parse(readFileSync(sidecar, 'utf8')) : null;
    if (setup?.records !== RECORDS) {
      rmSync(file, { force: true });
      rmSync(`${file}.wal`, { force: true });
      const email = `owner-${Date.now()}@bench.test`;
      const backend = await startBackend(env);
      let me;
      try {
        const owner = await signupOwner(backend.baseUrl, email, PASSWORD);
        me = await (await fetch(`${backend.baseUrl}/api/v1/auth/me`, { headers: { cookie: owner.cookie } })).json();
      } finally {
        await backend.stop();
      }
      const tenantId = me.tenant?.id ?? me.tenantId;
      console.log(`filling ${RECORDS.toLocaleString('en')} audit records of tenant ${tenantId} …`);
      const filled = await fill(file, tenantId, me.id, email);
      setup = { records: RECORDS, email, ownerId: me.id, ...filled };
      writeFileSync(sidecar, JSON.stringify(setup));
    }
    const filled = setup;
    const me = { id: setup.ownerId };
    const email = setup.email;
    const fileMiB = Math.round(statSync(file).size / 2 ** 20);
    console.log(`filled in ${filled.seconds.toFixed(0)} s (${fileMiB} MiB); starting the server on it`);

    const startedAt = Date.now();
    const backend = await startBackend(env);
    const startSeconds = (Date.now() - startedAt) / 1000;
    try {
      const owner = await login(backend.baseUrl, email);
      const headers = { cookie: owner.cookie };
      const events = '/api/v1/audit/events?limit=25';
      const check = await (await fetch(`${backend.baseUrl}${events}`, { headers })).json();
      if (check.total < filled.head) throw new Error(`expected ${filled.head} records, the API says ${check.total}`);
      // The first filtered request after a start reads the whole trail once (the block summary).
      const firstFiltered = Date.now();
      await (await fetch(`${backend.baseUrl}${events}&action=auth.login`, { headers })).json();
      const summarySeconds = (Date.now() - firstFiltered) / 1000;
      const months = [1, 4, 7, 10, 13, 16].map(month);
      const deepOffset = Math.round(RECORDS * 0.4); // 2,000,000 of 5,000,000
      const deep = [deepOffset, deepOffset + 25, deepOffset + 50, deepOffset + 75];
      // "First look": a filter the server has not counted yet. Each request ends its period at a
      // different moment after the last record (same records, another filter), so that no
      // request finds its count in the match cache.
      const lastAt = Date.parse(check.items[0].at);
      const fresh = (query) =>
        Array.from(
          { length: 5000 },
          (_, k) => `${events}&${query}&to=${new Date(lastAt + 1000 + k * 1000).toISOString()}`,
        );
      const windows = Array.from({ length: 5000 }, (_, k) => {
        const from = lastAt - (30 + ((k * 7919) % 600)) * 86_400_000 - k * 1000;
        return `${events}&from=${new Date(from).toISOString()}&to=${new Date(from + 30 * 86_400_000).toISOString()}`;
      });
      const scenarios = [
        ['first page (newest 25)', [events]],
        [`deep page (offset ${deepOffset.toLocaleString('en')})`, deep.map((o) => `${events}&offset=${o}`)],
        [
          'by action (exact, 5 %)',
          ['sales_invoice.issued', 'payment.recorded', 'product.updated'].map((a) => `${events}&action=${a}`),
        ],
        ['by action prefix (sales_invoice.*, 20 %)', [`${events}&action=sales_invoice.*`]],
        [
          'by entity (type + id, ≈ 25 records)',
          filled.entities.map((e) => `${events}&entityType=${e.entity_type}&entityId=${e.entity_id}`),
        ],
        ['by actor (4 %)', [`${events}&actorId=${me.id}`]],
        ['by period (one month, date-only)', months.map(([from, to]) => `${events}&from=${from}&to=${to}`)],
        [
          'actor + action prefix + period',
          months.map(([from, to]) => `${events}&actorId=${me.id}&action=sales_invoice.*&from=${from}&to=${to}`),
        ],
        ['by action, page 41 (offset 1,000)', [`${events}&action=payment.recorded&offset=1000`]],
        ['first look: by action (count not cached)', fresh('action=payment.recorded')],
        ['first look: by actor (count not cached)', fresh(`actorId=${me.id}`)],
        ['first look: by action prefix (count not cached)', fresh('action=sales_invoice.*')],
        ['first look: 30-day window (count not cached)', windows],
        ['actors list (GET audit/actors)', ['/api/v1/audit/actors']],
      ];
      const results = [];
      const loadAtStart = loadavg()
        .map((l) => l.toFixed(1))
        .join(', ');
      const only = process.env.BENCH_AUDIT_ONLY; // a part of the scenario names to run, while iterating
      for (const [name, paths] of scenarios.filter(([n]) => !only || n.includes(only))) {
        const answer = await (await fetch(`${backend.baseUrl}${paths[0]}`, { headers })).json();
        const size = Array.isArray(answer.items) ? answer.items.length : 0;
        if (size === 0) throw new Error(`${name}: no records (${JSON.stringify(answer).slice(0, 300)})`);
        for (const connections of [1, 4]) {
          const durationMs = Number(process.env.BENCH_AUDIT_SECONDS ?? 8) * 1000;
          const figures = await measure({ baseUrl: backend.baseUrl, paths, headers, connections, durationMs });
          results.push({ name, total: answer.total ?? null, ...figures });
          console.log(`${name} × ${connections}: p50 ${figures.latencyMs.p50} ms, p95 ${figures.latencyMs.p95} ms`);
        }
      }
      // Exports stream 5,000 records per query: time them and watch the server's memory.
      const exports = [];
      for (const [name, query] of [
        ['JSON lines, action = payment.recorded', 'format=jsonl&action=payment.recorded'],
        ['CSV, one month', `format=csv&from=${months[2][0]}&to=${months[2][1]}`],
        ['JSON lines, three months', `format=jsonl&from=${month(6)[0]}&to=${month(4)[1]}`],
      ]) {
        if (only && !name.includes(only)) continue;
        const rssBefore = rssMiB(backend.pid);
        let peak = rssBefore ?? 0;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(backend.pid) ?? 0)), 100);
        const started = Date.now();
        const response = await fetch(`${backend.baseUrl}/api/v1/audit/export?${query}`, { headers });
        let bytes = 0;
        let lines = 0;
        for await (const chunk of response.body) {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines++;
        }
        clearInterval(sampler);
        const seconds = (Date.now() - started) / 1000;
        const records = query.startsWith('format=csv') ? lines - 1 : lines;
        exports.push({
          name,
          records,
          MiB: Math.round(bytes / 2 ** 20),
          seconds,
          rssBeforeMiB: rssBefore,
          rssPeakMiB: peak,
        });
        console.log(
          `export ${name}: ${records} records, ${Math.round(bytes / 2 ** 20)} MiB in ${seconds.toFixed(1)} s, RSS ${rssBefore} → peak ${peak} MiB`,
        );
      }
      const slow = results.filter((r) => r.connections === 1 && r.latencyMs.p95 >= TARGET_P95_MS);
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(', ');
      const notes = [
        `${filled.head.toLocaleString('en')} records of one tenant and ${Math.round(RECORDS / (OTHER_EVERY - 1)).toLocaleString('en')} of another, interleaved; DuckDB file ${fileMiB} MiB, filled by bulk SQL in ${filled.seconds.toFixed(0)} s; server ready ${startSeconds.toFixed(1)} s after start; server RSS after the run ${rssMiB(backend.pid)} MiB.`,
        `The first filtered request after the start took ${summarySeconds.toFixed(1)} s: it reads the whole trail once into the block summary (kept in memory, then brought up to date from the new records only).`,
        `Load average at the start ${loadAtStart}, at the end ${load} (2 cores, shared with other work).`,
        slow.length === 0
          ? `Target p95 < ${TARGET_P95_MS} ms with one client: met in every scenario.`
          : `Target p95 < ${TARGET_P95_MS} ms with one client: not met by ${slow.map((r) => `${r.name} (${r.latencyMs.p95} ms)`).join('; ')}.`,
        ...exports.map(
          (e) =>
            `Export (${e.name}): ${e.records.toLocaleString('en')} records, ${e.MiB} MiB in ${e.seconds.toFixed(1)} s (${Math.round(e.records / e.seconds).toLocaleString('en')} records/s); server RSS ${e.rssBeforeMiB} MiB before, ${e.rssPeakMiB} MiB at most during it.`,
        ),
      ]
        .map((n) => `- ${n}`)
        .join('\n');
      return {
        records: filled.head,
        fillSeconds: filled.seconds,
        fileMiB,
        startSeconds,
        summarySeconds,
        results,
        exports,
        notes,
      };
    } finally {
      await backend.stop();
    }
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}
