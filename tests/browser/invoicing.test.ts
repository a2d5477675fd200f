import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { DocumentDetail, ListResponse, Product } from '@billinator/contracts';
import { computeDocument } from '@billinator/money';
import { uniqueEmail } from '../support/api-client';
import { browserApi, browserSession, pageShot } from '../support/browser';
import type { RunningServer } from '../support/server';

const PRODUCTS = [
  { sku: 'TEA-100', name: 'Green tea 100 g', salePrice: '12.50', taxRate: '7', openingQuantity: '20' },
  { sku: 'POT-1', name: 'Cast iron teapot', salePrice: '39.90', taxRate: '19', openingQuantity: '4' },
  { sku: 'CUP-6', name: 'Porcelain cups, set of 6', salePrice: '24.00', taxRate: '19', openingQuantity: '10' },
];
/** The lines the user types: product, quantity, discount %. */
const LINES = [
  { sku: 'TEA-100', quantity: '3', discount: '10' },
  { sku: 'POT-1', quantity: '1', discount: '0' },
  { sku: 'CUP-6', quantity: '2', discount: '5' },
];

const session = browserSession({ width: 1280, height: 800 });
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const errors = session.errors;

beforeAll(() => {
  ({ server, context, page } = session);
});

const shot = (name: string) => pageShot(page, name);
const api = <T>(method: string, path: string, body?: unknown) =>
  browserApi<T>(context, server.baseUrl, method, path, body);

/** "1,234.50" as the SPA shows amounts. */
const shown = (amount: string) => Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2 });

