import type { DocumentDetail, DocumentLine } from '@billinator/contracts';
import { DocumentPdfInput, formatAmount, formatMoney, renderDocumentPdf, toWinAnsi, trimDecimal } from './document-pdf';

/** Pages in the file: `/Type /Page` dictionaries, not the `/Type /Pages` tree. */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * The text shown on the pages of an uncompressed pdfkit file: pdfkit writes each line as a
 * `[<hex> kerning <hex> ...] TJ` array of WinAnsi codes; one array gives one entry.
 */
function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const tj of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    let text = '';
    for (const hex of tj[1].matchAll(/<([0-9a-fA-F]*)>/g)) {
      text += Buffer.from(hex[1], 'hex').toString('latin1');
    }
    lines.push(text);
  }
  return lines;
}

/** A document information entry (`/Title`, `/Author`): pdfkit writes each as its own string object. */
function infoEntry(pdf: Buffer, key: string): string | undefined {
  const raw = pdf.toString('latin1');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw);
  const obj = ref && new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\n\\((.*?)\\)\\nendobj`, 's').exec(raw);
  if (!obj) return undefined;
  const bytes = Buffer.from(obj[1].replace(/\\([()\\])/g, '$1'), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

function line(i: number, overrides: Partial<DocumentLine> = {}): DocumentLine {
  return {
    id: `line-${i}`,
    lineNo: i,
    productId: `product-${i}`,
    sku: `SKU-${String(i).padStart(3, '0')}`,
    productName: `Product ${i}`,
    unit: 'pcs',
    description: `Item ${i}`,
    quantity: '2.000',
    unitPrice: '617.28',
    discountPercent: '0.00',
    taxRate: '20.00',
    gross: '1234.56',
    discount: '0.00',
    taxable: '1234.56',
    tax: '246.91',
    total: '1481.47',
    returnedQuantity: '0.000',
    invoiceLineId: null,
    ...overrides,
  };
}

function invoice(lineCount: number, overrides: Partial<DocumentDetail> = {}): DocumentDetail {
  return {
    id: 'doc-1',
    kind: 'sales_invoice',
    number: 'INV-2026-000042',
    status: 'partially_paid',
    overdue: false,
    partyId: 'party-1',
    partyName: 'Acme Trading Ltd',
    customerId: 'party-1',
    supplierBillNumber: null,
    issueDate: '2026-03-05',
    dueDate: '2026-04-04',
    subtotal: '1234567.89',
    discountTotal: '0.00',
    taxTotal: '246913.58',
    total: '1481481.47',
    amountPaid: '1000.00',
    amountCredited: '0.00',
    balance: '1480481.47',
    invoiceId: null,
    invoiceNumber: null,
    reason: null,
    createdAt: '2026-03-05T09:00:00.000Z',
    updatedAt: '2026-03-05T09:00:00.000Z',
    version: 2,
    notes: 'Payment by bank transfer to IBAN DE00 1234 5678 9012 3456 78.',
    lines: Array.from({ length: lineCount }, (_, i) => line(i + 1)),
    taxBreakdown: [{ rate: '20.00', taxable: '1234567.89', tax: '246913.58' }],
    issuedAt: '2026-03-05T09:00:00.000Z',
    voidedAt: null,
    voidReason: null,
    corrections: [],
    payments: [],
    quoteId: null,
    quoteNumber: null,
    convertedInvoiceId: null,
    convertedInvoiceNumber: null,
    opportunityId: null,
    validUntil: null,
    ...overrides,
  };
}

function input(document: DocumentDetail, overrides: Partial<DocumentPdfInput> = {}): DocumentPdfInput {
  return {
    title: 'Invoice',
    tenant: {
      name: 'Northwind Supplies GmbH',
      address: 'Hauptstrasse 1\n10115 Berlin',
      taxId: 'DE123456789',
      currency: 'EUR',
    },
    party: {
      label: 'Bill to',
      name: 'Acme Trading Ltd',
      address: '1 Market Street\nLondon',
      taxId: 'GB999999973',
      email: 'ap@acme.test',
    },
    document,
    generatedAt: '2026-03-06T10:15:00.000Z',
    ...overrides,
  };
}

describe('formatting helpers', () => {
  it('inserts thousands separators without touching the digits', () => {
    expect(formatAmount('1234567.89')).toBe('1,234,567.89');
    expect(formatAmount('999.99')).toBe('999.99');
    expect(formatAmount('-1000.00')).toBe('-1,000.00');
    expect(formatAmount('0.10')).toBe('0.10');
    expect(formatAmount('12345678901234567890.01')).toBe('12,345,678,901,234,567,890.01');
    expect(formatAmount('n/a')).toBe('n/a');
    expect(formatMoney('1234.50', 'EUR')).toBe('EUR 1,234.50');
    expect(formatMoney('-5.00', 'USD')).toBe('-USD 5.00');
  });

  it('trims trailing zero decimals of quantities and rates', () => {
    expect(trimDecimal('2.000')).toBe('2');
    expect(trimDecimal('1.250')).toBe('1.25');
    expect(trimDecimal('20.00')).toBe('20');
    expect(trimDecimal('5.50')).toBe('5.5');
  });

  it('keeps text within what the built-in fonts can encode', () => {
    expect(toWinAnsi('Café – 10 €')).toBe('Café – 10 €');
    expect(toWinAnsi('Kőszeg\tŁódź 北')).toBe('Koszeg Lódz ?');
  });
});

describe('renderDocumentPdf', () => {
  it('renders a one-page invoice with header, party, lines and totals', async () => {
    const pdf = await renderDocumentPdf(input(invoice(3)), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);

    const text = pdfText(pdf);
    const all = text.join('\n');
    expect(text).toEqual(expect.arrayContaining(['INVOICE', 'INV-2026-000042', 'PARTIALLY PAID', 'BILL TO']));
    expect(text).toEqual(
      expect.arrayContaining(['Northwind Supplies GmbH', 'Acme Trading Ltd', 'Tax ID: DE123456789']),
    );
    expect(text).toEqual(expect.arrayContaining(['Item 1', 'Item 3', 'Product 1 · SKU SKU-001', '1,234.56', '617.28']));
    expect(text).toEqual(expect.arrayContaining(['Issue date', '5 Mar 2026', 'Due date', '4 Apr 2026']));
    expect(text).toEqual(
      expect.arrayContaining([
        'Subtotal',
        'EUR 1,234,567.89',
        'EUR 246,913.58',
        'Total',
        'EUR 1,481,481.47',
        'Paid',
        'EUR 1,000.00',
        'Credited',
        'Balance due',
        'EUR 1,480,481.47',
        '20%',
      ]),
    );
    expect(all).toContain('IBAN DE00 1234 5678 9012 3456 78');
    expect(text).toContain('Page 1 of 1');
    expect(all).toContain('Generated 6 Mar 2026 10:15 UTC');
    expect(all).not.toContain('OVERDUE');
    expect(all).not.toContain('(continued)');
    expect(infoEntry(pdf, 'Author')).toBe('Northwind Supplies GmbH');
    expect(infoEntry(pdf, 'Title')).toBe('Invoice INV-2026-000042');
  });

  it('breaks long documents over pages with the table header and page numbers on each', async () => {
    const pdf = await renderDocumentPdf(input(invoice(80)), { compress: false });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);

    const text = pdfText(pdf);
    for (let i = 1; i <= 80; i++) expect(text).toContain(`Item ${i}`);
    expect(text.filter((t) => t === 'Description')).toHaveLength(pages);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(text.filter((t) => t === 'Invoice INV-2026-000042 (continued)')).toHaveLength(pages - 1);
    expect(text).toContain('Balance due');
  });

  it('marks drafts, void and overdue documents', async () => {
    const draft = pdfText(
      await renderDocumentPdf(input(invoice(1, { number: null, status: 'draft' })), { compress: false }),
    );
    expect(draft.filter((t) => t === 'DRAFT').length).toBeGreaterThanOrEqual(2); // number slot + watermark
    expect(draft).toContain('Northwind Supplies GmbH · Invoice DRAFT · Generated 6 Mar 2026 10:15 UTC');

    const voided = pdfText(
      await renderDocumentPdf(
        input(invoice(1, { status: 'void', voidedAt: '2026-03-07T08:00:00.000Z', voidReason: 'Wrong customer' })),
        { compress: false },
      ),
    );
    expect(voided).toEqual(expect.arrayContaining(['VOID', 'Void reason: Wrong customer', 'Voided', '7 Mar 2026']));

    const overdue = pdfText(
      await renderDocumentPdf(input(invoice(1, { status: 'issued', overdue: true })), { compress: false }),
    );
    expect(overdue).toEqual(expect.arrayContaining(['ISSUED', 'OVERDUE']));
  });

  it('prints what a credit note corrects and leaves out payment totals', async () => {
    const creditNote = invoice(2, {
      kind: 'credit_note',
      number: 'CN-2026-000001',
      status: 'issued',
      invoiceId: 'doc-1',
      invoiceNumber: 'INV-2026-000042',
      reason: 'Damaged in transit',
      notes: null,
    });
    const text = pdfText(await renderDocumentPdf(input(creditNote, { title: 'Credit note' }), { compress: false }));
    expect(text).toEqual(
      expect.arrayContaining([
        'CREDIT NOTE',
        'CN-2026-000001',
        'Credits invoice',
        'INV-2026-000042',
        'Reason: Damaged in transit',
      ]),
    );
    expect(text).not.toContain('Balance due');
    expect(text).not.toContain('Paid');
    expect(text).not.toContain('Due date');
  });

  it('prints the supplier and the supplier bill number of a bill', async () => {
    const bill = invoice(2, {
      kind: 'purchase_invoice',
      number: 'BILL-2026-000007',
      status: 'posted',
      supplierBillNumber: 'SUP-9981',
      customerId: undefined,
      supplierId: 'party-1',
    });
    const text = pdfText(
      await renderDocumentPdf(
        input(bill, {
          title: 'Bill',
          party: { label: 'Supplier', name: 'Łódź Parts Sp. z o.o.', address: null, taxId: null, email: null },
          tenant: { name: 'Northwind', address: null, taxId: null, currency: 'PLN' },
        }),
        { compress: false },
      ),
    );
    expect(text).toEqual(
      expect.arrayContaining(['BILL', 'BILL-2026-000007', 'POSTED', 'SUPPLIER', 'Lódz Parts Sp. z o.o.']),
    );
    expect(text).toEqual(expect.arrayContaining(['Supplier bill no.', 'SUP-9981', 'PLN 1,481,481.47']));
  });

  it('compresses by default', async () => {
    const pdf = await renderDocumentPdf(input(invoice(3)));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    expect(pageCount(pdf)).toBe(1);
    expect(pdfText(pdf)).not.toContain('INV-2026-000042');
  });
});
