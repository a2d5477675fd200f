import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import type {
  AuditEvent,
  AuditVerification,
  Customer,
  Dashboard,
  DocumentDetail,
  ListResponse,
  Opportunity,
  Payment,
  ProblemDetails,
  Product,
  ReportResult,
  StockMovement,
  Supplier,
} from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import {
  correct,
  createCustomer,
  createProduct,
  createSupplier,
  draftBill,
  draftInvoice,
  issueInvoice,
  makePayment,
  postBill,
  receivePayment,
} from '../support/business';
import { freshPostgresSchema } from '../support/databases';
import { removeDir, RunningServer, startServer } from '../support/server';

/**
 * Reports and the dashboard over a small business built through the API, on both stores.
 * Every expected figure is computed here from the documents, payments and stock movements
 * the API answers (big.js, no SQL), never copied from a report.
 */
const engines: [string, () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>][] = [
  ['DuckDB', async () => ({ env: {}, cleanup: async () => undefined })],
  [
    'PostgreSQL',
    async () => {
      const schema = await freshPostgresSchema();
      return { env: { DATABASE_URL: schema.url }, cleanup: schema.drop };
    },
  ],
];

type Kind = DocumentDetail['kind'];
type Row = Record<string, string | number | null>;

const TODAY = new Date().toISOString().slice(0, 10);
const FROM = '2026-01-01';
const TO = '2026-03-31';
const AS_OF = '2026-04-15';

const ZERO = () => new Big(0);
const cents = (v: Big.BigSource) => {
  const text = new Big(v).round(2, 1).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
};
const sumOf = (values: Big.BigSource[]) => values.reduce<Big>((acc, v) => acc.plus(v), ZERO());
const counted = (d: DocumentDetail) => d.status !== 'draft' && d.status !== 'void';
const negative = (kind: Kind) => kind === 'credit_note' || kind === 'purchase_return';
const sign = (kind: Kind) => (negative(kind) ? -1 : 1);
const inRange = (date: string, from = FROM, to = TO) => date >= from && date <= to;
const days = (later: string, earlier: string) =>
  Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
const monday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const monthsBack = (date: string, back: number) => {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 - back, 1));
  return d.toISOString().slice(0, 7);
};
const sortByKey = (rows: Row[], key: string) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
const byNetThen = (key: string) => (a: Row, b: Row) =>
  new Big(String(b['net'])).cmp(String(a['net'])) || String(a[key]).localeCompare(String(b[key]));

let server: RunningServer;
let cleanup: () => Promise<void>;
let owner: ApiClient;

async function addUser(role: string): Promise<ApiClient> {
  const email = uniqueEmail(role);
  const created = await owner.post('/api/v1/users', { email, name: `${role} person`, role, password: PASSWORD });
  if (created.status !== 201) throw new Error(`user ${role}: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new ApiClient(server.baseUrl);
  const login = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login ${role}: ${login.status}`);
  return client;
}

