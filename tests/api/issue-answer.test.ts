import type { DocumentDetail, ListResponse, Product, StockMovement } from '@billinator/contracts';
import { Client } from 'pg';
import { ApiClient, signup } from '../support/api-client';
import { createCustomer, createProduct, createSupplier } from '../support/business';
import { SERVER_STORES } from '../support/databases';
import { removeDir, RunningServer, startServer } from '../support/server';

/**
 * Issuing (posting) answers the document as the transaction wrote it, without reading it
 * again: the answer must be exactly what GET shows right after, field by field, on both stores.
 */

const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Every field of the answer equals the same field read back; no field is missing or extra. */
function expectSameDetail(answer: DocumentDetail, read: DocumentDetail): void {
  expect(Object.keys(answer).sort()).toEqual(Object.keys(read).sort());
  for (const key of Object.keys(read) as (keyof DocumentDetail)[]) {
    expect({ field: key, value: answer[key] }).toStrictEqual({ field: key, value: read[key] });
  }
  expect(answer).toStrictEqual(read);
}

async function expectOk<T>(response: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const { status: actual, body } = await response;
  expect({ status: actual, body }).toMatchObject({ status });
  return body;
}

describe.each(SERVER_STORES)('the answer to issuing equals the document read right after, on %s', (name, prepare) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;
  let databaseUrl: string | undefined;
  let tenantId: string;
  let client: ApiClient;
  let customerId: string;
  let tea: Product;
  let pot: Product;
  let fee: Product;

  beforeAll(async () => {
    const store = await prepare();
    cleanup = store.cleanup;
    env = store.env;
    databaseUrl = env['DATABASE_URL'];
    server = await startServer(store.env);
    const owner = await signup(server.baseUrl);
    client = owner.client;
    tenantId = owner.user.tenant.id;
    customerId = (await createCustomer(client, 'Corner Café', 14)).id;
    tea = await createProduct(client, 'TEA', {
      salePrice: '12.50',
      purchasePrice: '6.00',
      openingQuantity: '100',
      openingUnitCost: '6.25',
    });
    pot = await createProduct(client, 'POT', { salePrice: '39.90', openingQuantity: '10', unit: 'box' });
    fee = await createProduct(client, 'FEE', { kind: 'service', salePrice: '4.99' });
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await cleanup();
  });

  it('an invoice of goods and a service, discounted, two tax rates, already overdue', async () => {
    const draft = await expectOk(
      client.post<DocumentDetail>('/api/v1/sales/invoices', {
        customerId,
        issueDate: daysFromToday(-40),
        notes: 'Thank you',
        lines: [
          { productId: tea.id, quantity: '3', unitPrice: '12.50', discountPercent: '10', taxRate: '20' },
          { productId: pot.id, quantity: '1.5', unitPrice: '39.90', taxRate: '7', description: 'Large pot' },
          { productId: fee.id, quantity: '1', unitPrice: '4.99', taxRate: '20' },
          { productId: tea.id, quantity: '2', unitPrice: '12.00', discountPercent: '0', taxRate: '20' },
        ],
      }),
      201,
    );
    const issued = await expectOk(
      client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, { version: draft.version }),
      200,
    );
    expect(issued).toMatchObject({ status: 'issued', overdue: true, version: draft.version + 1 });
    expect(issued.number).toMatch(/^INV-\d{4}-\d{6}$/);
    const read = await expectOk(client.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`), 200);
    expectSameDetail(issued, read);
  });

  it('an invoice converted from a quote keeps its link to the quote', async () => {
    const quote = await expectOk(
      client.post<DocumentDetail>('/api/v1/crm/quotes', {
        customerId,
        issueDate: today(),
        validUntil: daysFromToday(30),
        lines: [{ productId: tea.id, quantity: '10', unitPrice: '12.50', discountPercent: '5', taxRate: '7' }],
      }),
      201,
    );
    const sent = await expectOk(client.post<DocumentDetail>(`/api/v1/crm/quotes/${quote.id}/send`, {}), 200);
    await expectOk(client.post<DocumentDetail>(`/api/v1/crm/quotes/${quote.id}/accept`), 200);
    const draft = await expectOk(client.post<DocumentDetail>(`/api/v1/crm/quotes/${quote.id}/convert`), 201);
    const issued = await expectOk(client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {}), 200);
    expect(issued).toMatchObject({ status: 'issued', quoteId: quote.id, quoteNumber: sent.number, overdue: false });
    const read = await expectOk(client.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`), 200);
    expectSameDetail(issued, read);
  });

  it('a bill posted into stock', async () => {
    const supplier = await createSupplier(client, 'Leaf Importers', 30);
    const draft = await expectOk(
      client.post<DocumentDetail>('/api/v1/purchase/invoices', {
        supplierId: supplier.id,
        supplierBillNumber: 'LI-77',
        issueDate: today(),
        lines: [
          { productId: tea.id, quantity: '20', unitPrice: '6.10', discountPercent: '2.5', taxRate: '20' },
          { productId: fee.id, quantity: '1', unitPrice: '15.00', taxRate: '0' },
        ],
      }),
      201,
    );
    const posted = await expectOk(client.post<DocumentDetail>(`/api/v1/purchase/invoices/${draft.id}/post`, {}), 200);
    expect(posted).toMatchObject({ status: 'posted', supplierId: supplier.id, supplierBillNumber: 'LI-77' });
    const read = await expectOk(client.get<DocumentDetail>(`/api/v1/purchase/invoices/${draft.id}`), 200);
    expectSameDetail(posted, read);
  });

  it('a refused issue changes nothing and a second issue is refused', async () => {
    const draft = await expectOk(
      client.post<DocumentDetail>('/api/v1/sales/invoices', {
        customerId,
        issueDate: today(),
        lines: [{ productId: pot.id, quantity: '1000', unitPrice: '39.90', taxRate: '7' }],
      }),
      201,
    );
    const short = await client.post<{ code: string }>(`/api/v1/sales/invoices/${draft.id}/issue`, {});
    expect(short.status).toBe(409);
    expect(await expectOk(client.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`), 200)).toStrictEqual(draft);

    const small = await expectOk(
      client.patch<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`, {
        version: draft.version,
        lines: [{ productId: pot.id, quantity: '2', unitPrice: '39.90', taxRate: '7' }],
      }),
      200,
    );
    const issued = await expectOk(client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {}), 200);
    expectSameDetail(issued, await expectOk(client.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`), 200));
    expect(issued.version).toBe(small.version + 1);
    const again = await client.post<{ code: string }>(`/api/v1/sales/invoices/${draft.id}/issue`, {});
    expect(again.status).toBe(409);
  });

  // Another replica changing the tenant's settings (there is no settings route yet) bumps the
  // settings counter in the same transaction; the invoice prefix cached under it is read again.
  // (PostgreSQL only: the server's process holds the DuckDB file.)
  if (name === 'PostgreSQL') {
    it('takes a changed invoice prefix once the settings counter moves', async () => {
      const issue = async () => {
        const draft = await expectOk(
          client.post<DocumentDetail>('/api/v1/sales/invoices', {
            customerId,
            issueDate: today(),
            lines: [{ productId: fee.id, quantity: '1', unitPrice: '4.99', taxRate: '20' }],
          }),
          201,
        );
        return expectOk(client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {}), 200);
      };
      expect((await issue()).number).toMatch(/^INV-\d{4}-\d{6}$/);
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        await db.query('BEGIN');
        await db.query(`UPDATE tenants SET invoice_prefix = 'SHOP', version = version + 1 WHERE id = $1`, [tenantId]);
        await db.query(
          `INSERT INTO counters (tenant_id, name, value) VALUES ($1, 'tenant_settings', 1)
           ON CONFLICT (tenant_id, name) DO UPDATE SET value = counters.value + 1`,
          [tenantId],
        );
        await db.query('COMMIT');
      } finally {
        await db.end();
      }
      const renamed = await issue();
      expect(renamed.number).toMatch(/^SHOP-\d{4}-\d{6}$/);
      expectSameDetail(
        renamed,
        await expectOk(client.get<DocumentDetail>(`/api/v1/sales/invoices/${renamed.id}`), 200),
      );
    });

    // Two replicas on one database: each keeps the stock positions of its own last movements,
    // valid while the ledger's sequence counter has not moved. A movement on the other replica
    // moves it, so the next sale goes out at the average cost that movement made.
    it('two replicas: a sale goes out at the average cost a purchase on the other replica made', async () => {
      const other = await startServer(env);
      try {
        const there = new ApiClient(other.baseUrl);
        for (const [name, value] of client.cookies) there.cookies.set(name, value);
        const supplier = await createSupplier(client, 'Replica Supplies', 30);
        const box = await createProduct(client, 'BOX', {
          purchasePrice: '5.00',
          openingQuantity: '100',
          openingUnitCost: '5.00',
        });
        const sell = async (api: ApiClient) => {
          const draft = await expectOk(
            api.post<DocumentDetail>('/api/v1/sales/invoices', {
              customerId,
              issueDate: today(),
              lines: [{ productId: box.id, quantity: '1', unitPrice: '9.00', taxRate: '0' }],
            }),
            201,
          );
          const issued = await expectOk(api.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {}), 200);
          expectSameDetail(issued, await expectOk(api.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`), 200));
        };
        await sell(client);
        await sell(client); // here from what this replica cached
        const bill = await expectOk(
          there.post<DocumentDetail>('/api/v1/purchase/invoices', {
            supplierId: supplier.id,
            supplierBillNumber: 'RS-1',
            issueDate: today(),
            lines: [{ productId: box.id, quantity: '10', unitPrice: '8.00', taxRate: '0' }],
          }),
          201,
        );
        await expectOk(there.post<DocumentDetail>(`/api/v1/purchase/invoices/${bill.id}/post`, {}), 200);
        await sell(client);
        await sell(client);
        await sell(there);
        await sell(client);
        const card = await expectOk(
          client.get<ListResponse<StockMovement>>(`/api/v1/stock/movements?productId=${box.id}&limit=100`),
          200,
        );
        const movements = [...card.items].sort((a, b) => a.seq - b.seq);
        expect(movements.map((m) => m.kind)).toEqual([
          'opening',
          'sale',
          'sale',
          'purchase',
          'sale',
          'sale',
          'sale',
          'sale',
        ]);
        movements.forEach((m, i) => {
          if (m.kind === 'sale')
            expect({ seq: m.seq, unitCost: m.unitCost }).toEqual({
              seq: m.seq,
              unitCost: movements[i - 1].averageCostAfter,
            });
        });
        // 98 at 5.00 and 10 at 8.00: (490 + 80) / 108 = 5.2778
        expect(movements[3].averageCostAfter).toBe('5.2778');
        expect(movements.at(-1)!.balance).toBe('104.000');
        const product = await expectOk(client.get<Product>(`/api/v1/products/${box.id}`), 200);
        expect(product).toMatchObject({ onHand: '104.000', averageCost: '5.2778' });
      } finally {
        await other.stop();
        removeDir(other.dataDir);
      }
    });
  }
});
