import type { DocumentDetail, ListResponse, PartyAccount, Payment, Product } from '@billinator/contracts';
import Big from 'big.js';
import { ApiClient, signup } from '../support/api-client';
import { createCustomer, createProduct, draftInvoice, issueInvoice } from '../support/business';
import { SERVER_STORES } from '../support/databases';
import { removeDir, RunningServer, startServer } from '../support/server';

/**
 * Documents under contention: concurrent issues must keep the invoice series gapless and
 * stock exact, and concurrent payments must never settle an invoice beyond its total.
 * Each case runs on a fresh tenant, on both stores.
 */

const invoiceNumber = (n: number) => `INV-2026-${String(n).padStart(6, '0')}`;
const receiptNumber = (n: number) => `RCPT-2026-${String(n).padStart(6, '0')}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function product(client: ApiClient, id: string): Promise<Product> {
  return (await client.get<Product>(`/api/v1/products/${id}`)).body;
}

async function invoice(client: ApiClient, id: string): Promise<DocumentDetail> {
  return (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${id}`)).body;
}

async function auditVerifies(client: ApiClient): Promise<void> {
  const verify = await client.post<{ ok: boolean; checked: number }>('/api/v1/audit/verify');
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ ok: true });
}

describe.each(SERVER_STORES)('concurrent documents and payments on %s', (_name, prepare) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const store = await prepare();
    cleanup = store.cleanup;
    server = await startServer(store.env);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await cleanup();
  });

  it('issues 100 drafts at once into exactly INV-2026-000001 … 000100 and takes exactly their stock', async () => {
    const { client } = await signup(server.baseUrl);
    const tea = await createProduct(client, 'TEA', { openingQuantity: '1000', openingUnitCost: '4.00' });
    const customer = await createCustomer(client, 'Busy Café');
    // Quantities 1.001, 1.002, … 1.100: any lost or doubled movement shows in the sum.
    const quantities = range(1, 100).map((i) => new Big(1).plus(new Big(i).div(1000)).toFixed(3));
    const drafts = await Promise.all(
      quantities.map((qty) =>
        draftInvoice(client, customer.id, [{ productId: tea.id, quantity: qty, unitPrice: '9.00' }]),
      ),
    );
    expect(drafts.every((d) => d.status === 'draft' && d.number === null)).toBe(true);

    const responses = await Promise.all(
      drafts.map((d) => client.post<DocumentDetail>(`/api/v1/sales/invoices/${d.id}/issue`, {})),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    const numbers = responses.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(100);
    expect([...numbers].sort()).toEqual(range(1, 100).map(invoiceNumber));
    expect(responses.every((r) => r.body.status === 'issued')).toBe(true);

    const sold = quantities.reduce((sum, q) => sum.plus(q), new Big(0));
    expect(sold.toFixed(3)).toBe('105.050');
    const after = await product(client, tea.id);
    expect(after.onHand).toBe(new Big(1000).minus(sold).toFixed(3));
    expect(after.averageCost).toBe('4.0000');

    const issued = await client.get<ListResponse<DocumentDetail>>('/api/v1/sales/invoices?status=issued&limit=100');
    expect(issued.body.total).toBe(100);
    const card = await client.get<ListResponse<{ kind: string; seq: number }>>(
      `/api/v1/stock/movements?productId=${tea.id}&limit=200`,
    );
    expect(card.body.total).toBe(101);
    expect(new Set(card.body.items.map((m) => m.seq)).size).toBe(101);
    await auditVerifies(client);
  });

  it('sells the last 5 units exactly 5 times out of 20 concurrent issues; the refused take no number', async () => {
    const { client } = await signup(server.baseUrl);
    const lamp = await createProduct(client, 'LAMP', { openingQuantity: '5', openingUnitCost: '12.00' });
    const customer = await createCustomer(client, 'Eager Buyers');
    const drafts = await Promise.all(
      range(1, 20).map(() =>
        draftInvoice(client, customer.id, [{ productId: lamp.id, quantity: '1', unitPrice: '30' }]),
      ),
    );

    const responses = await Promise.all(
      drafts.map((d) =>
        client.post<DocumentDetail & { shortfall?: { productId: string; shortBy: string }[] }>(
          `/api/v1/sales/invoices/${d.id}/issue`,
          {},
        ),
      ),
    );

    const issued = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status === 409);
    expect(issued).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(Array.isArray(r.body.shortfall)).toBe(true);
      expect(r.body.shortfall).toEqual([expect.objectContaining({ productId: lamp.id, shortBy: '1.000' })]);
    }
    expect((await product(client, lamp.id)).onHand).toBe('0.000');
    expect(issued.map((r) => r.body.number).sort()).toEqual(range(1, 5).map(invoiceNumber));

    const refusedIds = new Set(drafts.map((d) => d.id));
    for (const r of issued) refusedIds.delete(r.body.id);
    for (const id of refusedIds) {
      expect(await invoice(client, id)).toMatchObject({ status: 'draft', number: null });
    }
    // The series continues right after the five: nothing was burnt by the refusals.
    await client.post('/api/v1/stock/adjustments', { productId: lamp.id, quantity: '1', reason: 'Found one' });
    const next = await issueInvoice(client, customer.id, [{ productId: lamp.id, quantity: '1', unitPrice: '30' }]);
    expect(next.number).toBe(invoiceNumber(6));
    await auditVerifies(client);
  });

  it('never over-allocates an invoice: 10 concurrent payments of 30.00 against 100.00, 3 fit', async () => {
    const { client } = await signup(server.baseUrl);
    const desk = await createProduct(client, 'DESK', { openingQuantity: '3', openingUnitCost: '40.00' });
    const customer = await createCustomer(client, 'Office Corner');
    const target = await issueInvoice(client, customer.id, [{ productId: desk.id, quantity: '1', unitPrice: '100' }]);
    expect(target.total).toBe('100.00');

    const responses = await Promise.all(
      range(1, 10).map((i) =>
        client.post<Payment>('/api/v1/sales/payments', {
          customerId: customer.id,
          date: '2026-03-10',
          amount: '30.00',
          method: 'bank_transfer',
          reference: `transfer ${i}`,
          allocations: [{ invoiceId: target.id, amount: '30.00' }],
        }),
      ),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(7);
    const accepted = responses.filter((r) => r.status === 201).map((r) => r.body);
    expect(accepted.map((p) => p.number).sort()).toEqual(range(1, 3).map(receiptNumber));
    expect(accepted.every((p) => p.allocated === '30.00' && p.unallocated === '0.00')).toBe(true);
    expect(await invoice(client, target.id)).toMatchObject({
      status: 'partially_paid',
      amountPaid: '90.00',
      balance: '10.00',
    });
    const payments = await client.get<ListResponse<Payment>>(`/api/v1/sales/payments?customerId=${customer.id}`);
    expect(payments.body.total).toBe(3);
    const account = (await client.get<PartyAccount>(`/api/v1/customers/${customer.id}/account`)).body;
    expect(account).toMatchObject({ invoiced: '100.00', paid: '90.00', balance: '10.00', unallocatedCredit: '0.00' });
    await auditVerifies(client);
  });

  it('auto-allocates 10 concurrent payments of 30.00 without ever paying more than 100.00; the rest is credit', async () => {
    const { client } = await signup(server.baseUrl);
    const desk = await createProduct(client, 'DESK', { openingQuantity: '3', openingUnitCost: '40.00' });
    const customer = await createCustomer(client, 'Office Corner');
    const target = await issueInvoice(client, customer.id, [{ productId: desk.id, quantity: '1', unitPrice: '100' }]);

    const responses = await Promise.all(
      range(1, 10).map(() =>
        client.post<Payment>('/api/v1/sales/payments', {
          customerId: customer.id,
          date: '2026-03-10',
          amount: '30.00',
          method: 'cash',
        }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const payments = responses.map((r) => r.body);
    expect(payments.map((p) => p.number).sort()).toEqual(range(1, 10).map(receiptNumber));
    const allocated = payments.reduce((sum, p) => sum.plus(p.allocated), new Big(0));
    expect(allocated.toFixed(2)).toBe('100.00');
    // Three payments fill 90.00, one more the last 10.00, the other six stay whole as credit.
    expect(payments.map((p) => p.allocated).sort()).toEqual([
      ...Array(6).fill('0.00'),
      '10.00',
      '30.00',
      '30.00',
      '30.00',
    ]);

    expect(await invoice(client, target.id)).toMatchObject({ status: 'paid', amountPaid: '100.00', balance: '0.00' });
    const account = (await client.get<PartyAccount>(`/api/v1/customers/${customer.id}/account`)).body;
    expect(account).toMatchObject({
      invoiced: '100.00',
      paid: '300.00',
      unallocatedCredit: '200.00',
      balance: '-200.00',
      openDocuments: [],
    });
    await auditVerifies(client);
  });
});
