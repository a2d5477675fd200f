import type { ListResponse, Product, StockMovement } from '@billinator/contracts';
import { dec, quantity } from '@billinator/money';
import { signup } from '../support/api-client';
import { SERVER_STORES } from '../support/databases';
import { removeDir, RunningServer, startServer } from '../support/server';

describe.each(SERVER_STORES)('concurrent stock movements on %s', (_name, prepare) => {
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

  it('50 concurrent adjustments leave on hand exactly at the sum of the adjustments', async () => {
    const { client } = await signup(server.baseUrl);
    const product = (
      await client.post<Product>('/api/v1/products', {
        sku: 'RACE-1',
        name: 'Contended item',
        unit: 'pcs',
        kind: 'goods',
        salePrice: '5.00',
        purchasePrice: '2.00',
        taxRate: '0',
        reorderLevel: '0',
        openingQuantity: '100',
      })
    ).body;
    const quantities = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? '1.250' : '-0.750'));
    const responses = await Promise.all(
      quantities.map((q, i) =>
        client.post('/api/v1/stock/adjustments', { productId: product.id, quantity: q, reason: `Count ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const expected = quantity(quantities.reduce((sum, q) => sum.plus(dec(q)), dec('100')));
    expect((await client.get<Product>(`/api/v1/products/${product.id}`)).body.onHand).toBe(expected);
    const card = await client.get<ListResponse<StockMovement>>(
      `/api/v1/stock/movements?productId=${product.id}&limit=100`,
    );
    expect(card.body.total).toBe(51);
    expect(card.body.items[0].balance).toBe(expected);
    expect(new Set(card.body.items.map((m) => m.seq)).size).toBe(51);
    expect((await client.post<{ ok: boolean; checked: number }>('/api/v1/audit/verify')).body).toMatchObject({
      ok: true,
    });
  });

  it('20 concurrent removals of the last 5 units succeed exactly 5 times', async () => {
    const { client } = await signup(server.baseUrl);
    const product = (
      await client.post<Product>('/api/v1/products', {
        sku: 'LAST-5',
        name: 'Scarce item',
        unit: 'pcs',
        kind: 'goods',
        salePrice: '5.00',
        purchasePrice: '2.00',
        taxRate: '0',
        reorderLevel: '0',
        openingQuantity: '5',
      })
    ).body;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.post('/api/v1/stock/adjustments', { productId: product.id, quantity: '-1', reason: 'Shipped' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect((await client.get<Product>(`/api/v1/products/${product.id}`)).body.onHand).toBe('0.000');
  });
});