async function report(client: ApiClient, path: string): Promise<ReportResult> {
  const response = await client.get<ReportResult>(`/api/v1/reports/${path}`);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The report's rows and totals restricted to its columns (hidden id keys dropped). */
function table(result: ReportResult): { rows: Row[]; totals: Row | null } {
  const pick = (row: Row) => Object.fromEntries(result.columns.map((c) => [c.key, row[c.key] ?? null]));
  return { rows: result.rows.map((r) => pick(r as Row)), totals: result.totals ? pick(result.totals as Row) : null };
}

describe.each(engines)('reports and dashboard on %s', (_engine, prepare) => {
  const ids: { id: string; kind: Kind }[] = [];
  let docs: DocumentDetail[] = [];
  const payments: Payment[] = [];
  let tea: Product;
  let pot: Product;
  let fee: Product;
  let bare: Product;
  let alpha: Customer;
  let beta: Customer;
  let gamma: Customer;
  let leaf: Supplier;
  let clay: Supplier;
  /** Unit cost of each goods line as the stock ledger booked it: `${documentId}/${productId}`. */
  const ledgerCost = new Map<string, string>();
  const customerName = new Map<string, string>();
  const productOf = new Map<string, Product>();

  const keep = (doc: DocumentDetail) => {
    ids.push({ id: doc.id, kind: doc.kind });
    return doc;
  };

  async function refresh(): Promise<void> {
    const path: Record<Kind, string> = {
      sales_invoice: 'sales/invoices',
      credit_note: 'sales/credit-notes',
      purchase_invoice: 'purchase/invoices',
      purchase_return: 'purchase/returns',
      quote: 'crm/quotes',
    };
    docs = await Promise.all(
      ids.map(async ({ id, kind }) => (await owner.get<DocumentDetail>(`/api/v1/${path[kind]}/${id}`)).body),
    );
  }

  beforeAll(async () => {
    const store = await prepare();
    cleanup = store.cleanup;
    server = await startServer(store.env);
    owner = (await signup(server.baseUrl, 'Report Works')).client;

    // Stock: TEA 110 at 5.00, POT 20 at 12.00; BARE has none (so it is low on stock).
    tea = await createProduct(owner, 'TEA', { name: 'Tea', openingQuantity: '110', openingUnitCost: '5.00' });
    pot = await createProduct(owner, 'POT', { name: 'Teapot', openingQuantity: '20', openingUnitCost: '12.00' });
    fee = await createProduct(owner, 'FEE', { name: 'Tasting fee', kind: 'service' });
    bare = await createProduct(owner, 'BARE', { name: 'Bare shelf' });
    for (const p of [tea, pot, fee, bare]) productOf.set(p.id, p);
    alpha = await createCustomer(owner, 'Alpha Café', 14);
    beta = await createCustomer(owner, 'Beta Bistro', 30);
    gamma = await createCustomer(owner, 'Gamma Deli', 14, { openingBalance: '50.00' });
    for (const c of [alpha, beta, gamma]) customerName.set(c.id, c.name);
    leaf = await createSupplier(owner, 'Leaf Importers', 30);
    clay = await createSupplier(owner, 'Clay Works', 30);

    // December 2025: an old invoice, 90+ days past due by the aging date.
    keep(
      await issueInvoice(
        owner,
        gamma.id,
        [{ productId: pot.id, quantity: '1', unitPrice: '30.00', taxRate: '10' }],
        '2025-12-01',
      ),
    );
    // January: TEA goes out at 5.00 before the bill moves its average to (100 × 5 + 100 × 7) / 200 = 6.00.
    const inv1 = keep(
      await issueInvoice(
        owner,
        alpha.id,
        [
          { productId: tea.id, quantity: '10', unitPrice: '12.50', discountPercent: '10', taxRate: '20' },
          { productId: fee.id, quantity: '1', unitPrice: '40.00', taxRate: '0' },
        ],
        '2026-01-10',
      ),
    );
    const inv2 = keep(
      await issueInvoice(
        owner,
        beta.id,
        [{ productId: pot.id, quantity: '2', unitPrice: '30.00', taxRate: '10' }],
        '2026-01-20',
      ),
    );
    const bill1 = keep(
      await postBill(
        owner,
        leaf.id,
        'LI-1',
        [{ productId: tea.id, quantity: '100', unitPrice: '7.00', taxRate: '20' }],
        '2026-01-15',
      ),
    );
    // Issued then voided: never counts.
    const voided = keep(
      await issueInvoice(
        owner,
        alpha.id,
        [{ productId: tea.id, quantity: '5', unitPrice: '12.50', taxRate: '20' }],
        '2026-01-25',
      ),
    );
    const voidResponse = await owner.post(`/api/v1/sales/invoices/${voided.id}/void`, { reason: 'Wrong customer' });
    expect(voidResponse.status).toBe(200);

    // February: another sale, a credit note, a second supplier with a return.
    const inv3 = keep(
      await issueInvoice(
        owner,
        alpha.id,
        [
          { productId: tea.id, quantity: '20', unitPrice: '12.00', taxRate: '20' },
          { productId: pot.id, quantity: '1', unitPrice: '30.00', taxRate: '10' },
        ],
        '2026-02-05',
      ),
    );
    keep(
      await correct(owner, 'credit-note', inv2.id, [{ invoiceLineId: inv2.lines[0].id, quantity: '1' }], '2026-02-10'),
    );
    const bill2 = keep(
      await postBill(
        owner,
        clay.id,
        'CW-7',
        [{ productId: pot.id, quantity: '10', unitPrice: '12.00', taxRate: '10' }],
        '2026-02-12',
      ),
    );
    keep(
      await correct(
        owner,
        'purchase-return',
        bill2.id,
        [{ invoiceLineId: bill2.lines[0].id, quantity: '2' }],
        '2026-02-20',
      ),
    );

    // March, April and today.
    const inv4 = keep(
      await issueInvoice(
        owner,
        gamma.id,
        [
          { productId: tea.id, quantity: '5', unitPrice: '12.50', taxRate: '20' },
          { productId: fee.id, quantity: '1', unitPrice: '40.00', taxRate: '0' },
        ],
        '2026-03-03',
      ),
    );
    keep(
      await issueInvoice(
        owner,
        beta.id,
        [{ productId: tea.id, quantity: '2', unitPrice: '13.00', taxRate: '20' }],
        '2026-04-01',
      ),
    );
    keep(
      await issueInvoice(
        owner,
        beta.id,
        [{ productId: tea.id, quantity: '1', unitPrice: '12.50', taxRate: '20' }],
        TODAY,
      ),
    );
    // Drafts never count.
    keep(
      await draftInvoice(
        owner,
        alpha.id,
        [{ productId: tea.id, quantity: '100', unitPrice: '1.00', taxRate: '20' }],
        '2026-03-05',
      ),
    );
    keep(
      await draftBill(
        owner,
        leaf.id,
        'LI-DRAFT',
        [{ productId: pot.id, quantity: '5', unitPrice: '1.00' }],
        '2026-03-06',
      ),
    );

    // Payments: partial ones, one reversed today, one made to a supplier.
    payments.push(
      await receivePayment(owner, alpha.id, '100.00', [{ invoiceId: inv1.id, amount: '100.00' }], '2026-02-15'),
    );
    payments.push(
      await receivePayment(owner, beta.id, '20.00', [{ invoiceId: inv2.id, amount: '20.00' }], '2026-02-25'),
    );
    const reversed = await receivePayment(
      owner,
      alpha.id,
      '50.00',
      [{ invoiceId: inv3.id, amount: '50.00' }],
      '2026-03-12',
    );
    const reversal = await owner.post<Payment>(`/api/v1/sales/payments/${reversed.id}/reverse`, { reason: 'Bounced' });
    expect(reversal.status).toBe(200);
    payments.push(reversal.body);
    payments.push(
      await makePayment(owner, leaf.id, '300.00', [{ invoiceId: bill1.id, amount: '300.00' }], '2026-02-01'),
    );
    expect(inv4.number).toMatch(/^INV-2026-/);

    // POT becomes low on stock (reorder level 100); TEA and FEE are not, BARE (nothing on hand) is.
    const potNow = (await owner.get<Product>(`/api/v1/products/${pot.id}`)).body;
    expect(
      (await owner.patch(`/api/v1/products/${pot.id}`, { reorderLevel: '100', version: potNow.version })).status,
    ).toBe(200);

    // A pipeline.
    for (const [title, value, stage] of [
      ['Hotel tea', '1200.00', 'lead'],
      ['Office pots', '800.00', 'proposal'],
      ['Café supply', '500.00', 'proposal'],
    ]) {
      const created = await owner.post('/api/v1/crm/opportunities', { title, value, customerId: alpha.id, stage });
      expect(created.status).toBe(201);
    }

    await refresh();
    for (const product of [tea, pot]) {
      const movements = await owner.get<ListResponse<StockMovement>>(
        `/api/v1/stock/movements?productId=${product.id}&limit=100`,
      );
      for (const m of movements.body.items) if (m.refId) ledgerCost.set(`${m.refId}/${product.id}`, m.unitCost);
    }
    // The costs the lines went out at, as planned above.
    expect(ledgerCost.get(`${inv1.id}/${tea.id}`)).toBe('5.0000');
    expect(ledgerCost.get(`${inv3.id}/${tea.id}`)).toBe('6.0000');
    expect(ledgerCost.get(`${inv2.id}/${pot.id}`)).toBe('12.0000');
  });

  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
    await cleanup();
  });

  const salesDocs = (from = FROM, to = TO) =>
    docs.filter(
      (d) => (d.kind === 'sales_invoice' || d.kind === 'credit_note') && counted(d) && inRange(d.issueDate, from, to),
    );
  const lineNet = (d: DocumentDetail) => sumOf(d.lines.map((l) => l.taxable));

  /** Sales figures of a set of documents, each signed by kind. */
  function salesFigures(list: DocumentDetail[], lines?: (d: DocumentDetail) => DocumentDetail['lines']): Row {
    const pickLines = lines ?? ((d: DocumentDetail) => d.lines);
    const amount = (field: 'taxable' | 'tax' | 'total') =>
      cents(sumOf(list.flatMap((d) => pickLines(d).map((l) => new Big(l[field]).times(sign(d.kind))))));
    return {
      invoices: list.filter((d) => d.kind === 'sales_invoice').length,
      creditNotes: list.filter((d) => d.kind === 'credit_note').length,
      net: amount('taxable'),
      tax: amount('tax'),
      gross: amount('total'),
    };
  }

  function grouped<K>(list: DocumentDetail[], keyOf: (d: DocumentDetail) => K): Map<K, DocumentDetail[]> {
    const groups = new Map<K, DocumentDetail[]>();
    for (const d of list) groups.set(keyOf(d), [...(groups.get(keyOf(d)) ?? []), d]);
    return groups;
  }

  describe('sales', () => {
    it('by month: credit notes subtract in their own month; drafts and void invoices never count', async () => {
      const result = await report(owner, `sales?groupBy=month&from=${FROM}&to=${TO}`);
      expect(result).toMatchObject({ name: 'sales', filters: { from: FROM, to: TO, groupBy: 'month' } });
      expect(result.columns.map((c) => c.key)).toEqual(['period', 'invoices', 'creditNotes', 'net', 'tax', 'gross']);
      const list = salesDocs();
      const expected = [...grouped(list, (d) => d.issueDate.slice(0, 7))].map(([period, ds]) => ({
        period,
        ...salesFigures(ds),
      }));
      expect(table(result)).toEqual({
        rows: sortByKey(expected, 'period'),
        totals: { period: 'Total', ...salesFigures(list) },
      });
      // The net of the documents (Σ lines' taxable) agrees with their headers: subtotal − discounts.
      for (const d of list) expect(cents(lineNet(d))).toBe(cents(new Big(d.subtotal).minus(d.discountTotal)));
      // Independent of the figures: 4 invoices in the quarter (the void one and the draft left out), one credit note.
      expect(result.totals).toMatchObject({ invoices: 4, creditNotes: 1 });
      // January: 152.50 + 60.00; February: 270.00 − 30.00; March: 102.50.
      expect(table(result).rows.map((r) => r['net'])).toEqual(['212.50', '240.00', '102.50']);
    });

    it('by day and by ISO week (Monday)', async () => {
      const list = salesDocs();
      for (const [groupBy, keyOf] of [
        ['day', (d: DocumentDetail) => d.issueDate],
        ['week', (d: DocumentDetail) => monday(d.issueDate)],
      ] as const) {
        const result = await report(owner, `sales?groupBy=${groupBy}&from=${FROM}&to=${TO}`);
        const expected = [...grouped(list, keyOf)].map(([period, ds]) => ({ period, ...salesFigures(ds) }));
        expect(table(result).rows).toEqual(sortByKey(expected, 'period'));
      }
      const weeks = await report(owner, `sales?groupBy=week&from=${FROM}&to=${TO}`);
      expect(weeks.rows.map((r) => r['period'])).toContain('2026-02-02'); // 5 Feb 2026 is a Thursday
    });

    it('by customer, top net first', async () => {
      const result = await report(owner, `sales?groupBy=customer&from=${FROM}&to=${TO}`);
      const list = salesDocs();
      const expected = [...grouped(list, (d) => d.partyId)].map(([id, ds]) => ({
        customer: customerName.get(id) ?? null,
        ...salesFigures(ds),
      }));
      expect(table(result).rows).toEqual(expected.sort(byNetThen('customer')));
      expect(result.rows.map((r) => r['customerId'])).toEqual(
        expected.map((r) => [...customerName].find(([, n]) => n === r.customer)?.[0]),
      );
      expect(table(result).totals).toEqual({ customer: 'Total', ...salesFigures(list) });
    });

    it('by product, from the lines, counting the lines a product is on', async () => {
      const result = await report(owner, `sales?groupBy=product&from=${FROM}&to=${TO}`);
      expect(result.columns.map((c) => c.key)).toEqual([
        'sku',
        'product',
        'invoiceLines',
        'creditNoteLines',
        'net',
        'tax',
        'gross',
      ]);
      const list = salesDocs();
      const lineFigures = (productId?: string) => {
        const of = (d: DocumentDetail) => d.lines.filter((l) => productId === undefined || l.productId === productId);
        const { invoices: _i, creditNotes: _c, ...money } = salesFigures(list, of);
        return {
          invoiceLines: list.filter((d) => d.kind === 'sales_invoice').flatMap(of).length,
          creditNoteLines: list.filter((d) => d.kind === 'credit_note').flatMap(of).length,
          ...money,
        };
      };
      const productIds = [...new Set(list.flatMap((d) => d.lines.map((l) => l.productId)))];
      const expected = productIds.map((productId) => ({
        sku: productOf.get(productId)!.sku,
        product: productOf.get(productId)!.name,
        ...lineFigures(productId),
      }));
      expect(table(result).rows).toEqual(expected.sort(byNetThen('sku')));
      expect(table(result).totals).toEqual({ sku: 'Total', product: null, ...lineFigures() });
      // TEA: 3 invoice lines in the quarter; POT: 2 and the credit note's line.
      expect(result.rows.find((r) => r['sku'] === 'POT')).toMatchObject({ invoiceLines: 2, creditNoteLines: 1 });
    });
  });

  describe('gross profit', () => {
    /** Net and cost of goods sold of documents, per line: quantity × the cost the ledger booked, in cents. */
    function profitFigures(
      list: DocumentDetail[],
      include: (l: DocumentDetail['lines'][number]) => boolean = () => true,
    ) {
      let net = ZERO();
      let cogs = ZERO();
      for (const d of list) {
        for (const l of d.lines.filter(include)) {
          net = net.plus(new Big(l.taxable).times(sign(d.kind)));
          const cost = ledgerCost.get(`${d.id}/${l.productId}`);
          if (productOf.get(l.productId)!.kind === 'goods') {
            expect(cost).toBeDefined();
            cogs = cogs.plus(new Big(cents(new Big(l.quantity).times(cost!))).times(sign(d.kind)));
          }
        }
      }
      const profit = net.minus(cogs);
      return {
        net: cents(net),
        cogs: cents(cogs),
        profit: cents(profit),
        margin: net.eq(0) ? null : profit.times(100).div(net).round(2, 1).toFixed(2),
      };
    }

    it('by month, customer and product: net − cost of goods sold, margin %', async () => {
      const list = salesDocs();
      const month = await report(owner, `gross-profit?groupBy=month&from=${FROM}&to=${TO}`);
      expect(month.columns.map((c) => c.key)).toEqual(['period', 'net', 'cogs', 'profit', 'margin']);
      expect(table(month)).toEqual({
        rows: sortByKey(
          [...grouped(list, (d) => d.issueDate.slice(0, 7))].map(([period, ds]) => ({ period, ...profitFigures(ds) })),
          'period',
        ),
        totals: { period: 'Total', ...profitFigures(list) },
      });
      // By hand: January 212.50 − (10 × 5.00 + 2 × 12.00) = 138.50; February 240.00 − (120 + 12 − 12) = 120.00.
      expect(month.rows[0]).toMatchObject({ net: '212.50', cogs: '74.00', profit: '138.50', margin: '65.18' });
      expect(month.rows[1]).toMatchObject({ net: '240.00', cogs: '120.00', profit: '120.00', margin: '50.00' });

      const customer = await report(owner, `gross-profit?groupBy=customer&from=${FROM}&to=${TO}`);
      expect(table(customer).rows).toEqual(
        [...grouped(list, (d) => d.partyId)]
          .map(([id, ds]) => ({ customer: customerName.get(id)!, ...profitFigures(ds) }))
          .sort(byNetThen('customer')),
      );

      const product = await report(owner, `gross-profit?groupBy=product&from=${FROM}&to=${TO}`);
      const productIds = [...new Set(list.flatMap((d) => d.lines.map((l) => l.productId)))];
      expect(table(product).rows).toEqual(
        productIds
          .map((id) => ({
            sku: productOf.get(id)!.sku,
            product: productOf.get(id)!.name,
            ...profitFigures(list, (l) => l.productId === id),
          }))
          .sort(byNetThen('sku')),
      );
      expect(product.rows.find((r) => r['sku'] === 'FEE')).toMatchObject({ cogs: '0.00', margin: '100.00' });
      expect(table(product).totals).toEqual({ sku: 'Total', product: null, ...profitFigures(list) });
    });
  });

  describe('tax summary', () => {
    function expectedTax(periodOf: (date: string) => string): { rows: Row[]; totals: Row } {
      const cells = new Map<
        string,
        { period: string; rate: string; out: Big[]; outTax: Big[]; in: Big[]; inTax: Big[] }
      >();
      const all = docs.filter((d) => d.kind !== 'quote' && counted(d) && inRange(d.issueDate));
      for (const d of all) {
        const output = d.kind === 'sales_invoice' || d.kind === 'credit_note';
        for (const l of d.lines) {
          const rate = new Big(l.taxRate).toFixed(2);
          const key = `${periodOf(d.issueDate)}|${rate}`;
          const cell = cells.get(key) ?? {
            period: periodOf(d.issueDate),
            rate,
            out: [],
            outTax: [],
            in: [],
            inTax: [],
          };
          (output ? cell.out : cell.in).push(new Big(l.taxable).times(sign(d.kind)));
          (output ? cell.outTax : cell.inTax).push(new Big(l.tax).times(sign(d.kind)));
          cells.set(key, cell);
        }
      }
      const figures = (c: { out: Big[]; outTax: Big[]; in: Big[]; inTax: Big[] }) => ({
        outputTaxable: cents(sumOf(c.out)),
        outputTax: cents(sumOf(c.outTax)),
        inputTaxable: cents(sumOf(c.in)),
        inputTax: cents(sumOf(c.inTax)),
        netTax: cents(sumOf(c.outTax).minus(sumOf(c.inTax))),
      });
      const rows = [...cells.values()]
        .sort((a, b) => a.period.localeCompare(b.period) || new Big(a.rate).cmp(b.rate))
        .map((c) => ({ period: c.period, rate: c.rate, ...figures(c) }));
      const everything = [...cells.values()];
      return {
        rows,
        totals: {
          period: 'Total',
          rate: null,
          ...figures({
            out: everything.flatMap((c) => c.out),
            outTax: everything.flatMap((c) => c.outTax),
            in: everything.flatMap((c) => c.in),
            inTax: everything.flatMap((c) => c.inTax),
          }),
        },
      };
    }

    it('per month and per quarter, output − input per rate', async () => {
      const month = await report(owner, `tax-summary?period=month&from=${FROM}&to=${TO}`);
      expect(table(month)).toEqual(expectedTax((date) => date.slice(0, 7)));
      // February at 20 %: the TEA sale's 48.00 output tax, no input.
      expect(month.rows.find((r) => r['period'] === '2026-02' && r['rate'] === '20.00')).toMatchObject({
        outputTax: '48.00',
        inputTax: '0.00',
        netTax: '48.00',
      });
      const quarter = await report(owner, `tax-summary?period=quarter&from=${FROM}&to=${TO}`);
      expect(table(quarter)).toEqual(
        expectedTax((date) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`),
      );
      expect(quarter.rows.every((r) => r['period'] === '2026-Q1')).toBe(true);
      const year = await report(owner, `tax-summary?period=year&from=2025-01-01&to=2026-12-31`);
      expect(year.rows.map((r) => r['period'])).toEqual(expect.arrayContaining(['2025', '2026']));
    });
  });

  describe('aging', () => {
    const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
    const bucketOf = (overdueDays: number) =>
      overdueDays <= 0
        ? 'current'
        : overdueDays <= 30
          ? 'd1_30'
          : overdueDays <= 60
            ? 'd31_60'
            : overdueDays <= 90
              ? 'd61_90'
              : 'd90_plus';

    function expectedAging(kind: 'sales_invoice' | 'purchase_invoice', label: string, names: Map<string, string>) {
      const open = docs.filter(
        (d) =>
          d.kind === kind &&
          ['issued', 'posted', 'partially_paid'].includes(d.status) &&
          new Big(d.balance).gt(0) &&
          d.issueDate <= AS_OF,
      );
      const figures = (list: DocumentDetail[]): Row => ({
        ...Object.fromEntries(
          BUCKETS.map((b) => [
            b,
            cents(sumOf(list.filter((d) => bucketOf(days(AS_OF, d.dueDate)) === b).map((d) => d.balance))),
          ]),
        ),
        total: cents(sumOf(list.map((d) => d.balance))),
      });
      return {
        rows: [...grouped(open, (d) => d.partyId)]
          .map(([id, list]): Row => ({ [label]: names.get(id)!, ...figures(list) }))
          .sort((a, b) => String(a[label]).localeCompare(String(b[label]))),
        totals: { [label]: 'Total', ...figures(open) },
      };
    }

    it('receivables by days past due at a fixed date, every bucket used', async () => {
      const result = await report(owner, `receivables-aging?asOf=${AS_OF}`);
      expect(result.filters).toEqual({ asOf: AS_OF });
      expect(result.columns.map((c) => c.key)).toEqual(['customer', ...BUCKETS, 'total']);
      expect(table(result)).toEqual(expectedAging('sales_invoice', 'customer', customerName));
      // By hand: Alpha 75.00 (due 24 Jan, 81 days) and 321.00 (due 19 Feb, 55 days); Beta 13.00 (55 days) and
      // the April invoice (not due yet); Gamma 33.00 (due 15 Dec, 121 days) and 115.00 (due 17 Mar, 29 days).
      expect(table(result).totals).toEqual({
        customer: 'Total',
        current: '31.20',
        d1_30: '115.00',
        d31_60: '334.00',
        d61_90: '75.00',
        d90_plus: '33.00',
        total: '588.20',
      });
    });

    it('payables likewise', async () => {
      const names = new Map([
        [leaf.id, leaf.name],
        [clay.id, clay.name],
      ]);
      const result = await report(owner, `payables-aging?asOf=${AS_OF}`);
      expect(table(result)).toEqual(expectedAging('purchase_invoice', 'supplier', names));
      // Leaf: 840.00 − 300.00; Clay: 132.00 − 26.40 returned.
      expect(table(result).totals).toMatchObject({ d31_60: '645.60', total: '645.60' });
    });

    it('defaults to today', async () => {
      expect((await report(owner, 'receivables-aging')).filters).toEqual({ asOf: TODAY });
    });
  });

  describe('statements', () => {
    it('customer: opening balance, documents and payments (and the reversal) with a running balance', async () => {
      const from = '2026-02-01';
      const result = await report(owner, `customer-statement?customerId=${alpha.id}&from=${from}&to=${TODAY}`);
      expect(result).toMatchObject({
        name: 'customer-statement',
        filters: { customerId: alpha.id, from, to: TODAY },
      });
      expect(result.columns.map((c) => c.key)).toEqual([
        'date',
        'type',
        'number',
        'reference',
        'debit',
        'credit',
        'balance',
      ]);

      // Independently: the customer's issued documents and payments, each raising (+) or lowering (−) what they owe.
      const entries: { date: string; number: string; order: number; amount: Big }[] = [];
      for (const d of docs.filter((x) => x.partyId === alpha.id && counted(x) && x.kind !== 'quote')) {
        entries.push({ date: d.issueDate, number: d.number!, order: 0, amount: new Big(d.total).times(sign(d.kind)) });
      }
      for (const p of payments.filter((x) => x.partyId === alpha.id)) {
        entries.push({ date: p.date, number: p.number, order: 0, amount: new Big(p.amount).times(-1) });
        if (p.reversedAt)
          entries.push({ date: p.reversedAt.slice(0, 10), number: p.number, order: 1, amount: new Big(p.amount) });
      }
      entries.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.number.localeCompare(b.number));
      const opening = sumOf([alpha.openingBalance, ...entries.filter((e) => e.date < from).map((e) => e.amount)]);
      let balance = opening;
      const expected: Row[] = [
        {
          date: from,
          type: 'Opening balance',
          number: null,
          reference: null,
          debit: null,
          credit: null,
          balance: cents(opening),
        },
      ];
      for (const e of entries.filter((x) => x.date >= from)) {
        balance = balance.plus(e.amount);
        expected.push({
          date: e.date,
          number: e.number,
          debit: e.amount.gte(0) ? cents(e.amount) : null,
          credit: e.amount.lt(0) ? cents(e.amount.abs()) : null,
          balance: cents(balance),
        });
      }
      expect(result.rows).toHaveLength(expected.length);
      result.rows.forEach((row, i) => expect(row).toMatchObject(expected[i]));
      expect(result.rows.map((r) => r['type'])).toEqual([
        'Opening balance',
        'Invoice',
        'Payment received',
        'Payment received',
        'Payment reversed',
      ]);
      const debits = entries.filter((e) => e.date >= from && e.amount.gte(0)).map((e) => e.amount);
      const credits = entries.filter((e) => e.date >= from && e.amount.lt(0)).map((e) => e.amount.abs());
      expect(result.totals).toMatchObject({
        date: TODAY,
        type: 'Closing balance',
        debit: cents(sumOf(debits)),
        credit: cents(sumOf(credits)),
        balance: cents(balance),
      });
      // By hand: January's invoice 175.00 opens; + 321.00 − 100.00 − 50.00 + 50.00 = 396.00.
      expect(result.rows[0]['balance']).toBe('175.00');
      expect(result.totals?.['balance']).toBe('396.00');
      // The same as the customer's account.
      const account = await owner.get<{ balance: string }>(`/api/v1/customers/${alpha.id}/account`);
      expect(account.body.balance).toBe('396.00');
    });

    it("customer with an opening balance, and a supplier's statement mirrored (what we owe them)", async () => {
      const gammaStatement = await report(
        owner,
        `customer-statement?customerId=${gamma.id}&from=2026-01-01&to=2026-12-31`,
      );
      // 50.00 opening balance + the December invoice (33.00).
      expect(gammaStatement.rows[0]).toMatchObject({ type: 'Opening balance', balance: '83.00' });
      expect(gammaStatement.totals).toMatchObject({ debit: '115.00', credit: '0.00', balance: '198.00' });

      const clayStatement = await report(
        owner,
        `supplier-statement?supplierId=${clay.id}&from=2026-01-01&to=2026-12-31`,
      );
      expect(clayStatement.rows.map((r) => [r['type'], r['debit'], r['credit'], r['balance']])).toEqual([
        ['Opening balance', null, null, '0.00'],
        ['Bill', null, '132.00', '132.00'],
        ['Purchase return', '26.40', null, '105.60'],
      ]);
      const leafStatement = await report(
        owner,
        `supplier-statement?supplierId=${leaf.id}&from=2026-01-01&to=2026-12-31`,
      );
      expect(leafStatement.rows.map((r) => [r['type'], r['debit'], r['credit'], r['balance']])).toEqual([
        ['Opening balance', null, null, '0.00'],
        ['Bill', null, '840.00', '840.00'],
        ['Payment made', '300.00', null, '540.00'],
      ]);
      const account = await owner.get<{ balance: string }>(`/api/v1/suppliers/${leaf.id}/account`);
      expect(leafStatement.totals?.['balance']).toBe(account.body.balance);
    });

    it('prints a PDF and records the download', async () => {
      const response = await owner.request<string>(
        'GET',
        `/api/v1/reports/customer-statement?customerId=${alpha.id}&from=2026-01-01&to=2026-12-31&format=pdf`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="customer-statement-2026-01-01-2026-12-31.pdf"`,
      );
      expect(response.body.startsWith('%PDF-')).toBe(true);
      const events = await owner.get<ListResponse<AuditEvent>>(
        '/api/v1/audit/events?action=report.exported&entityId=customer-statement',
      );
      expect(events.body.items[0]).toMatchObject({
        entityType: 'report',
        entityId: 'customer-statement',
        after: { customerId: alpha.id, from: '2026-01-01', to: '2026-12-31', format: 'pdf' },
      });
    });
  });

  it('stock valuation: goods on hand at moving average cost', async () => {
    const result = await report(owner, 'stock-valuation');
    const goods = await Promise.all(
      [tea, pot, bare].map(async (p) => (await owner.get<Product>(`/api/v1/products/${p.id}`)).body),
    );
    const expected = goods
      .sort((a, b) => a.sku.localeCompare(b.sku))
      .map((p) => ({
        sku: p.sku,
        product: p.name,
        unit: p.unit,
        onHand: p.onHand,
        averageCost: p.averageCost,
        value: cents(new Big(p.onHand).times(p.averageCost ?? '0')),
      }));
    expect(table(result)).toEqual({
      rows: expected,
      totals: {
        sku: 'Total',
        product: null,
        unit: null,
        onHand: null,
        averageCost: null,
        value: cents(sumOf(expected.map((r) => r.value))),
      },
    });
    // TEA: 110 + 100 − 10 − 20 − 5 − 2 − 1 = 172 at 6.00; POT: 20 − 2 − 1 + 1 + 10 − 2 − 1 = 25 at 12.00.
    expect(result.rows.find((r) => r['sku'] === 'TEA')).toMatchObject({ onHand: '172.000', value: '1032.00' });
    expect(result.rows.find((r) => r['sku'] === 'POT')).toMatchObject({ onHand: '25.000', value: '300.00' });
  });

  it('dashboard: this month and last, balances, overdue, low stock, pipeline, 12 months, top sellers', async () => {
    const response = await owner.get<Dashboard>('/api/v1/dashboard');
    expect(response.status).toBe(200);
    const dashboard = response.body;

    const monthNet = (month: string) =>
      cents(
        sumOf(
          docs
            .filter((d) => (d.kind === 'sales_invoice' || d.kind === 'credit_note') && counted(d))
            .filter((d) => d.issueDate.slice(0, 7) === month)
            .map((d) => lineNet(d).times(sign(d.kind))),
        ),
      );
    const open = (kind: Kind) =>
      docs.filter(
        (d) => d.kind === kind && ['issued', 'posted', 'partially_paid'].includes(d.status) && new Big(d.balance).gt(0),
      );
    const months = Array.from({ length: 12 }, (_, i) => monthsBack(TODAY, 11 - i));
    const window = docs.filter(
      (d) =>
        (d.kind === 'sales_invoice' || d.kind === 'credit_note') &&
        counted(d) &&
        d.issueDate.slice(0, 7) >= months[0] &&
        d.issueDate.slice(0, 7) <= months[11],
    );
    const topCustomers = [...grouped(window, (d) => d.partyId)]
      .map(([id, ds]) => ({
        id,
        name: customerName.get(id)!,
        net: cents(sumOf(ds.map((d) => lineNet(d).times(sign(d.kind))))),
      }))
      .sort((a, b) => new Big(b.net).cmp(a.net) || a.name.localeCompare(b.name))
      .slice(0, 5);
    const productIds = [...new Set(window.flatMap((d) => d.lines.map((l) => l.productId)))];
    const topProducts = productIds
      .map((id) => ({
        id,
        sku: productOf.get(id)!.sku,
        name: productOf.get(id)!.name,
        net: cents(
          sumOf(
            window.flatMap((d) =>
              d.lines.filter((l) => l.productId === id).map((l) => new Big(l.taxable).times(sign(d.kind))),
            ),
          ),
        ),
      }))
      .sort((a, b) => new Big(b.net).cmp(a.net) || a.sku.localeCompare(b.sku))
      .slice(0, 5);
    const goods = await Promise.all(
      [tea, pot, bare].map(async (p) => (await owner.get<Product>(`/api/v1/products/${p.id}`)).body),
    );
    const opportunities = (await owner.get<ListResponse<Opportunity>>('/api/v1/crm/opportunities?limit=100')).body
      .items;

    expect(dashboard).toEqual({
      currency: expect.any(String),
      salesThisMonth: monthNet(months[11]),
      salesLastMonth: monthNet(months[10]),
      receivables: cents(sumOf(open('sales_invoice').map((d) => d.balance))),
      payables: cents(sumOf(open('purchase_invoice').map((d) => d.balance))),
      overdueInvoices: open('sales_invoice').filter((d) => d.dueDate < TODAY).length,
      lowStockProducts: goods.filter((p) => new Big(p.onHand).lte(p.reorderLevel)).length,
      pipeline: ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'].map((stage) => {
        const inStage = opportunities.filter((o) => o.stage === stage);
        return {
          stage,
          count: inStage.length,
          total: cents(sumOf(inStage.map((o) => o.value))),
          weighted: cents(sumOf(inStage.map((o) => o.weightedValue))),
        };
      }),
      salesByMonth: months.map((month) => ({ month, net: monthNet(month) })),
      topCustomers,
      topProducts,
    });
    // Today's invoice (12.50) is in this month; BARE and POT are low; 12 months including empty ones.
    expect(new Big(dashboard.salesThisMonth).gte('12.50')).toBe(true);
    expect(dashboard.lowStockProducts).toBe(2);
    expect(dashboard.salesByMonth).toHaveLength(12);
    expect(dashboard.salesByMonth.some((m) => m.net === '0.00')).toBe(true);
    expect(dashboard.pipeline.find((c) => c.stage === 'proposal')).toMatchObject({ count: 2, total: '1300.00' });
  });

  it('CSV downloads: column labels, rows and the totals row; each download is audited, viewing is not', async () => {
    const before = (await owner.get<ListResponse<AuditEvent>>('/api/v1/audit/events?action=report.exported&limit=100'))
      .body.total;
    const json = await report(owner, `sales?groupBy=month&from=${FROM}&to=${TO}`);
    const response = await owner.request<string>(
      'GET',
      `/api/v1/reports/sales?groupBy=month&from=${FROM}&to=${TO}&format=csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="sales-${FROM}-${TO}.csv"`);
    const records = parse(response.body, { bom: true }) as string[][];
    expect(records[0]).toEqual(['Month', 'Invoices', 'Credit notes', 'Net', 'Tax', 'Gross']);
    const cells = (row: Record<string, unknown>) =>
      json.columns.map((c) => (row[c.key] === null || row[c.key] === undefined ? '' : String(row[c.key])));
    expect(records.slice(1)).toEqual([...json.rows.map(cells), cells(json.totals!)]);
    expect(records[records.length - 1][0]).toBe('Total');

    const aging = await owner.request<string>('GET', `/api/v1/reports/receivables-aging?asOf=${AS_OF}&format=csv`);
    expect(aging.headers.get('content-disposition')).toBe(`attachment; filename="receivables-aging-${AS_OF}.csv"`);
    const agingRecords = parse(aging.body, { bom: true }) as string[][];
    expect(agingRecords[0]).toEqual([
      'Customer',
      'Current',
      '1–30 days',
      '31–60 days',
      '61–90 days',
      'Over 90 days',
      'Total',
    ]);
    expect(agingRecords[agingRecords.length - 1]).toEqual([
      'Total',
      '31.20',
      '115.00',
      '334.00',
      '75.00',
      '33.00',
      '588.20',
    ]);

    const events = (await owner.get<ListResponse<AuditEvent>>('/api/v1/audit/events?action=report.exported&limit=100'))
      .body;
    expect(events.total).toBe(before + 2);
    expect(events.items[0]).toMatchObject({ entityId: 'receivables-aging', after: { asOf: AS_OF, format: 'csv' } });
    expect(events.items[1]).toMatchObject({
      action: 'report.exported',
      entityType: 'report',
      entityId: 'sales',
      after: { from: FROM, to: TO, groupBy: 'month', format: 'csv' },
    });
    const verify = await owner.post<AuditVerification>('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
  });

  it('refuses bad filters: 400 naming the allowed values, 404 for an unknown party', async () => {
    const problem = async (path: string, status: number) => {
      const response = await owner.get<ProblemDetails>(`/api/v1/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status });
      return response.body;
    };
    expect((await problem('reports/sales?groupBy=year', 400)).detail).toContain('day, week, month, customer, product');
    expect((await problem('reports/gross-profit?groupBy=day', 400)).detail).toContain('month, customer, product');
    expect((await problem('reports/tax-summary?period=week', 400)).detail).toContain('month, quarter, year');
    const backwards = await problem('reports/sales?from=2026-03-01&to=2026-02-01', 400);
    expect(backwards.errors).toEqual([{ field: 'from', message: 'from must be on or before to' }]);
    expect((await problem('reports/sales?from=2026-02-30', 400)).errors?.[0].field).toBe('from');
    await problem('reports/receivables-aging?asOf=15.04.2026', 400);
    await problem('reports/sales?format=xlsx', 400);
    await problem('reports/sales?format=pdf', 400);
    await problem('reports/sales?colour=red', 400);
    await problem('reports/customer-statement', 400);
    await problem('reports/customer-statement?customerId=00000000-0000-4000-8000-000000000000', 404);
    await problem(`reports/customer-statement?customerId=${leaf.id}`, 404);
    await problem(`reports/supplier-statement?supplierId=${alpha.id}`, 404);
    await problem('reports/supplier-statement?supplierId=not-an-id', 404);
  });

  it('needs reports.read: an inventory user gets 403; an auditor reads', async () => {
    const inventory = await addUser('inventory');
    for (const path of ['reports/sales', 'reports/stock-valuation', 'reports/receivables-aging', 'dashboard']) {
      const response = await inventory.get<ProblemDetails>(`/api/v1/${path}`);
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 403,
        code: 'forbidden',
      });
    }
    const auditor = await addUser('auditor');
    expect((await auditor.get('/api/v1/reports/sales')).status).toBe(200);
    expect((await auditor.get('/api/v1/dashboard')).status).toBe(200);
    expect((await new ApiClient(server.baseUrl).get('/api/v1/reports/sales')).status).toBe(401);
  });

  it("another tenant sees only zeros and not this tenant's parties", async () => {
    const other = (await signup(server.baseUrl, 'Elsewhere Ltd')).client;
    const sales = await report(other, `sales?groupBy=customer&from=2025-01-01&to=${TODAY}`);
    expect(sales.rows).toEqual([]);
    expect(sales.totals).toEqual({
      customer: 'Total',
      invoices: 0,
      creditNotes: 0,
      net: '0.00',
      tax: '0.00',
      gross: '0.00',
    });
    const profit = await report(other, 'gross-profit');
    expect(profit.totals).toEqual({ period: 'Total', net: '0.00', cogs: '0.00', profit: '0.00', margin: null });
    const tax = await report(other, 'tax-summary');
    expect(tax.rows).toEqual([]);
    expect((await report(other, 'receivables-aging')).totals).toMatchObject({ total: '0.00' });
    expect((await report(other, 'payables-aging')).rows).toEqual([]);
    expect((await report(other, 'stock-valuation')).rows).toEqual([]);
    expect((await other.get(`/api/v1/reports/customer-statement?customerId=${alpha.id}`)).status).toBe(404);
    const dashboard = (await other.get<Dashboard>('/api/v1/dashboard')).body;
    expect(dashboard).toMatchObject({
      salesThisMonth: '0.00',
      salesLastMonth: '0.00',
      receivables: '0.00',
      payables: '0.00',
      overdueInvoices: 0,
      lowStockProducts: 0,
      topCustomers: [],
      topProducts: [],
    });
    expect(dashboard.salesByMonth.every((m) => m.net === '0.00')).toBe(true);
    expect(dashboard.pipeline.every((c) => c.count === 0)).toBe(true);
  });
});
