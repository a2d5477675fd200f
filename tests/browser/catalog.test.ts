import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { Product } from '@billinator/contracts';
import { uniqueEmail } from '../support/api-client';
import { browserApi, browserSession, pageShot } from '../support/browser';
import type { RunningServer } from '../support/server';

const session = browserSession({ width: 1280, height: 800 });
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let browser: Browser;
const errors = session.errors;

const HEADER = 'sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active,openingQuantity,openingUnitCost';
const GOOD_ROW = 'COF-200,Coffee beans 1 kg,kg,goods,24.90,15.00,7,5,yes,3,15';
const csvFile = (...rows: string[]) => ({
  name: 'products.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([HEADER, ...rows].join('\n') + '\n'),
});

beforeAll(() => {
  ({ server, context, page, browser } = session);
});

function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return browserApi<T>(context, server.baseUrl, method, path, body);
}

async function productBySku(sku: string): Promise<Product> {
  const list = await api<{ items: Product[] }>('GET', `products?q=${encodeURIComponent(sku)}`);
  const product = list.body.items.find((p) => p.sku === sku);
  if (!product) throw new Error(`no product ${sku}`);
  return product;
}

async function rowCount(prefix: string, count: number): Promise<void> {
  await page.waitForFunction(([p, n]) => document.querySelectorAll(`tr[data-testid^="${p}"]`).length === n, [
    prefix,
    count,
  ] as const);
}

function shot(name: string): Promise<void> {
  return pageShot(page, name);
}

/**
 * Moves the app to `path` as the browser's back and forward buttons do: the router handles it
 * without a page load, and reuses the page shown when the route stays the same.
 */
