import type { BrowserContext, Page } from 'playwright-core';
import type { Customer, DocumentDetail, ListResponse, Opportunity, Product } from '@billinator/contracts';
import { uniqueEmail } from '../support/api-client';
import { browserApi, browserSession, pageShot } from '../support/browser';
import type { RunningServer } from '../support/server';

const session = browserSession({ width: 1440, height: 900 });
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

/** Drags a board card into another stage's column with real mouse moves (CDK drag and drop). */
async function dragCard(title: string, stage: string): Promise<void> {
  const card = page.getByTestId(`card-${title}`);
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 15);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 25, { steps: 5 });
  const to = (await page.getByTestId(`column-${stage}`).boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + 200, { steps: 15 });
  await page.waitForTimeout(150);
  await page.mouse.up();
}

async function opportunity(title: string): Promise<Opportunity> {
  const list = await api<ListResponse<Opportunity>>('GET', `crm/opportunities?q=${encodeURIComponent(title)}`);
  return list.body.items.find((o) => o.title === title)!;
}

/** The board saves after the drop: wait until the server has the new stage. */
async function stageBecomes(title: string, stage: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await opportunity(title)).stage === stage) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${title} did not reach ${stage}`);
}

describe('CRM in a real browser', () => {
  let customer: Customer;

  it('signs up with a customer and goods', async () => {
    await page.goto(`${server.baseUrl}/signup`);
    await page.getByLabel('Business name').fill('Leaf & Co CRM');
    await page.getByLabel('Your name').fill('Cora Closer');
    await page.getByLabel('E-mail').fill(uniqueEmail('crm'));
    await page.getByLabel('Password').fill('crm-pass-12345');
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.waitForURL(/\/dashboard/);
    customer = (await api<Customer>('POST', 'customers', { name: 'Hotel Seeblick', paymentTermsDays: 30 })).body;
    for (const [sku, price] of [
      ['TEA-250', '9.50'],
      ['POT-1', '39.90'],
    ]) {
      const created = await api<Product>('POST', 'products', {
        sku,
        name: `Product ${sku}`,
        unit: 'pcs',
        kind: 'goods',
        salePrice: price,
        purchasePrice: '4.00',
        taxRate: '19',
        reorderLevel: '0',
      });
      expect(created.status).toBe(201);
    }
    await api('POST', 'crm/opportunities', { title: 'Tasting event', prospectName: 'Bakery Lind', value: '0' });
  });

  it('creates an opportunity through the form', async () => {
    await page.getByLabel('Main navigation').getByRole('link', { name: 'CRM' }).click();
    await page.waitForURL(/\/crm\/pipeline$/);
    await page.getByTestId('new-opportunity').click();
    await page.getByTestId('title-input').fill('Breakfast tea contract');
    await page
      .getByTestId('customer-input')
      .locator('input')
      .or(page.getByTestId('customer-input'))
      .first()
      .fill('Hotel');
    await page.getByTestId('party-option-Hotel Seeblick').click();
    await page.getByTestId('value-input').fill('12000');
    await page.getByTestId('save-opportunity').click();
    await page.waitForURL(/\/crm\/opportunities\/[0-9a-f-]{36}$/);
    await page.getByTestId('opportunity-title').getByText('Breakfast tea contract').waitFor();
  });

  it('moves a card across the board and rolls back a move the server refuses', async () => {
    await page.getByTestId('tab-Pipeline').click();
    await page.getByTestId('card-Breakfast tea contract').waitFor();
    await dragCard('Breakfast tea contract', 'qualified');
    await page.getByTestId('column-qualified').getByTestId('card-Breakfast tea contract').waitFor();
    await page.getByTestId('column-total-qualified').getByText('12,000.00').waitFor();
    await stageBecomes('Breakfast tea contract', 'qualified');
    await dragCard('Breakfast tea contract', 'proposal');
    await stageBecomes('Breakfast tea contract', 'proposal');

    // a deal worth nothing cannot be won: the card goes back and the reason is shown
    await dragCard('Tasting event', 'won');
    await page.getByText('A won opportunity needs its value').waitFor();
    await page.getByTestId('column-lead').getByTestId('card-Tasting event').waitFor();
    expect((await opportunity('Tasting event')).stage).toBe('lead');
    await shot('crm-01-board');
  });

  it('writes a quote for the opportunity, sends it, has it accepted and converts it into an invoice', async () => {
    const deal = await opportunity('Breakfast tea contract');
    await page.goto(`${server.baseUrl}/crm/opportunities/${deal.id}`);
    await page.getByTestId('new-quote').click();
    await page.waitForURL(/\/crm\/quotes\/new\?/);
    await page.getByLabel('Product of line 1').fill('TEA-250');
    await page.getByTestId('product-option-TEA-250').click();
    await page.getByLabel('Quantity of line 1').fill('200');
    await page.getByLabel('Discount percent of line 1').fill('5');
    await page.getByTestId('add-line').click();
    await page.getByLabel('Product of line 2').fill('POT-1');
    await page.getByTestId('product-option-POT-1').click();
    await page.getByLabel('Quantity of line 2').fill('4');
    // 200 × 9.50 − 5% = 1,805.00 + 19% = 2,147.95; 4 × 39.90 = 159.60 + 30.32 = 189.92
    await page.getByTestId('total-value').getByText('2,337.87').waitFor();
    await shot('crm-02-quote-editor');
    await page.getByTestId('save-button').click();
    await page.waitForURL(/\/crm\/quotes\/[0-9a-f-]{36}$/);
    const quoteUrl = page.url();

    await page.getByTestId('send-button').click();
    await page.getByTestId('confirm').click();
    await page
      .getByTestId('document-number')
      .getByText(/QT-\d{4}-000001/)
      .waitFor();
    await page.getByTestId('accept-button').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('status-chip').getByText('Accepted').waitFor();
    await shot('crm-03-quote-accepted');
    await page.getByTestId('convert-button').click();
    await page.getByTestId('confirm').click();
    await page.waitForURL(/\/sales\/invoices\/[0-9a-f-]{36}$/);
    await page
      .getByTestId('quote-link')
      .getByText(/QT-\d{4}-000001/)
      .waitFor();
    await page.getByTestId('total-value').getByText('2,337.87').waitFor();
    await shot('crm-04-invoice-from-quote');

    const quote = (await api<DocumentDetail>('GET', `crm/quotes/${quoteUrl.split('/').pop()}`)).body;
    expect(quote.status).toBe('converted');
    const again = await api<{ detail: string }>('POST', `crm/quotes/${quote.id}/convert`);
    expect(again.status).toBe(409);
  });

  it('rejects a sent quote only when asked: Cancel in the reason dialog changes nothing', async () => {
    const products = (await api<ListResponse<Product>>('GET', 'products?q=TEA-250')).body.items;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const draft = await api<DocumentDetail>('POST', 'crm/quotes', {
      customerId: customer.id,
      issueDate: day(0),
      validUntil: day(30),
      lines: [{ productId: products[0].id, quantity: '3', unitPrice: '9.50', taxRate: '19' }],
    });
    expect(draft.status).toBe(201);
    expect((await api<DocumentDetail>('POST', `crm/quotes/${draft.body.id}/send`, {})).body.status).toBe('sent');
    await page.goto(`${server.baseUrl}/crm/quotes/${draft.body.id}`);
    await page.getByTestId('status-chip').getByText('Sent').waitFor();

    await page.getByTestId('reject-button').click();
    await page.getByTestId('cancel').click();
    await page.getByTestId('reason-input').waitFor({ state: 'detached' });
    expect((await api<DocumentDetail>('GET', `crm/quotes/${draft.body.id}`)).body.status).toBe('sent');
    await page.getByTestId('status-chip').getByText('Sent').waitFor();

    // The reason is optional when rejecting: confirming with none rejects it.
    await page.getByTestId('reject-button').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('status-chip').getByText('Rejected').waitFor();
    expect((await api<DocumentDetail>('GET', `crm/quotes/${draft.body.id}`)).body.status).toBe('rejected');
  });

  it('brings the customer together: activities, notes and the timeline', async () => {
    await page.goto(`${server.baseUrl}/sales/customers/${customer.id}`);
    await page.getByTestId('note-input').fill('Prefers deliveries on Tuesdays.');
    await page.getByTestId('add-note').click();
    await page.getByTestId('note-0').getByText('Prefers deliveries on Tuesdays.').waitFor();
    await page.getByTestId('add-activity').click();
    await page.getByTestId('activity-subject-input').fill('Call about the first delivery');
    await page.getByTestId('save-activity').click();
    await page.getByTestId('activity-Call about the first delivery').waitFor();
    await page.reload();
    await page
      .getByTestId('customer-timeline')
      .getByText(/QT-\d{4}-000001/)
      .first()
      .waitFor();
    await page.getByTestId('customer-timeline').getByText('Breakfast tea contract').first().waitFor();
    await page.getByTestId('customer-timeline').getByText('Prefers deliveries on Tuesdays.').first().waitFor();
    await shot('crm-05-customer');
    expect(errors).toEqual([]);
  });

  it("opens the customer's opportunities, leaving a stage it does not know out of the address", async () => {
    await page.goto(`${server.baseUrl}/crm/opportunities?customerId=${customer.id}&stage=nonsense`);
    await page.waitForURL(new RegExp(`/crm/opportunities\\?customerId=${customer.id}$`));
    await page.getByTestId('opportunity-row-Breakfast tea contract').waitFor();
    await page.getByTestId('customer-filter').waitFor();
    expect(errors).toEqual([]);
  });
});
