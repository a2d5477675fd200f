import type { DocumentDetail, ListResponse, Opportunity, PipelineColumn, Product } from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { createCustomer, createProduct } from '../support/business';
import { removeDir, RunningServer, startServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function moveTo(client: ApiClient, opportunity: Opportunity, body: Record<string, unknown>) {
  return client.request<Opportunity & { detail: string; errors?: { field: string }[] }>(
    'PATCH',
    `/api/v1/crm/opportunities/${opportunity.id}`,
    { version: opportunity.version, ...body },
  );
}

describe('opportunities and the pipeline', () => {
  it('moves an opportunity across the stages, with totals and weighted values per column', async () => {
    const { client } = await signup(server.baseUrl);
    const customer = await createCustomer(client, 'Hotel Seeblick');
    const created = await client.post<Opportunity>('/api/v1/crm/opportunities', {
      title: 'Breakfast tea contract',
      customerId: customer.id,
      value: '12000.00',
      expectedCloseDate: daysFromToday(30),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: 'lead', probability: 10, weightedValue: '1200.00' });
    await client.post('/api/v1/crm/opportunities', {
      title: 'Shop opening',
      prospectName: 'Tea Corner',
      value: '800.50',
    });

    let current = created.body;
    for (const stage of ['qualified', 'proposal', 'negotiation'] as const) {
      const moved = await moveTo(client, current, { stage });
      expect(moved.status).toBe(200);
      current = moved.body;
    }
    expect(current).toMatchObject({ stage: 'negotiation', probability: 75, weightedValue: '9000.00' });

    const pipeline = (await client.get<PipelineColumn[]>('/api/v1/crm/opportunities/pipeline')).body;
    expect(pipeline.map((c) => c.stage)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    expect(pipeline.find((c) => c.stage === 'negotiation')).toEqual({
      stage: 'negotiation',
      count: 1,
      total: '12000.00',
      weighted: '9000.00',
    });
    expect(pipeline.find((c) => c.stage === 'lead')).toMatchObject({ count: 1, total: '800.50', weighted: '80.05' });

    const won = await moveTo(client, current, { stage: 'won' });
    expect(won.body).toMatchObject({ stage: 'won', probability: 100 });
    const stale = await moveTo(client, current, { stage: 'lost', lostReason: 'late' });
    expect(stale.status).toBe(409);

    const csv = await client.get<string>('/api/v1/crm/opportunities/export?stage=won');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('Breakfast tea contract');
    expect(csv.body).not.toContain('Shop opening');
  });

  it('refuses bad stages and values with a clear message and changes nothing', async () => {
    const { client } = await signup(server.baseUrl);
    const created = (
      await client.post<Opportunity>('/api/v1/crm/opportunities', { title: 'Zero deal', prospectName: 'P', value: '0' })
    ).body;
    const unknownStage = await moveTo(client, created, { stage: 'dreaming' });
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.body.detail).toContain('stage must be one of');
    const wonWithoutValue = await moveTo(client, created, { stage: 'won' });
    expect(wonWithoutValue.status).toBe(422);
    expect(wonWithoutValue.body.errors?.[0].field).toBe('value');
    const lostWithoutReason = await moveTo(client, created, { stage: 'lost' });
    expect(lostWithoutReason.status).toBe(422);
    expect(lostWithoutReason.body.errors?.[0].field).toBe('lostReason');
    const negative = await moveTo(client, created, { probability: -5 });
    expect(negative.status).toBe(400);
    const neither = await client.post('/api/v1/crm/opportunities', { title: 'Nobody', value: '10' });
    expect(neither.status).toBe(400);
    const unchanged = (await client.get<Opportunity>(`/api/v1/crm/opportunities/${created.id}`)).body;
    expect(unchanged).toMatchObject({ stage: 'lead', version: 1 });
    const lost = await moveTo(client, created, { stage: 'lost', lostReason: 'Budget cut' });
    expect(lost.body).toMatchObject({ stage: 'lost', lostReason: 'Budget cut', probability: 0 });
  });
});

describe('quotes that become invoices', () => {
  let client: ApiClient;
  let customerId: string;
  let tea: Product;
  let pot: Product;

  beforeAll(async () => {
    ({ client } = await signup(server.baseUrl));
    customerId = (await createCustomer(client, 'Corner Café')).id;
    tea = await createProduct(client, 'TEA', { salePrice: '12.50', taxRate: '7' });
    pot = await createProduct(client, 'POT', { salePrice: '39.90', taxRate: '19' });
  });

  const quoteBody = (validUntil = daysFromToday(30), issueDate = today()) => ({
    customerId,
    issueDate,
    validUntil,
    lines: [
      { productId: tea.id, quantity: '10', unitPrice: '12.50', discountPercent: '5', taxRate: '7' },
      { productId: pot.id, quantity: '2', unitPrice: '39.90', taxRate: '19' },
    ],
  });

  it('drafts, sends, accepts and converts a quote exactly once into a draft invoice with its lines', async () => {
    const opportunity = (
      await client.post<Opportunity>('/api/v1/crm/opportunities', { title: 'Café refit', customerId, value: '200' })
    ).body;
    const draft = await client.post<DocumentDetail>('/api/v1/crm/quotes', {
      ...quoteBody(),
      opportunityId: opportunity.id,
    });
    expect(draft.status).toBe(201);
    // 10 × 12.50 − 5% = 118.75, tax 8.31 (8.3125); 2 × 39.90 = 79.80, tax 15.16 (15.162)
    expect(draft.body).toMatchObject({
      kind: 'quote',
      status: 'draft',
      number: null,
      total: '222.02',
      opportunityId: opportunity.id,
    });
    const early = await client.post<{ detail: string }>(`/api/v1/crm/quotes/${draft.body.id}/convert`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('draft');

    const sent = await client.post<DocumentDetail>(`/api/v1/crm/quotes/${draft.body.id}/send`, {});
    expect(sent.body).toMatchObject({ status: 'sent', number: expect.stringMatching(/^QT-\d{4}-000001$/) });
    const accepted = await client.post<DocumentDetail>(`/api/v1/crm/quotes/${draft.body.id}/accept`);
    expect(accepted.body.status).toBe('accepted');

    const converted = await client.post<DocumentDetail>(`/api/v1/crm/quotes/${draft.body.id}/convert`);
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({
      kind: 'sales_invoice',
      status: 'draft',
      customerId,
      total: '222.02',
      taxTotal: sent.body.taxTotal,
      quoteId: draft.body.id,
      quoteNumber: sent.body.number,
    });
    expect(converted.body.lines.map((l) => [l.productId, l.quantity, l.unitPrice, l.discountPercent, l.total])).toEqual(
      sent.body.lines.map((l) => [l.productId, l.quantity, l.unitPrice, l.discountPercent, l.total]),
    );
    const quote = (await client.get<DocumentDetail>(`/api/v1/crm/quotes/${draft.body.id}`)).body;
    expect(quote).toMatchObject({ status: 'converted', convertedInvoiceId: converted.body.id });

    const again = await client.post<{ detail: string }>(`/api/v1/crm/quotes/${draft.body.id}/convert`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('already been converted');
    const invoices = await client.get<ListResponse<DocumentDetail>>('/api/v1/sales/invoices?status=draft');
    expect(invoices.body.total).toBe(1);
    const byOpportunity = await client.get<ListResponse<DocumentDetail>>(
      `/api/v1/crm/quotes?opportunityId=${opportunity.id}`,
    );
    expect(byOpportunity.body.items.map((q) => q.id)).toEqual([draft.body.id]);
    const linkedDelete = await client.request('DELETE', `/api/v1/crm/opportunities/${opportunity.id}`);
    expect(linkedDelete.status).toBe(409);
  });

  it('shows a sent quote past its date as expired and refuses to accept it', async () => {
    const draft = (
      await client.post<DocumentDetail>('/api/v1/crm/quotes', quoteBody(daysFromToday(-1), daysFromToday(-10)))
    ).body;
    const sent = await client.post<DocumentDetail>(`/api/v1/crm/quotes/${draft.id}/send`, {});
    expect(sent.body.status).toBe('expired');
    const accept = await client.post<{ detail: string }>(`/api/v1/crm/quotes/${draft.id}/accept`);
    expect(accept.status).toBe(409);
    expect(accept.body.detail).toContain('expired');
    const expired = await client.get<ListResponse<DocumentDetail>>('/api/v1/crm/quotes?status=expired');
    expect(expired.body.items.map((q) => q.id)).toEqual([draft.id]);
    const rejected = await client.post<DocumentDetail>(`/api/v1/crm/quotes/${draft.id}/reject`, { reason: 'Too late' });
    expect(rejected.body.status).toBe('rejected');
    const pdf = await client.get(`/api/v1/crm/quotes/${draft.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
  });

  it('keeps quotes to their tenant and writers to sales and above', async () => {
    const draft = (await client.post<DocumentDetail>('/api/v1/crm/quotes', quoteBody())).body;
    const { client: stranger } = await signup(server.baseUrl);
    expect((await stranger.get(`/api/v1/crm/quotes/${draft.id}`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/crm/quotes/${draft.id}/send`, {})).status).toBe(404);
    expect((await stranger.get<ListResponse<unknown>>('/api/v1/crm/quotes')).body.total).toBe(0);
    expect((await stranger.get<ListResponse<unknown>>('/api/v1/crm/opportunities')).body.total).toBe(0);

    const email = uniqueEmail('auditor');
    await client.post('/api/v1/users', { email, name: 'Aud', role: 'auditor', password: PASSWORD });
    const auditor = new ApiClient(server.baseUrl);
    await auditor.post('/api/v1/auth/login', { email, password: PASSWORD });
    expect((await auditor.get(`/api/v1/crm/quotes/${draft.id}`)).status).toBe(200);
    expect((await auditor.post(`/api/v1/crm/quotes/${draft.id}/send`, {})).status).toBe(403);
    expect(
      (await auditor.post('/api/v1/crm/opportunities', { title: 'x', prospectName: 'y', value: '1' })).status,
    ).toBe(403);
    expect((await client.post<{ ok: boolean }>('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});
