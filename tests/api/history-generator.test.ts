import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AuditEvent, DocumentDetail, DocumentSummary, ListResponse, PartyAccount } from '@billinator/contracts';
import { ApiClient } from '../support/api-client';
import { removeDir, ROOT, RunningServer, startServer, tempDataDir } from '../support/server';

const SEED = join(ROOT, 'dist/backend/backend/src/demo/seed-demo.js');
let server: RunningServer;

beforeAll(async () => {
  const dataDir = tempDataDir();
  // The generator and the server cannot share a DuckDB file at once: seed first, then serve it.
  execFileSync(
    process.execPath,
    [SEED, '--invoices', '300', '--months', '3', '--database', `duckdb:${join(dataDir, 'billinator.duckdb')}`],
    {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', BCRYPT_ROUNDS: '4', LOG_LEVEL: 'warn' },
      stdio: 'pipe',
    },
  );
  server = await startServer({}, dataDir);
});

afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

async function owner(): Promise<ApiClient> {
  const client = new ApiClient(server.baseUrl);
  const response = await client.post('/api/v1/auth/login', {
    email: 'owner@history-1.billinator.test',
    password: 'demo-pass-2026',
  });
  expect(response.status).toBe(200);
  return client;
}

async function auditOf(client: ApiClient, entityId: string): Promise<AuditEvent[]> {
  const events = (await client.get<ListResponse<AuditEvent>>(`/api/v1/audit/events?entityId=${entityId}`)).body.items;
  return [...events].sort((a, b) => a.seq - b.seq);
}

describe('demo history generator (seed:demo)', () => {
  it('issues a batch invoice exactly as create + issue would', async () => {
    const client = await owner();
    const list = await client.get<ListResponse<DocumentSummary>>('/api/v1/sales/invoices?limit=1&sort=-number');
    expect(list.body.total).toBe(300);
    const batch = (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${list.body.items[0].id}`)).body;

    const draft = await client.post<DocumentDetail>('/api/v1/sales/invoices', {
      customerId: batch.customerId,
      issueDate: batch.issueDate,
      lines: batch.lines.map((l) => ({
        productId: l.productId,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPercent: l.discountPercent,
        taxRate: l.taxRate,
      })),
    });
    expect(draft.status).toBe(201);
    const normal = (await client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.body.id}/issue`, {})).body;

    // The next number of the same series, and the same figures everywhere.
    const seq = (n: string | null) => Number(n!.split('-').pop());
    expect(normal.number!.replace(/\d+$/, '')).toBe(batch.number!.replace(/\d+$/, ''));
    expect(seq(normal.number)).toBe(seq(batch.number) + 1);
    const figures = (d: DocumentDetail) => ({
      status: d.status,
      dueDate: d.dueDate,
      subtotal: d.subtotal,
      discountTotal: d.discountTotal,
      taxTotal: d.taxTotal,
      total: d.total,
      taxBreakdown: d.taxBreakdown,
      lines: d.lines.map(({ id: _id, ...line }) => line),
      version: d.version,
    });
    // The newest batch invoice may already be paid; compare it as issued.
    expect({ ...figures(batch), status: 'issued', version: 2 }).toEqual(figures(normal));

    // The same audit records: created (the draft's view) and issued (with the goods' cost).
    const [batchAudit, normalAudit] = [await auditOf(client, batch.id), await auditOf(client, normal.id)];
    const shape = (events: AuditEvent[]) =>
      events
        .filter((e) => e.action.startsWith('sales_invoice.'))
        .map((e) => ({
          action: e.action,
          entityType: e.entityType,
          before: e.before,
          after: { ...(e.after as Record<string, unknown>), number: 'N' },
        }));
    expect(shape(batchAudit)).toEqual(shape(normalAudit));
    expect(shape(batchAudit).map((e) => e.action)).toEqual(['sales_invoice.created', 'sales_invoice.issued']);
  });

  it('leaves consistent accounts: paid, part-paid and overdue invoices, balances that add up', async () => {
    const client = await owner();
    const count = async (status: string) =>
      (await client.get<ListResponse<DocumentSummary>>(`/api/v1/sales/invoices?status=${status}&limit=1`)).body.total;
    expect(await count('paid')).toBeGreaterThan(100);
    expect(await count('partially_paid')).toBeGreaterThan(0);
    expect(await count('overdue')).toBeGreaterThan(0);

    const invoices = (await client.get<ListResponse<DocumentSummary>>('/api/v1/sales/invoices?limit=500')).body.items;
    const customerId = invoices[0].customerId!;
    const account = (await client.get<PartyAccount>(`/api/v1/customers/${customerId}/account`)).body;
    const open = invoices
      .filter((i) => i.customerId === customerId)
      .reduce((sum, i) => sum + Math.round(Number(i.balance) * 100), 0);
    expect(Math.round(Number(account.balance) * 100)).toBe(open - Math.round(Number(account.unallocatedCredit) * 100));
  });
});
