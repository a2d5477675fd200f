import type { Customer, DocumentDetail, Payment, PaymentMethod, Product, Supplier } from '@billinator/contracts';
import type { ApiClient } from './api-client';

/** Small builders over the real API for tests that need a shop with goods, customers and suppliers. */
export async function createProduct(
  client: ApiClient,
  sku: string,
  fields: Partial<Record<'salePrice' | 'purchasePrice' | 'taxRate' | 'openingQuantity' | 'openingUnitCost', string>> & {
    kind?: 'goods' | 'service';
    name?: string;
    unit?: string;
  } = {},
): Promise<Product> {
  const response = await client.post<Product>('/api/v1/products', {
    sku,
    name: fields.name ?? `Product ${sku}`,
    unit: fields.unit ?? 'pcs',
    kind: fields.kind ?? 'goods',
    salePrice: fields.salePrice ?? '10.00',
    purchasePrice: fields.purchasePrice ?? '6.00',
    taxRate: fields.taxRate ?? '20',
    reorderLevel: '0',
    ...(fields.openingQuantity ? { openingQuantity: fields.openingQuantity } : {}),
    ...(fields.openingUnitCost ? { openingUnitCost: fields.openingUnitCost } : {}),
  });
  if (response.status !== 201) throw new Error(`product ${sku}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createCustomer(
  client: ApiClient,
  name: string,
  paymentTermsDays = 14,
  fields: { openingBalance?: string } = {},
): Promise<Customer> {
  const response = await client.post<Customer>('/api/v1/customers', { name, paymentTermsDays, ...fields });
  if (response.status !== 201) throw new Error(`customer ${name}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function createSupplier(
  client: ApiClient,
  name: string,
  paymentTermsDays = 30,
  fields: { openingBalance?: string } = {},
): Promise<Supplier> {
  const response = await client.post<Supplier>('/api/v1/suppliers', { name, paymentTermsDays, ...fields });
  if (response.status !== 201) throw new Error(`supplier ${name}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface LineSpec {
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercent?: string;
  taxRate?: string;
}

function lines(specs: LineSpec[]) {
  return specs.map((l) => ({ ...l, taxRate: l.taxRate ?? '0', discountPercent: l.discountPercent ?? '0' }));
}

function expectStatus<T>(response: { status: number; body: T }, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function draftInvoice(
  client: ApiClient,
  customerId: string,
  specs: LineSpec[],
  issueDate = '2026-03-02',
): Promise<DocumentDetail> {
  return expectStatus(
    await client.post<DocumentDetail>('/api/v1/sales/invoices', { customerId, issueDate, lines: lines(specs) }),
    201,
    'draft invoice',
  );
}

export async function issueInvoice(
  client: ApiClient,
  customerId: string,
  specs: LineSpec[],
  issueDate = '2026-03-02',
): Promise<DocumentDetail> {
  const draft = await draftInvoice(client, customerId, specs, issueDate);
  return expectStatus(
    await client.post<DocumentDetail>(`/api/v1/sales/invoices/${draft.id}/issue`, {}),
    200,
    'issue invoice',
  );
}

export async function draftBill(
  client: ApiClient,
  supplierId: string,
  supplierBillNumber: string,
  specs: LineSpec[],
  issueDate = '2026-03-01',
): Promise<DocumentDetail> {
  return expectStatus(
    await client.post<DocumentDetail>('/api/v1/purchase/invoices', {
      supplierId,
      supplierBillNumber,
      issueDate,
      lines: lines(specs),
    }),
    201,
    'draft bill',
  );
}

export async function postBill(
  client: ApiClient,
  supplierId: string,
  supplierBillNumber: string,
  specs: LineSpec[],
  issueDate = '2026-03-01',
): Promise<DocumentDetail> {
  const draft = await draftBill(client, supplierId, supplierBillNumber, specs, issueDate);
  return expectStatus(
    await client.post<DocumentDetail>(`/api/v1/purchase/invoices/${draft.id}/post`, {}),
    200,
    'post bill',
  );
}

export async function receivePayment(
  client: ApiClient,
  customerId: string,
  amount: string,
  allocations?: { invoiceId: string; amount: string }[],
  date = '2026-03-10',
  method: PaymentMethod = 'bank_transfer',
): Promise<Payment> {
  return expectStatus(
    await client.post<Payment>('/api/v1/sales/payments', {
      customerId,
      date,
      amount,
      method,
      ...(allocations ? { allocations } : {}),
    }),
    201,
    'payment',
  );
}

export async function makePayment(
  client: ApiClient,
  supplierId: string,
  amount: string,
  allocations?: { invoiceId: string; amount: string }[],
  date = '2026-03-10',
  method: PaymentMethod = 'bank_transfer',
): Promise<Payment> {
  return expectStatus(
    await client.post<Payment>('/api/v1/purchase/payments', {
      supplierId,
      date,
      amount,
      method,
      ...(allocations ? { allocations } : {}),
    }),
    201,
    'payment made',
  );
}

export interface ReturnLineSpec {
  invoiceLineId: string;
  quantity: string;
}

/** A credit note against a sales invoice, or a purchase return (debit note) against a bill. */
export async function correct(
  client: ApiClient,
  kind: 'credit-note' | 'purchase-return',
  invoiceId: string,
  returnLines: ReturnLineSpec[],
  issueDate: string,
  reason = 'Returned goods',
): Promise<DocumentDetail> {
  const path = kind === 'credit-note' ? '/api/v1/sales/credit-notes' : '/api/v1/purchase/returns';
  return expectStatus(
    await client.post<DocumentDetail>(path, { invoiceId, reason, issueDate, lines: returnLines }),
    201,
    kind,
  );
}
