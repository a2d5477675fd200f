import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { AUDIT_EXPORT_FIELDS, type Customer, type DocumentDetail, type Product } from '@billinator/contracts';
import { dec, type Decimal } from '@billinator/money';
import { ApiClient, signup, uniqueEmail } from '../support/api-client';
import { browserSession, pageShot } from '../support/browser';
import { correct, createCustomer, createSupplier, issueInvoice, postBill, receivePayment } from '../support/business';
import { ROOT, type RunningServer } from '../support/server';

const session = browserSession({ width: 1366, height: 900 });
let server: RunningServer;
let page: Page;
const errors = session.errors;

beforeAll(() => {
  ({ server, page } = session);
});

const shot = (name: string) => pageShot(page, name);

// ---- dates: this month and last month (UTC, as the dashboard counts them) ----
const now = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const TODAY = iso(now);
const LAST_MONTH_FIRST = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
const THIS_MONTH_LAST = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)));

/** As the SPA shows amounts: "1,234.50", a real minus sign. */
function shown(value: Decimal | string): string {
  const fixed = dec(value).toFixed(2);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole, fraction] = fixed.replace('-', '').split('.');
  return `${negative ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

const sumOf = (values: (Decimal | string)[]) => values.reduce<Decimal>((s, v) => s.plus(dec(v)), dec(0));
const netOf = (doc: DocumentDetail) => sumOf(doc.lines.map((l) => l.taxable));

/** Waits until the element's trimmed text is `expected`; on timeout, fails showing what it shows. */
async function expectText(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = '';
  while (Date.now() < deadline) {
    actual = ((await locator.textContent({ timeout: 2000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
    if (actual === expected) return;
    await page.waitForTimeout(100);
  }
  expect(actual).toBe(expected);
}

async function expectContains(locator: Locator, expected: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let actual = '';
  while (Date.now() < deadline) {
    actual = ((await locator.textContent({ timeout: 2000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
    if (actual.includes(expected)) return;
    await page.waitForTimeout(100);
  }
  expect(actual).toContain(expected);
}

async function download(testId: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return file;
}

async function signIn(email: string, password: string): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard/);
}

async function signOut(): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
}

/** A chart's canvas is laid out and has been painted on. */
async function expectChartDrawn(container: Locator): Promise<void> {
  const canvas = container.locator('canvas').first();
  await canvas.waitFor();
  const box = (await canvas.boundingBox())!;
  expect(box.width).toBeGreaterThan(50);
  expect(box.height).toBeGreaterThan(50);
  await page.waitForTimeout(350); // the 300 ms animation
  const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  expect(painted).toBeGreaterThan(100);
}

async function openReportTab(label: string, path: string): Promise<void> {
  await page.getByTestId(`tab-${label}`).click();
  await page.waitForURL(new RegExp(`/reports/${path}`));
  await page.getByTestId('report-table').waitFor();
}

async function setPeriod(from: string, to: string): Promise<void> {
  await page.getByTestId('report-from').fill(from);
  await page.getByTestId('report-to').fill(to);
  await page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to);
}

describe('reports, dashboard and the audit trail in a real browser', () => {
  const accountant = { email: uniqueEmail('accountant'), password: 'accountant-pass-1' };
  const auditor = { email: uniqueEmail('auditor'), password: 'auditor-pass-12' };
  let owner: ApiClient;
  let hotel: Customer;
  let cafe: Customer;
  let tea: Product;
  let pot: Product;
  /** INV1 (hotel, last month), INV2 (café, today, credited), INV3 (hotel, today). */
  let invoices: DocumentDetail[];
  let bill: DocumentDetail;
  let creditNote: DocumentDetail;
  const PAID = '50.00';
  /** Moving average costs: tea 40 @ 5.00 + 10 @ 5.50 = 5.10; teapots 20.00. */
  const COST: Record<string, string> = {};

  // the figures computed here from the documents the API returned
  let salesThisMonth: Decimal;
  let salesLastMonth: Decimal;
  let receivables: Decimal;
  let receivablesCurrent: Decimal;
  let payables: Decimal;
  let netSales: Decimal;
  let cogs: Decimal;
  let outputTax: Decimal;
  let inputTax: Decimal;
  let hotelBalance: Decimal;
  let stockValue: Decimal;

  it('sets up a shop through the API: goods, customers, a supplier, bill, invoices, payment, credit note, users', async () => {
    ({ client: owner } = await signup(server.baseUrl, 'Teahouse Reports'));
    const product = async (body: Record<string, string>) => {
      const r = await owner.post<Product>('/api/v1/products', { unit: 'pcs', kind: 'goods', ...body });
      expect(r.status).toBe(201);
      return r.body;
    };
    tea = await product({
      sku: 'TEA-100',
      name: 'Green tea 100 g',
      salePrice: '12.50',
      purchasePrice: '5.00',
      taxRate: '7',
      reorderLevel: '0',
      openingQuantity: '40',
      openingUnitCost: '5.00',
    });
    pot = await product({
      sku: 'POT-1',
      name: 'Cast iron teapot',
      salePrice: '39.90',
      purchasePrice: '20.00',
      taxRate: '19',
      reorderLevel: '10',
      openingQuantity: '10',
      openingUnitCost: '20.00',
    });
    hotel = await createCustomer(owner, 'Hotel Seeblick', 14);
    cafe = await createCustomer(owner, 'Café Lind', 30);
    const supplier = await createSupplier(owner, 'Leaf Wholesale', 30);

    bill = await postBill(
      owner,
      supplier.id,
      'LW-7781',
      [{ productId: tea.id, quantity: '10', unitPrice: '5.50', taxRate: '7' }],
      LAST_MONTH_FIRST,
    );
    COST[tea.id] = '5.10';
    COST[pot.id] = '20.00';

    invoices = [
      await issueInvoice(
        owner,
        hotel.id,
        [
          { productId: tea.id, quantity: '10', unitPrice: '12.50', discountPercent: '10', taxRate: '7' },
          { productId: pot.id, quantity: '1', unitPrice: '39.90', taxRate: '19' },
        ],
        LAST_MONTH_FIRST,
      ),
      await issueInvoice(
        owner,
        cafe.id,
        [
          { productId: tea.id, quantity: '4', unitPrice: '12.50', taxRate: '7' },
          { productId: pot.id, quantity: '2', unitPrice: '39.90', discountPercent: '5', taxRate: '19' },
        ],
        TODAY,
      ),
      await issueInvoice(
        owner,
        hotel.id,
        [
          { productId: pot.id, quantity: '1', unitPrice: '39.90', taxRate: '19' },
          { productId: tea.id, quantity: '2', unitPrice: '12.50', taxRate: '7' },
        ],
        TODAY,
      ),
    ];
    await receivePayment(owner, hotel.id, PAID, [{ invoiceId: invoices[0].id, amount: PAID }], TODAY);
    const potLine = invoices[1].lines.find((l) => l.productId === pot.id)!;
    creditNote = await correct(
      owner,
      'credit-note',
      invoices[1].id,
      [{ invoiceLineId: potLine.id, quantity: '1' }],
      TODAY,
      'Lid cracked',
    );
    const deal = await owner.post('/api/v1/crm/opportunities', {
      title: 'Breakfast tea contract',
      customerId: hotel.id,
      value: '1200.00',
    });
    expect(deal.status).toBe(201);
    for (const [role, user] of [
      ['accountant', accountant],
      ['auditor', auditor],
    ] as const) {
      const created = await owner.post('/api/v1/users', { ...user, name: `Ada ${role}`, role });
      expect(created.status).toBe(201);
    }

    // ---- the expected figures, from the documents as the API returned them ----
    const [inv1, inv2, inv3] = invoices;
    expect(inv1.status).toBe('issued');
    expect(dec(creditNote.total).lte(dec(inv2.total))).toBe(true);
    salesLastMonth = netOf(inv1);
    salesThisMonth = netOf(inv2).plus(netOf(inv3)).minus(netOf(creditNote));
    netSales = salesLastMonth.plus(salesThisMonth);
    const balances = [dec(inv1.total).minus(PAID), dec(inv2.total).minus(creditNote.total), dec(inv3.total)];
    receivables = sumOf(balances);
    receivablesCurrent = balances[1].plus(balances[2]); // INV1 is past its due date, the others are not
    hotelBalance = dec(inv1.total).plus(inv3.total).minus(PAID);
    payables = dec(bill.total);
    const lineCost = (l: DocumentDetail['lines'][number]) => dec(l.quantity).times(COST[l.productId]).round(2, 1);
    cogs = sumOf(invoices.flatMap((d) => d.lines.map(lineCost))).minus(sumOf(creditNote.lines.map(lineCost)));
    outputTax = sumOf(invoices.map((d) => d.taxTotal)).minus(creditNote.taxTotal);
    inputTax = dec(bill.taxTotal);
    const onHand = (p: Product, opening: string, bought: string) => {
      const sold = sumOf(invoices.flatMap((d) => d.lines.filter((l) => l.productId === p.id).map((l) => l.quantity)));
      const back = sumOf(creditNote.lines.filter((l) => l.productId === p.id).map((l) => l.quantity));
      return dec(opening).plus(bought).minus(sold).plus(back);
    };
    stockValue = onHand(tea, '40', '10')
      .times(COST[tea.id])
      .round(2, 1)
      .plus(onHand(pot, '10', '0').times(COST[pot.id]).round(2, 1));
    expect(onHand(pot, '10', '0').toFixed(0)).toBe('7'); // at or below its reorder level of 10
  });

  it('the accountant sees the dashboard figures and charts', async () => {
    await signIn(accountant.email, accountant.password);
    await page.getByTestId('role').getByText('accountant').waitFor();
    await expectContains(page.getByTestId('kpi-sales').locator('.kpi-value'), shown(salesThisMonth));
    await expectContains(page.getByTestId('kpi-sales'), `vs ${shown(salesLastMonth)} last month`);
    await expectContains(page.getByTestId('kpi-receivables').locator('.kpi-value'), shown(receivables));
    await expectContains(page.getByTestId('kpi-payables').locator('.kpi-value'), shown(payables));
    await expectText(page.getByTestId('kpi-overdue').locator('.kpi-value'), '1');
    await expectText(page.getByTestId('kpi-low-stock').locator('.kpi-value'), '1');
    await expectChartDrawn(page.getByTestId('dashboard-sales-chart'));
    await expectChartDrawn(page.getByTestId('dashboard-pipeline-chart'));
    // the hotel bought the most over the twelve months
    const hotelNet = netOf(invoices[0]).plus(netOf(invoices[2]));
    const cafeNet = netOf(invoices[1]).minus(netOf(creditNote));
    expect(hotelNet.gt(cafeNet)).toBe(true);
    await expectContains(page.getByTestId('top-customers').getByTestId('top-customer-0'), 'Hotel Seeblick');
    await expectContains(page.getByTestId('top-customers').getByTestId('top-customer-0'), shown(hotelNet));
    await page.getByTestId('top-products').getByTestId('top-product-0').waitFor();
    await shot('reports-01-dashboard');
  });

  it('the sales report totals the period and exports it as CSV', async () => {
    await page.getByLabel('Main navigation').getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(/\/reports\/sales/);
    await page.getByTestId('report-table').waitFor();
    await setPeriod(LAST_MONTH_FIRST, THIS_MONTH_LAST);
    await expectText(page.getByTestId('report-total-net'), shown(netSales));
    await expectText(page.getByTestId('report-total-tax'), shown(outputTax));
    await expectContains(page.getByTestId('report-summary'), '2 rows');
    await expectChartDrawn(page.getByTestId('report-chart'));
    await shot('reports-02-sales');

    const csv = await download('export-csv');
    expect(csv.suggestedFilename()).toBe(`sales-${LAST_MONTH_FIRST}-${THIS_MONTH_LAST}.csv`);
    const lines = readFileSync(await csv.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('Month,Invoices,Credit notes,Net,Tax,Gross');
    expect(lines).toHaveLength(4); // two months, then the totals
    expect(lines[3]).toContain(netSales.toFixed(2));
  });

  it('gross profit: net sales less the cost the goods went out at', async () => {
    await openReportTab('Gross profit', 'gross-profit');
    await setPeriod(LAST_MONTH_FIRST, THIS_MONTH_LAST);
    await expectText(page.getByTestId('report-total-net'), shown(netSales));
    await expectText(page.getByTestId('report-total-cogs'), shown(cogs));
    await expectText(page.getByTestId('report-total-profit'), shown(netSales.minus(cogs)));
    await shot('reports-03-gross-profit');
  });

  it('tax summary: output tax on sales, input tax on the bill, the net due', async () => {
    await openReportTab('Tax', 'tax');
    await setPeriod(LAST_MONTH_FIRST, THIS_MONTH_LAST);
    await expectText(page.getByTestId('report-total-outputTax'), shown(outputTax));
    await expectText(page.getByTestId('report-total-inputTax'), shown(inputTax));
    await expectText(page.getByTestId('report-total-netTax'), shown(outputTax.minus(inputTax)));
    await shot('reports-04-tax');
  });

  it('receivables and payables aging total the open balances', async () => {
    await openReportTab('Receivables', 'receivables');
    await expectText(page.getByTestId('report-total-total'), shown(receivables));
    await expectText(page.getByTestId('report-total-current'), shown(receivablesCurrent));
    await expectChartDrawn(page.getByTestId('report-chart'));
    await shot('reports-05-receivables');

    await openReportTab('Payables', 'payables');
    await expectText(page.getByTestId('report-total-total'), shown(payables));
    await shot('reports-06-payables');
  });

  it("a customer's statement ends at their balance and prints as a PDF", async () => {
    await openReportTab('Statements', 'statements');
    await page.getByTestId('empty-state').getByText('Pick a customer').waitFor();
    await page.getByTestId('statement-party').fill('Hotel');
    await page.getByTestId('party-option-Hotel Seeblick').click();
    await page.waitForURL(new RegExp(`customerId=${hotel.id}`));
    await expectText(page.getByTestId('report-total-balance'), shown(hotelBalance));
    const account = await owner.get<{ balance: string }>(`/api/v1/customers/${hotel.id}/account`);
    expect(account.status).toBe(200);
    expect(dec(account.body.balance).eq(hotelBalance)).toBe(true);
    await shot('reports-07-statement');

    const pdf = await download('export-pdf');
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('stock valuation values the goods on hand at moving average cost', async () => {
    await openReportTab('Stock valuation', 'stock-valuation');
    await expectText(page.getByTestId('report-total-value'), shown(stockValue));
    await shot('reports-08-stock-valuation');
    await signOut();
  });

  describe('the auditor', () => {
    let inv2Seqs: number[] = [];

    it('filters the trail by action, entity type and entity id, and reads a record', async () => {
      await signIn(auditor.email, auditor.password);
      await page.getByLabel('Main navigation').getByRole('link', { name: 'Audit trail' }).click();
      await page.waitForURL(/\/audit/);
      await page.locator('[data-testid^="audit-row-"]').first().waitFor();

      const rows = page.locator('tr[data-testid^="audit-row-"]');
      const actions = async () => rows.locator('code.action').allTextContents();

      // 3 invoices created and issued, one credited
      await page.getByTestId('audit-filter-action').fill('sales_invoice.*');
      await page.keyboard.press('Escape');
      await page.waitForURL(/action=sales_invoice\.\*/);
      await expectText(page.getByTestId('audit-total'), '7 records');
      expect((await actions()).every((a) => a.startsWith('sales_invoice.'))).toBe(true);
      expect((await actions()).sort()).toEqual([
        'sales_invoice.created',
        'sales_invoice.created',
        'sales_invoice.created',
        'sales_invoice.credited',
        'sales_invoice.issued',
        'sales_invoice.issued',
        'sales_invoice.issued',
      ]);
      await shot('reports-09-audit-action');

      await page.getByTestId('audit-filter-action').fill('');
      await page.getByTestId('audit-filter-entity-type').click();
      await page.getByRole('option', { name: 'Credit note', exact: true }).click();
      await expectText(page.getByTestId('audit-total'), '1 record');
      expect(await actions()).toEqual(['credit_note.issued']);

      await page.getByTestId('audit-filter-entity-type').click();
      await page.getByRole('option', { name: 'Sales invoice', exact: true }).click();
      await page.getByTestId('audit-filter-entity-id').fill(invoices[1].id);
      await page.waitForURL(new RegExp(`entityId=${invoices[1].id}`));
      await expectText(page.getByTestId('audit-total'), '3 records');
      expect(await actions()).toEqual(['sales_invoice.credited', 'sales_invoice.issued', 'sales_invoice.created']);
      inv2Seqs = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')!))).map((t) =>
        Number(t.replace('audit-row-', '')),
      );
      expect(inv2Seqs[0]).toBeGreaterThan(inv2Seqs[1]); // newest first
      await shot('reports-10-audit-entity');

      // the issue: status draft → issued, the number assigned
      await page.getByTestId(`audit-row-${inv2Seqs[1]}`).click();
      const record = page.getByTestId('audit-record');
      await record.waitFor();
      await expectText(record.getByTestId('record-seq'), String(inv2Seqs[1]));
      const status = record.getByTestId('diff-row-status');
      expect(await status.getAttribute('class')).toContain('changed');
      await expectText(status.locator('td.before'), 'draft');
      await expectText(status.locator('td.after'), 'issued');
      await expectText(record.getByTestId('diff-row-number').locator('td.after'), invoices[1].number!);
      expect(await record.getByTestId('record-hash').textContent()).toMatch(/^\s*[0-9a-f]{64}\s*$/);
      expect(await record.getByTestId('record-prev-hash').textContent()).toMatch(/^\s*[0-9a-f]{64}\s*$/);
      await shot('reports-11-audit-record');
      await page.getByTestId('record-close').click();
      await record.waitFor({ state: 'detached' });
    });

    it('verifies the chain and exports it; the export verifies offline', async () => {
      await page.getByTestId('verify-button').click();
      await expectContains(page.getByTestId('verify-result'), 'Intact');
      await page.getByTestId('clear-filters').click();
      await page.waitForURL((url) => !url.searchParams.has('entityId'));
      await page.locator('tr[data-testid^="audit-row-"]').nth(3).waitFor();
      await shot('reports-12-audit-verified');

      const jsonl = await download('export-jsonl');
      expect(jsonl.suggestedFilename()).toMatch(/\.jsonl$/);
      const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
      const file = join(dir, jsonl.suggestedFilename());
      await jsonl.saveAs(file);
      const records = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.length).toBeGreaterThan(20);
      expect(records.map((r) => r['action'])).toEqual(expect.arrayContaining(['audit.verified']));
      const verified = spawnSync(process.execPath, ['scripts/audit-verify.mjs', file], { cwd: ROOT, encoding: 'utf8' });
      expect({ status: verified.status, stderr: verified.stderr }).toEqual({ status: 0, stderr: '' });
      expect(verified.stdout).toMatch(/intact: \d+ records/);

      const csv = await download('export-csv');
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      const header = readFileSync(await csv.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0];
      expect(header).toBe(AUDIT_EXPORT_FIELDS.join(','));
    });

    it('sees no write buttons elsewhere', async () => {
      await page.getByLabel('Main navigation').getByRole('link', { name: 'Sales' }).click();
      await page.waitForURL(/\/sales\/invoices$/);
      await page.getByTestId(`document-row-${invoices[0].number}`).waitFor();
      expect(await page.getByTestId('new-document').count()).toBe(0);
      await page.goto(`${server.baseUrl}/sales/invoices/${invoices[0].id}`);
      await page.getByTestId('status-chip').getByText('Partially paid').waitFor();
      await page.getByTestId('pdf-button').waitFor();
      for (const button of ['record-payment', 'credit-note-button', 'void-button', 'edit-button', 'issue-button']) {
        expect({ button, count: await page.getByTestId(button).count() }).toEqual({ button, count: 0 });
      }
      await shot('reports-13-auditor-invoice');
      await page.getByLabel('Main navigation').getByRole('link', { name: 'Users' }).click();
      await page.waitForURL(/\/users/);
      await page.getByTestId(`user-row-${auditor.email}`).waitFor();
      expect(await page.getByTestId('add-user').count()).toBe(0);
      expect(errors).toEqual([]);
    });
  });
});
