import type {
  Customer,
  ImportReport,
  ListResponse,
  ProblemDetails,
  Product,
  StockMovement,
  StockValuation,
} from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import { removeDir, RunningServer, startServer } from '../support/server';

let server: RunningServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startServer();
  owner = (await signup(server.baseUrl, 'Catalog Co')).client;
});

afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

const product = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: `Product ${sku}`,
  unit: 'pcs',
  kind: 'goods',
  salePrice: '10.00',
  purchasePrice: '6.00',
  taxRate: '20',
  reorderLevel: '5',
  ...extra,
});

async function csvPost(client: ApiClient, path: string, csv: string) {
  return client.request<ImportReport & ProblemDetails & { report: ImportReport }>('POST', path, undefined, {
    raw: csv,
    headers: { 'content-type': 'text/csv' },
  });
}

describe('products', () => {
  it('creates, reads, edits with versions, deactivates and deletes', async () => {
    const created = await owner.post<Product>(
      '/api/v1/products',
      product('P-100', { openingQuantity: '12', openingUnitCost: '5.5' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sku: 'P-100',
      salePrice: '10.00',
      taxRate: '20.00',
      onHand: '12.000',
      averageCost: '5.5000',
      version: 1,
    });
    expect(created.headers.get('etag')).toBe('"1"');

    const edited = await owner.request<Product>(
      'PATCH',
      `/api/v1/products/${created.body.id}`,
      { salePrice: '11.99', version: 1 },
      {
        headers: { 'if-match': '"1"' },
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ salePrice: '11.99', version: 2 });

    const stale = await owner.patch<ProblemDetails>(`/api/v1/products/${created.body.id}`, {
      name: 'Lost update',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toBe(
      'Someone else changed this product since you opened it; reload it and apply your change again',
    );
    expect((await owner.get<Product>(`/api/v1/products/${created.body.id}`)).body.name).toBe('Product P-100');

    const mismatch = await owner.request(
      'PATCH',
      `/api/v1/products/${created.body.id}`,
      { name: 'x', version: 2 },
      { headers: { 'if-match': '"1"' } },
    );
    expect(mismatch.status).toBe(412);

    const used = await owner.request<ProblemDetails>('DELETE', `/api/v1/products/${created.body.id}`);
    expect(used.status).toBe(409);
    expect(used.body.detail).toMatch(/deactivate it instead/);
    const deactivated = await owner.patch<Product>(`/api/v1/products/${created.body.id}`, {
      active: false,
      version: 2,
    });
    expect(deactivated.body.active).toBe(false);

    const unused = await owner.post<Product>('/api/v1/products', product('P-101', { kind: 'service' }));
    expect((await owner.request('DELETE', `/api/v1/products/${unused.body.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/products/${unused.body.id}`)).status).toBe(404);
  });

  it('refuses a duplicate SKU with a 409 naming it, and bad decimals with field errors', async () => {
    await owner.post('/api/v1/products', product('DUP-1'));
    const duplicate = await owner.post<ProblemDetails>('/api/v1/products', product('DUP-1'));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('DUP-1');
    const bad = await owner.post<ProblemDetails>(
      '/api/v1/products',
      product('BAD-1', { salePrice: 12.5, taxRate: '120', reorderLevel: '1.2345' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['reorderLevel', 'salePrice', 'taxRate']);
    const service = await owner.post<ProblemDetails>(
      '/api/v1/products',
      product('SVC-1', { kind: 'service', openingQuantity: '3' }),
    );
    expect(service.status).toBe(400);
  });

  it('searches, filters, sorts and pages over 10,000 products', async () => {
    const header = 'sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active';
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const n = String(i).padStart(5, '0');
      return `BULK-${n},${i % 10 === 0 ? 'Widget' : 'Gadget'} ${n},pcs,${i % 4 === 0 ? 'service' : 'goods'},${(i % 100) + 1}.50,1.00,20,0,${i % 7 === 0 ? 'false' : 'true'}`;
    });
    const imported = await csvPost(owner, '/api/v1/products/import', [header, ...lines].join('\n'));
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(10_000);

    const page = await owner.get<ListResponse<Product>>('/api/v1/products?q=widget&limit=50&offset=100&sort=-sku');
    expect(page.body.total).toBe(1000);
    expect(page.body.items).toHaveLength(50);
    const skus = page.body.items.map((p) => p.sku);
    expect(skus).toEqual([...skus].sort().reverse());
    expect(skus[0]).toBe('BULK-08990');

    const services = await owner.get<ListResponse<Product>>(
      '/api/v1/products?q=bulk&kind=service&active=false&limit=5',
    );
    // multiples of 28 below 10,000 are both service (i % 4) and inactive (i % 7)
    expect(services.body.total).toBe(Math.ceil(10_000 / 28));
    expect(services.body.items.every((p) => p.kind === 'service' && !p.active)).toBe(true);

    const bySku = await owner.get<ListResponse<Product>>('/api/v1/products?q=BULK-0424&limit=25');
    expect(bySku.body.items.map((p) => p.sku).sort()).toEqual([
      'BULK-04240',
      'BULK-04241',
      'BULK-04242',
      'BULK-04243',
      'BULK-04244',
      'BULK-04245',
      'BULK-04246',
      'BULK-04247',
      'BULK-04248',
      'BULK-04249',
    ]);
    const last = await owner.get<ListResponse<Product>>('/api/v1/products?q=bulk&limit=25&offset=9990&sort=sku');
    expect(last.body.items.map((p) => p.sku)).toEqual(Array.from({ length: 10 }, (_, i) => `BULK-0${9990 + i}`));
    const wildcard = await owner.get<ListResponse<Product>>('/api/v1/products?q=%25');
    expect(wildcard.body.total).toBe(0); // a literal % matches nothing, it is not a wildcard

    // a large catalog's list is served from a cache: a change must show at once
    const target = bySku.body.items[0];
    await owner.patch(`/api/v1/products/${target.id}`, {
      name: 'Zebra renamed',
      salePrice: '999.99',
      version: target.version,
    });
    const renamed = await owner.get<ListResponse<Product>>('/api/v1/products?q=zebra');
    expect(renamed.body.items.map((p) => [p.sku, p.salePrice])).toEqual([[target.sku, '999.99']]);
    const priciest = await owner.get<ListResponse<Product>>('/api/v1/products?q=bulk&sort=-salePrice&limit=1');
    expect(priciest.body.items[0].sku).toBe(target.sku);
    await owner.post('/api/v1/products', product('BULK-99999', { name: 'Aardvark first' }));
    const first = await owner.get<ListResponse<Product>>('/api/v1/products?limit=1&sort=name');
    expect(first.body.items[0].sku).toBe('BULK-99999');
    expect((await owner.get<ListResponse<Product>>('/api/v1/products?q=bulk')).body.total).toBe(10_001);
  });
});

describe('CSV import and export', () => {
  const header =
    'sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active,openingQuantity,openingUnitCost';

  it('names every bad line in a dry run and imports nothing until the file is clean', async () => {
    const csv = [
      header,
      'CSV-1,Good tea,box,goods,4.50,2.00,7,10,true,40,2.10',
      'CSV-2,Bad price,box,goods,four,2.00,7,10,true,,',
      'CSV-3,,box,goods,1.00,0.50,7,10,true,,',
      'CSV-1,Duplicate in file,box,goods,1.00,0.50,7,10,true,,',
      'CSV-4,Consulting hour,h,service,90,0,20,0,yes,,',
    ].join('\r\n');
    const dry = await csvPost(owner, '/api/v1/products/import?dryRun=true', csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 5, valid: 2, imported: 0 });
    expect(dry.body.problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'salePrice'],
      [4, 'name'],
      [5, 'sku'],
    ]);
    expect(dry.body.problems[2].message).toMatch(/already on line 2/);

    const refused = await csvPost(owner, '/api/v1/products/import', csv);
    expect(refused.status).toBe(422);
    expect(refused.body.report.problems).toHaveLength(3);
    expect((await owner.get<ListResponse<Product>>('/api/v1/products?q=csv-')).body.total).toBe(0);

    const clean = [
      header,
      'CSV-1,Good tea,box,goods,4.50,2.00,7,10,true,40,2.10',
      'CSV-4,Consulting hour,h,service,90,0,20,0,yes,,',
    ].join('\n');
    const done = await csvPost(owner, '/api/v1/products/import', clean);
    expect(done.body).toMatchObject({ dryRun: false, rows: 2, valid: 2, imported: 2, problems: [] });
    const tea = (await owner.get<ListResponse<Product>>('/api/v1/products?q=csv-1')).body.items[0];
    expect(tea).toMatchObject({ onHand: '40.000', averageCost: '2.1000', unit: 'box' });

    const again = await csvPost(owner, '/api/v1/products/import?dryRun=true', clean);
    expect(again.body.problems.map((p) => p.message)).toEqual(['SKU CSV-1 already exists', 'SKU CSV-4 already exists']);
  });

  it('refuses a file that is not CSV or has unknown columns', async () => {
    const unknown = await csvPost(owner, '/api/v1/products/import?dryRun=true', 'sku,colour\nA,red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/Unknown column\(s\) colour/);
    const json = await owner.post<ProblemDetails>('/api/v1/products/import', { sku: 'x' });
    expect(json.status).toBe(415);
    const broken = await csvPost(owner, '/api/v1/products/import?dryRun=true', 'sku,name\n"unterminated,x');
    expect(broken.status).toBe(400);
  });

  it('exports what the list shows, with the current filters, for a spreadsheet', async () => {
    const response = await owner.get<string>('/api/v1/products/export?q=csv-&sort=sku');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active,onHand,averageCost');
    expect(lines.slice(1)).toEqual([
      'CSV-1,Good tea,box,goods,4.50,2.00,7.00,10.000,true,40.000,2.1000',
      'CSV-4,Consulting hour,h,service,90.00,0.00,20.00,0.000,true,0.000,',
    ]);
  });

  it('neutralises spreadsheet formulas in exports', async () => {
    await owner.post('/api/v1/customers', { name: '=HYPERLINK("http://x")' });
    const csv = (await owner.get<string>('/api/v1/customers/export?q=hyperlink')).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('stock ledger', () => {
  it('adjusts, refuses to oversell, keeps a stock card with running balance and values at moving average', async () => {
    const p = (
      await owner.post<Product>('/api/v1/products', product('STK-1', { openingQuantity: '10', openingUnitCost: '4' }))
    ).body;
    const inbound = await owner.post<Product>('/api/v1/stock/adjustments', {
      productId: p.id,
      quantity: '30',
      unitCost: '6',
      reason: 'Found in back room',
    });
    expect(inbound.status).toBe(201);
    expect(inbound.body).toMatchObject({ onHand: '40.000', averageCost: '5.5000' });
    const outbound = await owner.post<Product>('/api/v1/stock/adjustments', {
      productId: p.id,
      quantity: '-2.5',
      reason: 'Damaged',
    });
    expect(outbound.body).toMatchObject({ onHand: '37.500', averageCost: '5.5000' });

    const short = await owner.post<ProblemDetails & { shortfall: { shortBy: string }[] }>('/api/v1/stock/adjustments', {
      productId: p.id,
      quantity: '-40',
      reason: 'Too much',
    });
    expect(short.status).toBe(409);
    expect(short.body.detail).toBe('Not enough stock of STK-1: 37.5 pcs on hand, 40 requested, short by 2.5');
    expect(short.body.shortfall[0].shortBy).toBe('2.500');

    const card = await owner.get<ListResponse<StockMovement>>(`/api/v1/stock/movements?productId=${p.id}`);
    expect(card.body.items.map((m) => [m.kind, m.quantity, m.balance, m.averageCostAfter])).toEqual([
      ['adjustment', '-2.500', '37.500', '5.5000'],
      ['adjustment', '30.000', '40.000', '5.5000'],
      ['opening', '10.000', '10.000', '4.0000'],
    ]);

    const valuation = await owner.get<StockValuation>('/api/v1/stock/valuation');
    const row = valuation.body.items.find((i) => i.sku === 'STK-1')!;
    expect(row).toMatchObject({ onHand: '37.500', averageCost: '5.5000', value: '206.25' });

    const bad = await owner.post<ProblemDetails>('/api/v1/stock/adjustments', {
      productId: p.id,
      quantity: '0',
      reason: 'no',
    });
    expect(bad.status).toBe(400);
    const service = (await owner.post<Product>('/api/v1/products', product('SVC-STK', { kind: 'service' }))).body;
    expect(
      (await owner.post('/api/v1/stock/adjustments', { productId: service.id, quantity: '1', reason: 'Nope nope' }))
        .status,
    ).toBe(422);
  });

  it('lists low stock at or below the reorder level', async () => {
    const low = (
      await owner.post<Product>('/api/v1/products', product('LOW-1', { reorderLevel: '5', openingQuantity: '5' }))
    ).body;
    await owner.post('/api/v1/products', product('LOW-2', { reorderLevel: '5', openingQuantity: '6' }));
    const levels = await owner.get<ListResponse<{ sku: string; low: boolean }>>(
      '/api/v1/stock/levels?lowStock=true&q=low-',
    );
    expect(levels.body.items.map((l) => l.sku)).toEqual(['LOW-1']);
    const products = await owner.get<ListResponse<Product>>('/api/v1/products?lowStock=true&q=low-');
    expect(products.body.items.map((p) => p.id)).toEqual([low.id]);
  });

  it('lets only inventory roles adjust', async () => {
    const p = (await owner.post<Product>('/api/v1/products', product('ROLE-1'))).body;
    const email = uniqueEmail('sales');
    await owner.post('/api/v1/users', { email, name: 'Sales', role: 'sales', password: PASSWORD });
    const sales = new ApiClient(server.baseUrl);
    await sales.post('/api/v1/auth/login', { email, password: PASSWORD });
    expect((await sales.get('/api/v1/products')).status).toBe(200);
    expect(
      (await sales.post('/api/v1/stock/adjustments', { productId: p.id, quantity: '1', reason: 'Trying' })).status,
    ).toBe(403);
    expect((await sales.post('/api/v1/products', product('ROLE-2'))).status).toBe(403);
    expect((await sales.post('/api/v1/suppliers', { name: 'No' })).status).toBe(403);
  });
});

describe('customers, contacts and suppliers', () => {
  it('creates, edits, deactivates and deletes parties and contacts', async () => {
    const customer = await owner.post<Customer>('/api/v1/customers', {
      name: 'Northwind',
      email: 'orders@northwind.test',
      paymentTermsDays: 14,
      openingBalance: '-12.50',
      creditLimit: '5000.00',
    });
    expect(customer.status).toBe(201);
    expect(customer.body).toMatchObject({
      paymentTermsDays: 14,
      openingBalance: '-12.50',
      creditLimit: '5000.00',
      active: true,
    });
    const contact = await owner.post<{ id: string; version: number }>(
      `/api/v1/customers/${customer.body.id}/contacts`,
      { name: 'Maria', position: 'Buyer' },
    );
    expect(contact.status).toBe(201);
    const renamed = await owner.patch<{ name: string }>(
      `/api/v1/customers/${customer.body.id}/contacts/${contact.body.id}`,
      { name: 'Maria Anders', version: 1 },
    );
    expect(renamed.body.name).toBe('Maria Anders');
    expect((await owner.get<unknown[]>(`/api/v1/customers/${customer.body.id}/contacts`)).body).toHaveLength(1);

    const inactive = await owner.patch<Customer>(`/api/v1/customers/${customer.body.id}`, {
      active: false,
      version: 1,
    });
    expect(inactive.body).toMatchObject({ active: false, version: 2, name: 'Northwind' });
    const actives = await owner.get<ListResponse<Customer>>('/api/v1/customers?active=true&q=northwind');
    expect(actives.body.total).toBe(0);

    expect((await owner.request('DELETE', `/api/v1/customers/${customer.body.id}`)).status).toBe(204);
    expect((await owner.get(`/api/v1/customers/${customer.body.id}/contacts`)).status).toBe(404);

    const supplier = await owner.post<Customer>('/api/v1/suppliers', { name: 'Acme Supplies', paymentTermsDays: 45 });
    expect(supplier.body).not.toHaveProperty('creditLimit');
    expect((await owner.post('/api/v1/suppliers', { name: 'X', creditLimit: '1.00' })).status).toBe(400);
  });

  it('imports customers all-or-nothing with line numbers', async () => {
    const csv = 'name,email,paymentTermsDays,creditLimit\nAlpha Ltd,a@alpha.test,10,100\nBeta Ltd,not-an-email,x,\n';
    const dry = await csvPost(owner, '/api/v1/customers/import?dryRun=true', csv);
    expect(dry.body.problems).toEqual([
      { line: 3, field: 'email', message: 'email must be a valid e-mail address' },
      { line: 3, field: 'paymentTermsDays', message: 'paymentTermsDays must be a whole number of days' },
    ]);
    expect((await csvPost(owner, '/api/v1/customers/import', csv)).status).toBe(422);
    const ok = await csvPost(
      owner,
      '/api/v1/customers/import',
      'name,email\nAlpha Ltd,a@alpha.test\nBeta Ltd,b@beta.test\n',
    );
    expect(ok.body.imported).toBe(2);
  });
});

describe('a second tenant sees none of it', () => {
  it('answers 404 on every id of another tenant and lists nothing of it', async () => {
    const p = (await owner.post<Product>('/api/v1/products', product('SECRET-1', { openingQuantity: '3' }))).body;
    const c = (await owner.post<Customer>('/api/v1/customers', { name: 'Secret customer' })).body;
    const contact = (await owner.post<{ id: string }>(`/api/v1/customers/${c.id}/contacts`, { name: 'Secret person' }))
      .body;
    const s = (await owner.post<Customer>('/api/v1/suppliers', { name: 'Secret supplier' })).body;
    const other = (await signup(server.baseUrl, 'Other Co')).client;

    for (const path of [
      `/api/v1/products/${p.id}`,
      `/api/v1/customers/${c.id}`,
      `/api/v1/suppliers/${s.id}`,
      `/api/v1/customers/${c.id}/contacts`,
      `/api/v1/customers/${c.id}/contacts/${contact.id}`,
      `/api/v1/stock/movements?productId=${p.id}`,
    ]) {
      expect([path, (await other.get(path)).status]).toEqual([path, 404]);
    }
    expect((await other.patch(`/api/v1/products/${p.id}`, { name: 'Mine', version: 1 })).status).toBe(404);
    expect((await other.patch(`/api/v1/customers/${c.id}`, { name: 'Mine', version: 1 })).status).toBe(404);
    expect((await other.request('DELETE', `/api/v1/suppliers/${s.id}`)).status).toBe(404);
    expect(
      (await other.post('/api/v1/stock/adjustments', { productId: p.id, quantity: '-1', reason: 'Steal it' })).status,
    ).toBe(404);
    expect((await other.post(`/api/v1/customers/${c.id}/contacts`, { name: 'Spy' })).status).toBe(404);
    expect((await other.get<ListResponse<Product>>('/api/v1/products')).body.total).toBe(0);
    expect((await other.get<StockValuation>('/api/v1/stock/valuation')).body).toEqual({
      items: [],
      totalValue: '0.00',
    });
    expect(
      (await other.get<string>('/api/v1/products/export')).body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
    // and the owner's data is untouched
    expect((await owner.get<Product>(`/api/v1/products/${p.id}`)).body).toMatchObject({
      name: 'Product SECRET-1',
      onHand: '3.000',
    });
  });
});