async function routeTo(path: string): Promise<void> {
  await page.evaluate((url) => {
    history.pushState(null, '', url);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

async function inputValueBecomes(label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  for (let i = 0; i < 100; i++) {
    if ((await input.inputValue()) === value) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${label} is "${await input.inputValue()}", not "${value}"`);
}

async function downloadOf(click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await download.path()).toString('utf8');
}

describe('catalog, stock and parties screens in a real browser', () => {
  const email = uniqueEmail('catalog');

  it('signs up and opens the empty product list from the navigation', async () => {
    await page.goto(`${server.baseUrl}/signup`);
    await page.getByLabel('Business name').fill('Corner Tea Shop');
    await page.getByLabel('Your name').fill('Tess Tealeaf');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('catalog-pass-123');
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.waitForURL(/\/dashboard/);

    await page.getByLabel('Main navigation').getByRole('link', { name: 'Inventory' }).click();
    await page.waitForURL(/\/inventory\/products$/);
    await page.getByTestId('empty-state').getByText('No products yet.').waitFor();
    await shot('catalog-01-products-empty');
  });

  it('creates a product with opening stock through the form', async () => {
    await page.getByTestId('new-product').click();
    await page.waitForURL(/\/inventory\/products\/new$/);

    // client-side validation mirrors the API before anything is sent
    await page.getByTestId('save-product').click();
    await page.getByText('SKU is required').waitFor();
    await page.getByLabel('Sale price').fill('12.505');
    await page.getByLabel('Sale price').blur();
    await page.getByText('Sale price must be a number with up to 2 decimals').waitFor();

    await page.getByLabel('SKU').fill('TEA-100');
    await page.getByLabel('Name', { exact: true }).fill('Green tea 100 g');
    await page.getByLabel('Sale price').fill('12.50');
    await page.getByLabel('Purchase price').fill('7.20');
    await page.getByLabel('Tax rate').fill('20');
    await page.getByLabel('Reorder level').fill('10');
    await page.getByLabel('Opening quantity').fill('25');
    await page.getByLabel('Opening unit cost').fill('7.2');
    await shot('catalog-02-product-form');
    await page.getByTestId('save-product').click();

    await page.waitForURL(/\/inventory\/products\/[0-9a-f-]{36}$/);
    await page.getByTestId('product-name').getByText('Green tea 100 g').waitFor();
    expect(await page.getByTestId('on-hand').textContent()).toContain('25');
  });

  it('shows the opening movement on the stock card', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="movement-row"]').length === 1);
    expect(await page.getByTestId('balance').allTextContents()).toEqual(['25']);
    await page.getByTestId('stock-card').getByText('Opening stock').first().waitFor();
  });

  it('edits the product', async () => {
    await page.getByTestId('edit-product').click();
    await page.waitForURL(/\/edit$/);
    await expect(page.getByLabel('Sale price').inputValue()).resolves.toBe('12.50');
    await page.getByLabel('Sale price').fill('13.00');
    await page.getByTestId('save-product').click();
    await page.waitForURL(/\/inventory\/products\/[0-9a-f-]{36}$/);
    await page.getByTestId('sale-price').getByText('13.00').waitFor();
  });

  it('adjusts stock, refusing to go below zero, and keeps a running balance', async () => {
    await page.getByTestId('adjust-stock').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByTestId('direction-remove').click();
    await dialog.getByLabel('Quantity').fill('30');
    await dialog.getByLabel('Reason').fill('Broken jars');
    await dialog.getByTestId('save-adjustment').click();
    await dialog
      .getByTestId('error-banner')
      .getByText(/Not enough stock of TEA-100/)
      .waitFor();
    expect(await dialog.getByTestId('error-banner').textContent()).toContain('short by');
    await shot('catalog-03-adjust-refused');

    await dialog.getByLabel('Quantity').fill('5');
    await dialog.getByTestId('save-adjustment').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('on-hand').getByText('20').waitFor();

    await page.getByTestId('adjust-stock').click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Quantity').fill('4');
    await dialog.getByLabel('Unit cost').fill('7.50');
    await dialog.getByLabel('Reason').fill('Found in the back room');
    await dialog.getByTestId('save-adjustment').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('on-hand').getByText('24').waitFor();

    await page.waitForFunction(() => document.querySelectorAll('[data-testid="movement-row"]').length === 3);
    // newest first; the balance runs 25 → 20 → 24
    expect(await page.getByTestId('balance').allTextContents()).toEqual(['24', '20', '25']);
    await page.getByTestId('stock-card').getByText('Broken jars').waitFor();
    await shot('catalog-04-product-detail');
  });

  it('refuses to delete a product with stock movements, and deactivates it instead', async () => {
    await page.getByTestId('more-actions').click();
    await page.getByTestId('delete-product').click();
    await page.getByTestId('confirm').click();
    await page
      .getByTestId('error-banner')
      .getByText(/deactivate it instead/)
      .waitFor();

    await page.getByTestId('more-actions').click();
    await page.getByTestId('toggle-active').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('product-status').getByText('Inactive').waitFor();
    await page.getByTestId('more-actions').click();
    await page.getByTestId('toggle-active').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('product-status').getByText('Active').waitFor();
  });

  it('imports a CSV: the dry run names the bad line, the fixed file goes in', async () => {
    await page.getByRole('link', { name: 'Products' }).first().click();
    await page.waitForURL(/\/inventory\/products$/);
    await page.getByTestId('import-products').click();
    await page.waitForURL(/\/inventory\/products\/import$/);

    const template = await downloadOf(() => page.getByTestId('download-template').click());
    expect(template.trim()).toBe(HEADER);

    await page
      .getByTestId('import-file')
      .setInputFiles(csvFile(GOOD_ROW, 'MUG-1,Tea mug,pcs,goods,abc,2.00,20,2,yes,,'));
    await page.getByTestId('file-name').getByText('products.csv').waitFor();
    await page.getByTestId('check-file').click();
    await page.getByTestId('import-summary').getByText('2 rows, 1 valid, 1 with problems').waitFor();
    const problem = page.getByTestId('problem-row');
    expect(await problem.count()).toBe(1);
    const cells = await problem.locator('td').allTextContents();
    expect(cells[0].trim()).toBe('3');
    expect(cells[1].trim()).toBe('salePrice');
    expect(await page.getByTestId('run-import').isDisabled()).toBe(true);
    await shot('catalog-05-import-problems');

    await page
      .getByTestId('import-file')
      .setInputFiles(csvFile(GOOD_ROW, 'MUG-1,Tea mug,pcs,goods,6.50,2.00,20,2,yes,,'));
    await page.getByTestId('check-file').click();
    await page.getByTestId('import-summary').getByText('2 rows, 2 valid').waitFor();
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-summary').getByText('Imported 2 products.').waitFor();
    await shot('catalog-06-import-done');
  });

  it('lists, filters and searches the products', async () => {
    await page.getByTestId('import-summary').getByRole('link', { name: 'View products' }).click();
    await page.waitForURL(/\/inventory\/products$/);
    await rowCount('product-row-', 3);
    // imported below their reorder level: flagged low
    await page.getByTestId('low-COF-200').waitFor();
    await page.getByTestId('low-MUG-1').waitFor();
    await shot('catalog-07-products');

    await page.getByTestId('low-stock-filter').click();
    await rowCount('product-row-', 2);
    await page.getByTestId('low-stock-filter').click();
    await rowCount('product-row-', 3);

    await page.getByTestId('product-search').fill('tea');
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('tr[data-testid^="product-row-"]'));
      return rows.length === 2 && rows.every((r) => /tea/i.test(r.textContent ?? ''));
    });
    await page.getByTestId('product-search').fill('TEA-1');
    await rowCount('product-row-', 1);
    await page.getByTestId('product-row-TEA-100').waitFor();
  });

  it('exports CSV with the filters on screen', async () => {
    const filtered = await downloadOf(() => page.getByTestId('export-csv').click());
    const lines = filtered
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('sku,name,unit,kind,salePrice,purchasePrice,taxRate,reorderLevel,active,onHand,averageCost');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^TEA-100,Green tea 100 g,pcs,goods,13.00,7.20,20.00,10.000,true,24.000,/);

    await page.getByTestId('product-search').fill('');
    await rowCount('product-row-', 3);
    const all = await downloadOf(() => page.getByTestId('export-csv').click());
    expect(all).toContain('TEA-100');
    expect(all).toContain('COF-200');
    expect(all).toContain('MUG-1');
  });

  it('keeps the product filters and search in the address', async () => {
    await page.getByTestId('low-stock-filter').click();
    await rowCount('product-row-', 2);
    await page.waitForURL(/\/inventory\/products\?lowStock=true$/);
    await page.getByTestId('product-search').fill('tea');
    await rowCount('product-row-', 1);
    await page.getByTestId('product-row-MUG-1').waitFor();
    await page.waitForURL(/\/inventory\/products\?lowStock=true&q=tea$/);

    // a reload (or a shared link) shows the same list
    await page.reload();
    await page.getByTestId('product-row-MUG-1').waitFor();
    await rowCount('product-row-', 1);
    expect(await page.getByTestId('product-search').inputValue()).toBe('tea');
    expect(await page.getByTestId('low-stock-filter').getByRole('switch').getAttribute('aria-checked')).toBe('true');

    await page.getByTestId('clear-filters').click();
    await rowCount('product-row-', 3);
    await page.waitForURL(/\/inventory\/products$/);
    expect(await page.getByTestId('product-search').inputValue()).toBe('');

    // what the list does not accept is ignored, and left out of the address
    await page.goto(`${server.baseUrl}/inventory/products?kind=service&status=bogus&lowStock=maybe`);
    await page.getByTestId('empty-state').getByText('No product matches these filters.').waitFor();
    await page.waitForURL(/\/inventory\/products\?kind=service$/);
    await page.getByTestId('clear-filters').click();
    await rowCount('product-row-', 3);
    await page.waitForURL(/\/inventory\/products$/);
  });

  it('tells about a stale edit and reloads the record', async () => {
    await page.getByTestId('product-row-TEA-100').getByRole('link').click();
    await page.getByTestId('edit-product').click();
    await page.waitForURL(/\/edit$/);
    await expect(page.getByLabel('Sale price').inputValue()).resolves.toBe('13.00');

    // someone else changes the product meanwhile
    const current = await productBySku('TEA-100');
    const changed = await api<Product>('PATCH', `products/${current.id}`, {
      salePrice: '14.00',
      version: current.version,
    });
    expect(changed.status).toBe(200);

    await page.getByLabel('Name', { exact: true }).fill('Green tea, loose');
    await page.getByTestId('save-product').click();
    await page
      .getByTestId('error-banner')
      .getByText(/Someone else changed this product/)
      .waitFor();
    await shot('catalog-08-stale-edit');
    await page.getByTestId('reload').click();
    await page.getByTestId('error-banner').waitFor({ state: 'detached' });
    await expect(page.getByLabel('Sale price').inputValue()).resolves.toBe('14.00');
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Green tea 100 g');

    await page.getByLabel('Name', { exact: true }).fill('Green tea, loose');
    await page.getByTestId('save-product').click();
    await page.waitForURL(/\/inventory\/products\/[0-9a-f-]{36}$/);
    await page.getByTestId('product-name').getByText('Green tea, loose').waitFor();
    await page.getByTestId('sale-price').getByText('14.00').waitFor();
  });

  it('shows another product when the route changes to it on the same page, loading each once', async () => {
    const tea = await productBySku('TEA-100');
    const coffee = await productBySku('COF-200');
    const loads: string[] = [];
    const count = (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'GET' && /^\/api\/v1\/products\/[0-9a-f-]{36}$/.test(path)) {
        loads.push(path.split('/').pop()!);
      }
    };
    page.on('request', count);
    try {
      await page.goto(`${server.baseUrl}/inventory/products/${tea.id}`);
      await page.getByTestId('product-name').getByText('Green tea, loose').waitFor();
      // back and forward between two products reuse the detail page: it follows the route's id
      await routeTo(`/inventory/products/${coffee.id}`);
      await page.getByTestId('product-name').getByText('Coffee beans 1 kg').waitFor();
      await page.getByTestId('on-hand').getByText('3').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="movement-row"]').length === 1);

      // and so does the edit form
      await routeTo(`/inventory/products/${coffee.id}/edit`);
      await inputValueBecomes('Name', 'Coffee beans 1 kg');
      await routeTo(`/inventory/products/${tea.id}/edit`);
      await inputValueBecomes('Name', 'Green tea, loose');
      await expect(page.getByLabel('SKU').inputValue()).resolves.toBe('TEA-100');
      await page.waitForLoadState('networkidle');
      expect(loads).toEqual([tea.id, coffee.id, coffee.id, tea.id]);
    } finally {
      page.off('request', count);
    }
    await routeTo(`/inventory/products/${tea.id}`);
    await page.getByTestId('product-name').getByText('Green tea, loose').waitFor();
  });

  it('shows stock levels with a low-stock switch, and the valuation', async () => {
    await page.getByTestId('tab-Stock levels').click();
    await page.waitForURL(/\/inventory\/stock$/);
    await rowCount('level-row-', 3);
    await shot('catalog-09-stock-levels');
    await page.getByTestId('low-stock-only').click();
    await rowCount('level-row-', 2);
    await page.getByTestId('level-row-COF-200').waitFor();
    // the switch is kept in the address: a reload (or a shared link) shows the same list
    await page.waitForURL(/\/inventory\/stock\?lowStock=true$/);
    await page.reload();
    await rowCount('level-row-', 2);
    await page.getByTestId('low-stock-only').click();
    await page.waitForURL(/\/inventory\/stock$/);
    await rowCount('level-row-', 3);

    await page.getByTestId('tab-Valuation').click();
    await page.waitForURL(/\/inventory\/valuation$/);
    await rowCount('valuation-row-', 3);
    const valuation = await api<{ totalValue: string }>('GET', 'stock/valuation');
    const [whole, cents] = valuation.body.totalValue.split('.');
    await page
      .getByTestId('total-value')
      .getByText(`${Number(whole).toLocaleString('en-US')}.${cents}`)
      .waitFor();
    await shot('catalog-10-valuation');
  });

  it('creates a customer with a contact', async () => {
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Sales' }).click();
    await page.getByTestId('tab-Customers').click();
    await page.waitForURL(/\/sales\/customers$/);
    await page.getByTestId('empty-state').getByText('No customers yet.').waitFor();
    await page.getByTestId('new-party').click();
    await page.waitForURL(/\/sales\/customers\/new$/);
    await page.getByLabel('Name', { exact: true }).fill('Northwind Traders');
    await page.getByLabel('E-mail').fill('orders@northwind.test');
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByLabel('Payment terms').fill('400');
    await page.getByLabel('Payment terms').blur();
    await page.getByText('Payment terms can be at most 365').waitFor();
    await page.getByLabel('Payment terms').fill('14');
    await page.getByLabel('Credit limit').fill('5000');
    await page.getByLabel('Address').fill('12 High Street\nLeeds');
    await page.getByTestId('save-party').click();
    await page.waitForURL(/\/sales\/customers\/[0-9a-f-]{36}$/);
    await page.getByTestId('party-name').getByText('Northwind Traders').waitFor();
    await page.getByTestId('party-email').getByText('orders@northwind.test').waitFor();

    await page.getByTestId('add-contact').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Maria Anders');
    await dialog.getByLabel('Position').fill('Purchasing manager');
    await dialog.getByLabel('E-mail').fill('maria@northwind.test');
    await dialog.getByTestId('save-contact').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('contact-row-Maria Anders').waitFor();
    await shot('catalog-11-customer-detail');

    await page.getByRole('link', { name: 'Customers' }).first().click();
    await page.waitForURL(/\/sales\/customers$/);
    await page.getByTestId('party-row-Northwind Traders').getByText('14 days').waitFor();
    await shot('catalog-12-customers');
  });

  it('creates a supplier', async () => {
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Purchases' }).click();
    await page.getByTestId('tab-Suppliers').click();
    await page.waitForURL(/\/purchases\/suppliers$/);
    await page.getByTestId('new-party').click();
    expect(await page.getByLabel('Credit limit').count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill('Exotic Liquids');
    await page.getByLabel('E-mail').fill('sales@exotic.test');
    await page.getByLabel('Opening balance').fill('-120.50');
    await page.getByTestId('save-party').click();
    await page.waitForURL(/\/purchases\/suppliers\/[0-9a-f-]{36}$/);
    await page.getByTestId('party-name').getByText('Exotic Liquids').waitFor();
    await page.getByTestId('tab-Suppliers').click();
    await page.getByTestId('party-row-Exotic Liquids').getByText('−120.50').waitFor();
    await shot('catalog-13-suppliers');
  });

  it('keeps the customer filters in the address, leaving out what it does not accept', async () => {
    await page.goto(`${server.baseUrl}/sales/customers?status=bogus&q=north`);
    await page.waitForURL(/\/sales\/customers\?q=north$/);
    await page.getByTestId('party-row-Northwind Traders').waitFor();
    expect(await page.getByTestId('party-search').inputValue()).toBe('north');

    await page.getByTestId('status-filter').click();
    await page.getByRole('option', { name: 'Inactive' }).click();
    await page.waitForURL(/\/sales\/customers\?status=inactive&q=north$/);
    await page.getByTestId('empty-state').getByText('No customer matches these filters.').waitFor();
    await page.reload();
    await page.getByTestId('empty-state').getByText('No customer matches these filters.').waitFor();

    await page.getByTestId('clear-filters').click();
    await page.waitForURL(/\/sales\/customers$/);
    await page.getByTestId('party-row-Northwind Traders').waitFor();
    expect(await page.getByTestId('party-search').inputValue()).toBe('');
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/inventory/products`);
    await rowCount('product-row-', 3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('catalog-14-products-phone');

    await page.getByTestId('product-row-TEA-100').getByRole('link').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="movement-row"]').length === 3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot('catalog-15-product-detail-phone');

    const customer = await api<{ items: { id: string }[] }>('GET', 'customers?q=Northwind');
    const pages: [string, string?][] = [
      ['/inventory/stock'],
      ['/inventory/valuation'],
      ['/inventory/products/new'],
      ['/inventory/products/import'],
      ['/sales/customers'],
      [`/sales/customers/${customer.body.items[0].id}`, 'catalog-16-customer-detail-phone'],
      ['/purchases/suppliers/new', 'catalog-17-supplier-form-phone'],
    ];
    for (const [path, picture] of pages) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('.page h1').waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      if (picture) await shot(picture);
    }
  });

  it('hides write actions from a role that may only read the catalog', async () => {
    const salesEmail = uniqueEmail('sales');
    const created = await api('POST', 'users', {
      name: 'Sam Seller',
      email: salesEmail,
      role: 'sales',
      password: 'sales-pass-123',
    });
    expect(created.status).toBe(201);
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const seller = await other.newPage();
    seller.on('pageerror', (e) => errors.push(e.message));
    await seller.goto(`${server.baseUrl}/login`);
    await seller.getByLabel('E-mail').fill(salesEmail);
    await seller.getByLabel('Password').fill('sales-pass-123');
    await seller.getByRole('button', { name: 'Sign in' }).click();
    await seller.waitForURL(/\/dashboard/);

    const nav = seller.getByLabel('Main navigation');
    await nav.getByRole('link', { name: 'Sales' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Purchases' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Inventory' }).click();
    await seller.waitForURL(/\/inventory\/products$/);
    await seller.locator('tr[data-testid="product-row-TEA-100"]').waitFor();
    await seller.getByTestId('export-csv').waitFor();
    expect(await seller.getByTestId('new-product').count()).toBe(0);
    expect(await seller.getByTestId('import-products').count()).toBe(0);
    await seller.getByTestId('product-row-TEA-100').getByRole('link').click();
    await seller.getByTestId('product-name').waitFor();
    expect(await seller.getByTestId('adjust-stock').count()).toBe(0);
    expect(await seller.getByTestId('edit-product').count()).toBe(0);
    await seller.goto(`${server.baseUrl}/inventory/products/new`);
    await seller.getByTestId('not-found').getByText('Your role cannot open this page').waitFor();
    // sales may write customers
    await seller.goto(`${server.baseUrl}/sales/customers`);
    await seller.getByTestId('new-party').waitFor();
    await other.close();
  });

  it('raised no uncaught errors in the pages', () => {
    expect(errors).toEqual([]);
  });
});