describe('invoicing in a real browser', () => {
  let invoiceUrl = '';
  const expected = computeDocument(
    LINES.map((l) => {
      const product = PRODUCTS.find((p) => p.sku === l.sku)!;
      return {
        quantity: l.quantity,
        unitPrice: product.salePrice,
        discountPercent: l.discount,
        taxRate: product.taxRate,
      };
    }),
  );

  it('signs up, with goods in stock', async () => {
    await page.goto(`${server.baseUrl}/signup`);
    await page.getByLabel('Business name').fill('Teahouse Invoicing');
    await page.getByLabel('Your name').fill('Ines Invoice');
    await page.getByLabel('E-mail').fill(uniqueEmail('invoicing'));
    await page.getByLabel('Password').fill('invoicing-pass-1');
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.waitForURL(/\/dashboard/);
    for (const p of PRODUCTS) {
      const created = await api<Product>('POST', 'products', {
        ...p,
        unit: 'pcs',
        kind: 'goods',
        purchasePrice: '5.00',
        reorderLevel: '0',
      });
      expect(created.status).toBe(201);
    }
  });

  it('creates a customer', async () => {
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Sales' }).click();
    await page.waitForURL(/\/sales\/invoices$/);
    await page.getByTestId('tab-Customers').click();
    await page.getByTestId('new-party').click();
    await page.getByLabel('Name', { exact: true }).fill('Northwind Traders');
    await page.getByLabel('Payment terms').fill('14');
    await page.getByTestId('save-party').click();
    await page.waitForURL(/\/sales\/customers\/[0-9a-f-]{36}$/);
  });

  it('writes an invoice with three lines and sees the totals live', async () => {
    await page.getByTestId('tab-Invoices').click();
    await page.waitForURL(/\/sales\/invoices$/);
    await page.getByTestId('new-document').click();
    await page.waitForURL(/\/sales\/invoices\/new$/);
    await page.getByTestId('party-input').locator('input').or(page.getByTestId('party-input')).first().fill('North');
    await page.getByTestId('party-option-Northwind Traders').click();
    for (const [i, line] of LINES.entries()) {
      if (i > 0) await page.getByTestId('add-line').click();
      await page.getByLabel(`Product of line ${i + 1}`).fill(line.sku);
      await page.getByTestId(`product-option-${line.sku}`).click();
      await page.getByLabel(`Quantity of line ${i + 1}`).fill(line.quantity);
      await page.getByLabel(`Discount percent of line ${i + 1}`).fill(line.discount);
    }
    await page.getByTestId('total-value').getByText(shown(expected.total)).waitFor();
    await page.getByTestId('tax-value').getByText(shown(expected.taxTotal)).waitFor();
    await shot('invoicing-01-editor');
    await page.getByTestId('save-button').click();
    await page.waitForURL(/\/sales\/invoices\/[0-9a-f-]{36}$/);
    invoiceUrl = page.url();
    await page.getByTestId('total-value').getByText(shown(expected.total)).waitFor();
    await shot('invoicing-02-draft');
  });

  it('issues it: numbered, goods out of stock', async () => {
    await page.getByTestId('issue-button').click();
    await page.getByTestId('confirm').click();
    await page
      .getByTestId('document-number')
      .getByText(/INV-\d{4}-000001/)
      .waitFor();
    await page.getByTestId('status-chip').getByText('Issued').waitFor();
    const teapot = (await api<ListResponse<Product>>('GET', 'products?q=POT-1')).body.items[0];
    expect(teapot.onHand).toBe('3.000');
    await shot('invoicing-03-issued');
  });

  it('records a partial payment against it', async () => {
    await page.getByTestId('record-payment').click();
    await page.waitForURL(/\/sales\/payments\/new\?/);
    // Coming from the invoice, the amount and its allocation start at what is due on it.
    const allocation = page.locator('[data-testid^="allocation-input-INV-"]');
    await allocation.waitFor();
    expect(await page.getByTestId('amount-input').inputValue()).toBe(expected.total);
    expect(await allocation.inputValue()).toBe(expected.total);
    await page.getByTestId('amount-input').fill('50.00');
    await page.getByTestId('mode-manual').click();
    await allocation.fill('50.00');
    await page.getByTestId('allocated-total').getByText('50.00').waitFor();
    await shot('invoicing-04-payment');
    await page.getByTestId('save-payment').click();
    await page.waitForURL(/\/sales\/payments\/[0-9a-f-]{36}$/);
    await page
      .getByTestId('payment-number')
      .getByText(/RCPT-\d{4}-000001/)
      .waitFor();
    await page.goto(invoiceUrl);
    await page.getByTestId('status-chip').getByText('Partially paid').waitFor();
    const balance = (Number(expected.total) - 50).toFixed(2);
    await page.getByTestId('balance-value').getByText(shown(balance)).waitFor();
  });

  it('credits one returned teapot with a credit note', async () => {
    await page.getByTestId('credit-note-button').click();
    await page.getByTestId('return-qty-1').fill('1');
    await page
      .getByTestId('correction-reason')
      .locator('textarea, input')
      .or(page.getByTestId('correction-reason'))
      .first()
      .fill('Lid cracked');
    await shot('invoicing-05-credit-dialog');
    await page.getByTestId('save-correction').click();
    await page.waitForURL(/\/sales\/credit-notes\/[0-9a-f-]{36}$/);
    await page
      .getByText(/CN-\d{4}-000001/)
      .first()
      .waitFor();
    await shot('invoicing-06-credit-note');
    await page.goto(invoiceUrl);
    const invoice = (await api<DocumentDetail>('GET', `sales/invoices/${invoiceUrl.split('/').pop()}`)).body;
    // teapot 39.90 + 19% = 47.48 credited
    expect(invoice).toMatchObject({ amountPaid: '50.00', amountCredited: '47.48' });
    expect(invoice.lines[1].returnedQuantity).toBe('1.000');
    await page.getByTestId('line-returned').first().waitFor();
    await shot('invoicing-07-invoice-after-credit');
  });

  it('downloads the invoice as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-button').click()]);
    expect(download.suggestedFilename()).toMatch(/^INV-\d{4}-000001\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('shows the refusal when stock is short, and the invoice list with its statuses', async () => {
    const customer = (await api<ListResponse<{ id: string }>>('GET', 'customers')).body.items[0];
    const teapot = (await api<ListResponse<Product>>('GET', 'products?q=POT-1')).body.items[0];
    const draft = await api<DocumentDetail>('POST', 'sales/invoices', {
      customerId: customer.id,
      issueDate: new Date().toISOString().slice(0, 10),
      lines: [{ productId: teapot.id, quantity: '9', unitPrice: '39.90', taxRate: '19' }],
    });
    await page.goto(`${server.baseUrl}/sales/invoices/${draft.body.id}`);
    await page.getByTestId('issue-button').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('shortfall-POT-1').waitFor();
    await page.getByTestId('status-chip').getByText('Draft').waitFor();
    await shot('invoicing-08-shortfall');
    await page.getByTestId('tab-Invoices').click();
    await page.locator('[data-testid^="document-row-INV-"]').first().waitFor();
    await page.getByTestId(`document-row-${draft.body.id}`).getByText('Draft').first().waitFor();
    await shot('invoicing-09-list');
    expect(errors).toEqual([]);
  });

  it('leaves filters it does not accept out of the address', async () => {
    await page.goto(`${server.baseUrl}/sales/invoices?status=draft&from=notadate`);
    await page.waitForURL(/\/sales\/invoices\?status=draft$/);
    await page.locator('[data-testid^="document-row-"]').first().waitFor();
    expect(await page.locator('[data-testid^="document-row-INV-"]').count()).toBe(0);
    await page.goto(`${server.baseUrl}/sales/invoices?status=bogus&to=2999-12-31`);
    await page.waitForURL(/\/sales\/invoices\?to=2999-12-31$/);
    await page.locator('[data-testid^="document-row-INV-"]').first().waitFor();
    expect(errors).toEqual([]);
  });
});
