import type {
  DocumentDetail,
  ListResponse,
  PartyAccount,
  Payment,
  Product,
  DocumentSummary,
} from '@billinator/contracts';
import { ApiClient, PASSWORD, signup, uniqueEmail } from '../support/api-client';
import {
  createCustomer,
  createProduct,
  createSupplier,
  draftInvoice,
  issueInvoice,
  postBill,
  receivePayment,
} from '../support/business';
import { removeDir, RunningServer, startServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
  removeDir(server.dataDir);
});

async function onHand(client: ApiClient, productId: string): Promise<string> {
  return (await client.get<Product>(`/api/v1/products/${productId}`)).body.onHand;
}

describe('sales invoices, credit notes and payments', () => {
  it('drafts, edits, issues with the next number, takes stock out at average cost, and prints', async () => {
    const { client } = await signup(server.baseUrl);
    const supplier = await createSupplier(client, 'Leaf Importers');
    const tea = await createProduct(client, 'TEA', { salePrice: '12.50', purchasePrice: '6.00' });
    const pot = await createProduct(client, 'POT', { salePrice: '30.00' });
    const fee = await createProduct(client, 'FEE', { kind: 'service' });
    // Bought 10 at 6.00 and 10 at 7.00 → moving average 6.50.
    await postBill(client, supplier.id, 'LI-1', [
      { productId: tea.id, quantity: '10', unitPrice: '6.00' },
      { productId: pot.id, quantity: '4', unitPrice: '15.00' },
    ]);
    await postBill(client, supplier.id, 'LI-2', [{ productId: tea.id, quantity: '10', unitPrice: '7.00' }]);
    expect((await client.get<Product>(`/api/v1/products/${tea.id}`)).body.averageCost).toBe('6.5000');

    const customer = await createCustomer(client, 'Corner Café', 14);
    const draft = await draftInvoice(client, customer.id, [{ productId: tea.id, quantity: '1', unitPrice: '12.50' }]);
    expect(draft).toMatchObject({ status: 'draft', number: null, dueDate: '2026-03-16', total: '12.50' });

    const edited = await client.request<DocumentDetail>('PATCH', `/api/v1/sales/invoices/${draft.id}`, {
      version: draft.version,
      lines: [
        { productId: tea.id, quantity: '3', unitPrice: '12.50', discountPercent: '10', taxRate: '20' },
        { productId: pot.id, quantity: '1', unitPrice: '30.00', taxRate: '20' },
        { productId: fee.id, quantity: '1', unitPrice: '4.99', taxRate: '5' },
      ],
    });
    expect(edited.status).toBe(200);
    // 3 × 12.50 = 37.50 − 10% = 33.75, tax 6.75; 30.00 tax 6.00; 4.99 tax 0.2495 → 0.25
    expect(edited.body).toMatchObject({
      subtotal: '72.49',
      discountTotal: '3.75',
      taxTotal: '13.00',
      total: '81.74',
      taxBreakdown: [
        { rate: '5.00', taxable: '4.99', tax: '0.25' },
        { rate: '20.00', taxable: '63.75', tax: '12.75' },
      ],
    });

    const issued = await client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {});
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', number: 'INV-2026-000001', balance: '81.74' });
    expect(await onHand(client, tea.id)).toBe('17.000');
    expect(await onHand(client, pot.id)).toBe('3.000');
    const card = await client.get<ListResponse<{ kind: string; unitCost: string; refId: string }>>(
      `/api/v1/stock/movements?productId=${tea.id}`,
    );
    expect(card.body.items[0]).toMatchObject({ kind: 'sale', unitCost: '6.5000', refId: draft.id });

    const second = await issueInvoice(client, customer.id, [{ productId: pot.id, quantity: '1', unitPrice: '30' }]);
    expect(second.number).toBe('INV-2026-000002');

    const pdf = await fetch(`${server.baseUrl}/api/v1/sales/invoices/${draft.id}/pdf`, {
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('INV-2026-000001.pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const list = await client.get<ListResponse<DocumentSummary>>('/api/v1/sales/invoices?q=000002');
    expect(list.body.items.map((i) => i.number)).toEqual(['INV-2026-000002']);
  });

  it('follows partial payments, credit notes and reversals in statuses, balances and stock', async () => {
    const { client } = await signup(server.baseUrl);
    const tea = await createProduct(client, 'TEA', { openingQuantity: '10', openingUnitCost: '5.00' });
    const customer = await createCustomer(client, 'Harbour Deli');
    const invoice = await issueInvoice(client, customer.id, [{ productId: tea.id, quantity: '4', unitPrice: '25.00' }]);
    expect(invoice.total).toBe('100.00');

    const payment = await receivePayment(client, customer.id, '30.00');
    expect(payment).toMatchObject({ number: 'RCPT-2026-000001', allocated: '30.00', unallocated: '0.00' });
    let current = (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body;
    expect(current).toMatchObject({ status: 'partially_paid', amountPaid: '30.00', balance: '70.00' });

    const credit = await client.post<DocumentDetail>('/api/v1/sales/credit-notes', {
      invoiceId: invoice.id,
      reason: 'One tin dented',
      lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '1' }],
    });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ number: 'CN-2026-000001', total: '25.00', invoiceNumber: invoice.number });
    expect(await onHand(client, tea.id)).toBe('7.000');
    current = (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body;
    expect(current).toMatchObject({ status: 'partially_paid', amountCredited: '25.00', balance: '45.00' });
    expect(current.lines[0].returnedQuantity).toBe('1.000');

    const overReturn = await client.post<{ detail: string }>('/api/v1/sales/credit-notes', {
      invoiceId: invoice.id,
      reason: 'Too many',
      lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '3.001' }],
    });
    expect(overReturn.status).toBe(422);
    expect(overReturn.body.detail).toContain('at most 3.000 can still be returned');
    expect(await onHand(client, tea.id)).toBe('7.000');

    const rest = await receivePayment(client, customer.id, '60.00');
    expect(rest).toMatchObject({ allocated: '45.00', unallocated: '15.00' });
    current = (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body;
    expect(current).toMatchObject({ status: 'paid', balance: '0.00' });
    let account = (await client.get<PartyAccount>(`/api/v1/customers/${customer.id}/account`)).body;
    // invoiced 100 − credited 25 − paid 90 = −15: the customer has 15 of credit.
    expect(account).toMatchObject({ balance: '-15.00', unallocatedCredit: '15.00', openDocuments: [] });

    const voidPaid = await client.post<{ detail: string }>(`/api/v1/sales/invoices/${invoice.id}/void`, {
      reason: 'Wrong customer',
    });
    expect(voidPaid.status).toBe(409);
    expect(voidPaid.body.detail).toContain('paid on it');

    const reversed = await client.post<Payment>(`/api/v1/sales/payments/${payment.id}/reverse`, { reason: 'Bounced' });
    expect(reversed.body.status).toBe('reversed');
    current = (await client.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body;
    expect(current).toMatchObject({ status: 'partially_paid', amountPaid: '45.00', balance: '30.00' });
    const again = await client.post(`/api/v1/sales/payments/${payment.id}/reverse`, { reason: 'Twice' });
    expect(again.status).toBe(409);

    // The credit left on the second payment settles the invoice's remaining 30 only partly (15).
    const allocated = await client.post<Payment>(`/api/v1/sales/payments/${rest.id}/allocate`, {});
    expect(allocated.body).toMatchObject({ allocated: '60.00', unallocated: '0.00' });
    account = (await client.get<PartyAccount>(`/api/v1/customers/${customer.id}/account`)).body;
    expect(account).toMatchObject({ balance: '15.00', unallocatedCredit: '0.00' });
    expect(account.openDocuments.map((d) => d.balance)).toEqual(['15.00']);
  });

  it('voids an unpaid invoice: stock returns, the number stays used and visible', async () => {
    const { client } = await signup(server.baseUrl);
    const tea = await createProduct(client, 'TEA', { openingQuantity: '5' });
    const customer = await createCustomer(client, 'Mill Lane Shop');
    const invoice = await issueInvoice(client, customer.id, [{ productId: tea.id, quantity: '2', unitPrice: '9.00' }]);
    expect(await onHand(client, tea.id)).toBe('3.000');
    const voided = await client.post<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}/void`, {
      reason: 'Order cancelled',
    });
    expect(voided.body).toMatchObject({ status: 'void', number: 'INV-2026-000001', voidReason: 'Order cancelled' });
    expect(await onHand(client, tea.id)).toBe('5.000');
    const next = await issueInvoice(client, customer.id, [{ productId: tea.id, quantity: '1', unitPrice: '9.00' }]);
    expect(next.number).toBe('INV-2026-000002');
    const pay = await client.post<{ detail: string }>('/api/v1/sales/payments', {
      customerId: customer.id,
      date: '2026-03-05',
      amount: '5.00',
      method: 'cash',
      allocations: [{ invoiceId: invoice.id, amount: '5.00' }],
    });
    expect(pay.status).toBe(422);
    expect(pay.body.detail).toContain('is void');
  });
});

describe('bad inputs are refused clearly and change nothing', () => {
  let client: ApiClient;
  let customerId: string;
  let tea: Product;

  beforeAll(async () => {
    ({ client } = await signup(server.baseUrl));
    tea = await createProduct(client, 'TEA', { openingQuantity: '5' });
    customerId = (await createCustomer(client, 'Refusals Ltd')).id;
  });

  it('refuses to issue beyond stock with the shortfall per product, and keeps the number', async () => {
    const pot = await createProduct(client, 'POT', { openingQuantity: '1' });
    const draft = await draftInvoice(client, customerId, [
      { productId: tea.id, quantity: '7', unitPrice: '10' },
      { productId: pot.id, quantity: '1', unitPrice: '10' },
    ]);
    const refused = await client.post<{ detail: string; shortfall: unknown[] }>(
      `/api/v1/sales/invoices/${draft.id}/issue`,
      {},
    );
    expect(refused.status).toBe(409);
    expect(refused.body.shortfall).toEqual([{ productId: tea.id, sku: 'TEA', onHand: '5.000', shortBy: '2.000' }]);
    expect(await onHand(client, tea.id)).toBe('5.000');
    expect(await onHand(client, pot.id)).toBe('1.000');
    expect((await client.get<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}`)).body.status).toBe('draft');
    const issued = await issueInvoice(client, customerId, [{ productId: tea.id, quantity: '1', unitPrice: '10' }]);
    expect(issued.number).toBe('INV-2026-000001');
  });

  it('never edits or deletes an issued invoice', async () => {
    const issued = await issueInvoice(client, customerId, [{ productId: tea.id, quantity: '1', unitPrice: '10' }]);
    const edit = await client.request<{ detail: string }>('PATCH', `/api/v1/sales/invoices/${issued.id}`, {
      version: issued.version,
      notes: 'changed',
    });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toContain('issue a credit note');
    expect((await client.request('DELETE', `/api/v1/sales/invoices/${issued.id}`)).status).toBe(409);
    expect((await client.post(`/api/v1/sales/invoices/${issued.id}/issue`, {})).status).toBe(409);
  });

  it('refuses allocations beyond the balance or the payment, and payments in general stay unsaved', async () => {
    const invoice = await issueInvoice(client, customerId, [{ productId: tea.id, quantity: '1', unitPrice: '40' }]);
    const before = await client.get<ListResponse<Payment>>('/api/v1/sales/payments');
    const tooMuch = await client.post<{ errors: { field: string }[] }>('/api/v1/sales/payments', {
      customerId,
      date: '2026-03-05',
      amount: '50.00',
      method: 'cash',
      allocations: [{ invoiceId: invoice.id, amount: '40.01' }],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors[0].field).toBe('allocations.0.amount');
    const beyondPayment = await client.post('/api/v1/sales/payments', {
      customerId,
      date: '2026-03-05',
      amount: '10.00',
      method: 'cash',
      allocations: [{ invoiceId: invoice.id, amount: '20.00' }],
    });
    expect(beyondPayment.status).toBe(422);
    const after = await client.get<ListResponse<Payment>>('/api/v1/sales/payments');
    expect(after.body.total).toBe(before.body.total);
    expect((await client.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body.balance).toBe('40.00');
  });

  it('validates documents field by field', async () => {
    const bad = await client.post<{ status: number; errors: { field: string }[] }>('/api/v1/sales/invoices', {
      customerId,
      issueDate: '2026-02-30',
      lines: [{ productId: tea.id, quantity: '-1', unitPrice: '1.00', taxRate: '20' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['issueDate', 'lines.0.quantity']));
    const noLines = await client.post('/api/v1/sales/invoices', { customerId, issueDate: '2026-03-01', lines: [] });
    expect(noLines.status).toBe(400);
    const unknownProduct = await client.post<{ errors: { field: string }[] }>('/api/v1/sales/invoices', {
      customerId,
      issueDate: '2026-03-01',
      lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: '1', unitPrice: '1', taxRate: '0' }],
    });
    expect(unknownProduct.status).toBe(422);
    expect(unknownProduct.body.errors[0].field).toBe('lines.0.productId');
  });

  it('refuses a supplier bill number entered twice for the same supplier', async () => {
    const supplier = await createSupplier(client, 'Twice Supplies');
    const other = await createSupplier(client, 'Other Supplies');
    await postBill(client, supplier.id, 'B-77', [{ productId: tea.id, quantity: '1', unitPrice: '5' }]);
    const duplicate = await client.post<{ detail: string }>('/api/v1/purchase/invoices', {
      supplierId: supplier.id,
      supplierBillNumber: 'b-77',
      issueDate: '2026-03-01',
      lines: [{ productId: tea.id, quantity: '1', unitPrice: '5', taxRate: '0' }],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain('B-77'.toLowerCase());
    await postBill(client, other.id, 'B-77', [{ productId: tea.id, quantity: '1', unitPrice: '5' }]);
  });

  it('answers a retried create with the first response and a reused key with another body with 422', async () => {
    const key = `retry-${Date.now()}`;
    const body = {
      customerId,
      issueDate: '2026-03-03',
      lines: [{ productId: tea.id, quantity: '1', unitPrice: '3', taxRate: '0' }],
    };
    const first = await client.request<DocumentDetail>('POST', '/api/v1/sales/invoices', body, {
      headers: { 'idempotency-key': key },
    });
    const retry = await client.request<DocumentDetail>('POST', '/api/v1/sales/invoices', body, {
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const drafts = await client.get<ListResponse<DocumentSummary>>(
      '/api/v1/sales/invoices?status=draft&from=2026-03-03&to=2026-03-03',
    );
    expect(drafts.body.total).toBe(1);
    const reused = await client.request<{ detail: string }>(
      'POST',
      '/api/v1/sales/invoices',
      { ...body, notes: 'different' },
      { headers: { 'idempotency-key': key } },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.detail).toContain('different request');

    const payKey = `pay-${Date.now()}`;
    const payment = { customerId, date: '2026-03-04', amount: '1.00', method: 'cash', allocations: [] };
    const paid = await client.request<Payment>('POST', '/api/v1/sales/payments', payment, {
      headers: { 'idempotency-key': payKey },
    });
    const paidAgain = await client.request<Payment>('POST', '/api/v1/sales/payments', payment, {
      headers: { 'idempotency-key': payKey },
    });
    expect(paidAgain.body.id).toBe(paid.body.id);
    expect(
      (await client.get<ListResponse<Payment>>('/api/v1/sales/payments?from=2026-03-04&to=2026-03-04')).body.total,
    ).toBe(1);
  });

  it('hides one tenant’s documents from another and limits roles', async () => {
    const invoice = await issueInvoice(client, customerId, [{ productId: tea.id, quantity: '1', unitPrice: '2' }]);
    const { client: stranger } = await signup(server.baseUrl);
    expect((await stranger.get(`/api/v1/sales/invoices/${invoice.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/sales/invoices/${invoice.id}/pdf`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/sales/invoices/${invoice.id}/void`, { reason: 'x' })).status).toBe(404);
    expect((await stranger.get<ListResponse<DocumentSummary>>('/api/v1/sales/invoices')).body.total).toBe(0);
    expect((await stranger.get(`/api/v1/customers/${customerId}/account`)).status).toBe(404);
  });

  it('lets each role do only its part: sales issue, accountants take money and correct, auditors read', async () => {
    const staff = async (role: string) => {
      const email = uniqueEmail(role);
      expect((await client.post('/api/v1/users', { email, name: role, role, password: PASSWORD })).status).toBe(201);
      const member = new ApiClient(server.baseUrl);
      expect((await member.post('/api/v1/auth/login', { email, password: PASSWORD })).status).toBe(200);
      return member;
    };
    const [sales, accountant, inventory, auditor] = [
      await staff('sales'),
      await staff('accountant'),
      await staff('inventory'),
      await staff('auditor'),
    ];
    const invoice = await issueInvoice(sales, customerId, [{ productId: tea.id, quantity: '1', unitPrice: '8' }]);
    expect((await sales.post(`/api/v1/sales/invoices/${invoice.id}/void`, { reason: 'x' })).status).toBe(403);
    const payment = {
      customerId,
      date: '2026-03-09',
      amount: '8.00',
      method: 'cash',
      allocations: [{ invoiceId: invoice.id, amount: '8.00' }],
    };
    expect((await sales.post('/api/v1/sales/payments', payment)).status).toBe(403);
    expect((await inventory.get('/api/v1/sales/invoices')).status).toBe(403);
    expect((await auditor.get(`/api/v1/sales/invoices/${invoice.id}`)).status).toBe(200);
    expect(
      (await auditor.post('/api/v1/sales/invoices', { customerId, issueDate: '2026-03-09', lines: [] })).status,
    ).toBe(403);
    expect((await accountant.post('/api/v1/sales/payments', payment)).status).toBe(201);
    expect((await accountant.get<DocumentDetail>(`/api/v1/sales/invoices/${invoice.id}`)).body.status).toBe('paid');
  });
});
