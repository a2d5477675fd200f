import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type {
  AuditActionsResponse,
  AuditActorsResponse,
  AuditEvent,
  AuditVerification,
  CurrentUser,
  ListResponse,
  ProblemDetails,
  Product,
} from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { createProduct } from '../support/business';
import { freshPostgresSchema } from '../support/databases';
import { removeDir, ROOT, RunningServer, startServer } from '../support/server';

/**
 * The audit trail over HTTP: filters, paging, the actor and action lists, exports (CSV and
 * JSON lines) and their offline verification, who may do what, tenant isolation, and a
 * record changed behind the server's back on PostgreSQL.
 */
const VERIFIER = join(ROOT, 'scripts/audit-verify.mjs');
const FIELDS = 'tenantId,seq,at,actorId,actorEmail,ip,requestId,action,entityType,entityId,before,after,prevHash,hash';
const TODAY = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let files: string;
beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'billinator-audit-export-'));
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

/** Runs the offline verifier on `text` written to a file. */
function verifyOffline(name: string, text: string): { code: number | null; out: string } {
  const file = join(files, name);
  writeFileSync(file, text);
  const run = spawnSync(process.execPath, [VERIFIER, file], { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}`.trim() };
}

async function loginAs(baseUrl: string, email: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const response = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  expect(response.status).toBe(200);
  return client;
}

async function addUser(owner: ApiClient, role: string): Promise<{ email: string; id: string }> {
  const email = uniqueEmail(role);
  const created = await owner.post<{ id: string }>('/api/v1/users', {
    email,
    name: `The ${role}`,
    role,
    password: PASSWORD,
  });
  expect(created.status).toBe(201);
  return { email, id: created.body.id };
}

async function events(client: ApiClient, query = ''): Promise<ListResponse<AuditEvent>> {
  const response = await client.get<ListResponse<AuditEvent>>(`/api/v1/audit/events?limit=500${query}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('audit trail API (DuckDB)', () => {
  let server: RunningServer;
  let owner: ApiClient;
  let ownerId: string;
  let tenantId: string;
  let auditor: ApiClient;
  let auditorId: string;
  let accountant: ApiClient;
  let products: Product[];

  beforeAll(async () => {
    server = await startServer();
    ({ client: owner } = await signup(server.baseUrl, 'Audit Test & Söhne'));
    const me = (await owner.get<CurrentUser>('/api/v1/auth/me')).body;
    ownerId = me.id;
    tenantId = me.tenant.id;
    products = [];
    for (const sku of ['AUD-1', 'AUD-2', 'AUD-3']) products.push(await createProduct(owner, sku));
    const updated = await owner.patch(`/api/v1/products/${products[1].id}`, { salePrice: '12.50', version: 1 });
    expect(updated.status).toBe(200);
    const auditorUser = await addUser(owner, 'auditor');
    auditorId = auditorUser.id;
    auditor = await loginAs(server.baseUrl, auditorUser.email);
    accountant = await loginAs(server.baseUrl, (await addUser(owner, 'accountant')).email);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('lists the whole trail newest first, paged, with the total', async () => {
    const all = await events(owner);
    const actions = all.items.map((e) => e.action).reverse();
    expect(actions).toEqual([
      'tenant.created',
      'user.created',
      'product.created',
      'product.created',
      'product.created',
      'product.updated',
      'user.created',
      'auth.login',
      'user.created',
      'auth.login',
    ]);
    expect(all.total).toBe(10);
    expect(all.items.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const page = await owner.get<ListResponse<AuditEvent>>('/api/v1/audit/events?limit=3&offset=4');
    expect(page.body).toMatchObject({ total: 10, limit: 3, offset: 4 });
    expect(page.body.items.map((e) => e.seq)).toEqual([6, 5, 4]);
    const beyond = await owner.get<ListResponse<AuditEvent>>('/api/v1/audit/events?limit=3&offset=10');
    expect(beyond.body).toEqual({ items: [], total: 10, limit: 3, offset: 10 });
    const update = all.items.find((e) => e.action === 'product.updated')!;
    expect(update).toMatchObject({
      tenantId,
      actorId: ownerId,
      entityType: 'product',
      entityId: products[1].id,
      before: { salePrice: '10.00' },
      after: { salePrice: '12.50' },
      ip: '127.0.0.1',
    });
    expect(update.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by each field, alone and together', async () => {
    const seqs = async (query: string) => {
      const body = await events(owner, query);
      expect(body.total).toBe(body.items.length);
      return body.items.map((e) => e.seq);
    };
    expect(await seqs('&action=product.created')).toEqual([5, 4, 3]);
    expect(await seqs('&action=product.*')).toEqual([6, 5, 4, 3]);
    expect(await seqs('&action=product')).toEqual([]); // exact unless it ends in *
    expect(await seqs('&action=*')).toHaveLength(10);
    expect(await seqs('&action=&from=&actorId=')).toHaveLength(10); // empty filters are none
    expect(await seqs(`&actorId=${auditorId}`)).toEqual([8]);
    expect(await seqs('&entityType=product')).toEqual([6, 5, 4, 3]);
    expect(await seqs(`&entityId=${products[1].id}`)).toEqual([6, 4]);
    expect(await seqs(`&entityType=product&entityId=${products[1].id}`)).toEqual([6, 4]);
    expect(await seqs(`&entityType=user&entityId=${products[1].id}`)).toEqual([]);
    expect(await seqs(`&from=${TODAY}&to=${TODAY}`)).toHaveLength(10); // a date-only `to` takes in the whole day
    expect(await seqs(`&to=${day(-1)}`)).toEqual([]);
    expect(await seqs(`&from=${day(1)}`)).toEqual([]);
    const all = (await events(owner)).items;
    const third = all.find((e) => e.seq === 3)!.at;
    const sixth = all.find((e) => e.seq === 6)!.at;
    // Timestamps are moments, bounds included, in any zone: the moment of record 3 written at +01:00.
    const atPlusOne = new Date(Date.parse(third) + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(await seqs(`&from=${encodeURIComponent(atPlusOne)}`)).toEqual(
      all.filter((e) => e.at >= third).map((e) => e.seq),
    );
    const between = await seqs(`&from=${encodeURIComponent(third)}&to=${encodeURIComponent(sixth)}`);
    expect(between).toEqual(all.filter((e) => e.at >= third && e.at <= sixth).map((e) => e.seq));
    expect(between).toEqual(expect.arrayContaining([6, 5, 4, 3]));
    expect(await seqs(`&from=${encodeURIComponent(third)}&action=product.created&actorId=${ownerId}`)).toEqual([
      5, 4, 3,
    ]);
  });

  it('refuses filters it cannot read', async () => {
    for (const query of ['from=yesterday', 'to=2026-02-30', 'limit=0', 'offset=-1', 'to=2026-11-28T10:00']) {
      const response = await owner.get<ProblemDetails>(`/api/v1/audit/events?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    expect((await owner.get('/api/v1/audit/export?format=xml')).status).toBe(400);
  });

  it('lists the actors and actions of the trail', async () => {
    const actors = await auditor.get<AuditActorsResponse>('/api/v1/audit/actors');
    expect(actors.status).toBe(200);
    const ids = actors.body.items.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([ownerId, auditorId]));
    expect(actors.body.items.find((a) => a.id === auditorId)?.email).toMatch(/^auditor-/);
    const actions = await auditor.get<AuditActionsResponse>('/api/v1/audit/actions');
    expect(actions.body.items).toEqual([
      'auth.login',
      'product.created',
      'product.updated',
      'tenant.created',
      'user.created',
    ]);
  });

  it('exports CSV and JSON lines that verify offline, and audits each export', async () => {
    const csv = await auditor.get<string>('/api/v1/audit/export?format=csv&entityType=product');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="audit-audit-test-sohne-${TODAY}.csv"`);
    const csvLines = csv.body.trimEnd().split('\n');
    expect(csvLines[0].replace(/^\uFEFF/, '')).toBe(FIELDS); // (fetch drops the BOM the file starts with)
    expect(csvLines.slice(1).map((l) => Number(l.split(',')[1]))).toEqual([3, 4, 5, 6]); // oldest first
    expect(csvLines[4]).toContain(`,product.updated,product,${products[1].id},`);
    // before/after as canonical JSON text (keys sorted), quoted for CSV
    expect(csvLines[4]).toContain('"{""active"":true,""kind"":""goods"",""name"":""Product AUD-2"",');
    const checked = verifyOffline('products.csv', csv.body);
    expect(checked.code).toBe(0);
    expect(checked.out).toMatch(/^intact: 4 records \(seq 3–6\)\n1 link\(s\) not checked/);

    const jsonl = await auditor.get<string>('/api/v1/audit/export?format=jsonl');
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(jsonl.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-audit-test-sohne-${TODAY}.jsonl"`,
    );
    const records = jsonl.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEvent);
    // Everything up to the CSV export's own record (seq 11); this export's record comes after.
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(Object.keys(records[0])).toEqual([...FIELDS.split(',')].sort()); // canonical: keys sorted
    expect(verifyOffline('all.jsonl', jsonl.body)).toEqual({ code: 0, out: 'intact: 11 records (seq 1–11)' });

    const trail = (await events(owner, '&action=audit.exported')).items;
    expect(trail.map((e) => [e.seq, e.actorId, e.entityType, e.after])).toEqual([
      [12, auditorId, 'audit_log', { format: 'jsonl', filters: {}, count: 11, throughSeq: 11 }],
      [11, auditorId, 'audit_log', { format: 'csv', filters: { entityType: 'product' }, count: 4, throughSeq: 10 }],
    ]);
  });

  it('names exactly the record in which one byte of an export was changed', async () => {
    const exported = (await auditor.get<string>('/api/v1/audit/export?format=jsonl')).body;
    const lines = exported.trimEnd().split('\n');
    const index = lines.findIndex((l) => (JSON.parse(l) as AuditEvent).action === 'product.updated');
    const seq = (JSON.parse(lines[index]) as AuditEvent).seq;
    lines[index] = lines[index].replace('"salePrice":"12.50"', '"salePrice":"92.50"');
    const result = verifyOffline('changed.jsonl', `${lines.join('\n')}\n`);
    expect(result.code).toBe(1);
    expect(result.out).toBe(`broken at seq ${seq}: its content does not match its hash (altered)`);

    const csv = (await auditor.get<string>('/api/v1/audit/export?format=csv')).body;
    const changed = csv.replace(',product.created,product,', ',product.created,produkt,');
    const csvResult = verifyOffline('changed.csv', changed);
    expect(csvResult).toEqual({ code: 1, out: expect.stringMatching(/^broken at seq 3: /) });

    // `npm run audit:verify -- FILE` is the same script.
    const viaNpm = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', join(files, 'changed.jsonl')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(viaNpm.status).toBe(1);
    expect(viaNpm.stdout.trim()).toBe(`broken at seq ${seq}: its content does not match its hash (altered)`);
  });

  it('verifies the chain and audits the check', async () => {
    const head = (await events(owner)).total;
    const result = await auditor.post<AuditVerification>('/api/v1/audit/verify');
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ ok: true, checked: head, firstBrokenSeq: null, reason: null });
    const [record] = (await events(owner, '&action=audit.verified')).items;
    expect(record).toMatchObject({
      seq: head + 1,
      actorId: auditorId,
      entityType: 'audit_log',
      after: { ok: true, checked: head, firstBrokenSeq: null, reason: null },
    });
  });

  it('lets an auditor read, verify and export, and refuses an accountant', async () => {
    for (const path of ['events', 'actors', 'actions', 'export?format=csv']) {
      expect((await auditor.get(`/api/v1/audit/${path}`)).status).toBe(200);
      const denied = await accountant.get<ProblemDetails>(`/api/v1/audit/${path}`);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('forbidden');
    }
    expect((await accountant.post('/api/v1/audit/verify')).status).toBe(403);
    expect((await new ApiClient(server.baseUrl).get('/api/v1/audit/events')).status).toBe(401);
  });

  it('shows another tenant nothing of this one', async () => {
    const { client: other } = await signup(server.baseUrl, 'Other Shop');
    const theirs = await events(other);
    expect(theirs.total).toBe(2);
    expect(theirs.items.every((e) => e.tenantId !== tenantId)).toBe(true);
    expect((await events(other, `&entityId=${products[0].id}`)).total).toBe(0);
    expect((await events(other, `&actorId=${ownerId}`)).total).toBe(0);
    const actors = (await other.get<AuditActorsResponse>('/api/v1/audit/actors')).body.items;
    expect(actors.map((a) => a.id)).not.toContain(ownerId);
    const exported = (await other.get<string>('/api/v1/audit/export?format=jsonl')).body;
    expect(exported).not.toContain(tenantId);
    expect(exported.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('audit trail tampered with on PostgreSQL', () => {
  let server: RunningServer;
  let schema: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    schema = await freshPostgresSchema();
    server = await startServer({ DATABASE_URL: schema.url });
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await schema.drop();
  });

  it('names the changed record in a check and in an export made afterwards', async () => {
    const { client: owner } = await signup(server.baseUrl, 'Tampered Ltd');
    const tenantId = (await owner.get<CurrentUser>('/api/v1/auth/me')).body.tenant.id;
    for (const sku of ['T-1', 'T-2', 'T-3', 'T-4']) await createProduct(owner, sku, { salePrice: '15.00' });
    const before = (await owner.get<string>('/api/v1/audit/export?format=csv')).body;
    const target = (await events(owner, '&action=product.created')).items[1]; // the third product
    expect(target.after).toMatchObject({ sku: 'T-3', salePrice: '15.00' });

    // One byte of the stored record, behind the server's back.
    const db = new Client({ connectionString: schema.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ after_json: string }>(
        'SELECT after_json FROM audit_log WHERE tenant_id = $1 AND seq = $2',
        [tenantId, target.seq],
      );
      const changed = rows[0].after_json.replace('"salePrice":"15.00"', '"salePrice":"95.00"');
      expect(changed).toHaveLength(rows[0].after_json.length);
      await db.query('UPDATE audit_log SET after_json = $1 WHERE tenant_id = $2 AND seq = $3', [
        changed,
        tenantId,
        target.seq,
      ]);
    } finally {
      await db.end();
    }

    const check = await owner.post<AuditVerification>('/api/v1/audit/verify');
    expect(check.body).toMatchObject({ ok: false, firstBrokenSeq: target.seq, checked: target.seq - 1 });
    expect(check.body.reason).toBe(`record ${target.seq} was altered: its content no longer matches its hash`);
    const [recorded] = (await events(owner, '&action=audit.verified')).items;
    expect(recorded.after).toMatchObject({ ok: false, firstBrokenSeq: target.seq });

    for (const format of ['jsonl', 'csv']) {
      const exported = await owner.get<string>(`/api/v1/audit/export?format=${format}`);
      expect(exported.status).toBe(200);
      const result = verifyOffline(`tampered.${format}`, exported.body);
      expect(result.code).toBe(1);
      expect(result.out).toBe(`broken at seq ${target.seq}: its content does not match its hash (altered)`);
    }
    // The export taken before the change still verifies: it holds the record as it was.
    expect(verifyOffline('before.csv', before)).toMatchObject({ code: 0 });
  });
});
