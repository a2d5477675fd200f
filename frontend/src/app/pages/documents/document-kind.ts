import type { DocumentStatus, DocumentStatusFilter, Permission, Product } from '@billinator/contracts';
import type { DocumentSide, InvoiceSide } from '../../core/documents-api.service';

export type { DocumentSide, InvoiceSide } from '../../core/documents-api.service';

/** What the screens of every side share: the list, the editor and the detail read it. */
interface CommonConfig {
  side: DocumentSide;
  /** The side's documents (invoices, bills, quotes), e.g. /sales/invoices or /crm/quotes. */
  invoices: string;
  title: string;
  singular: string;
  /** "Invoice", "Bill", "Quote": in headings. */
  noun: string;
  /** Customer or Supplier. */
  party: string;
  /** The query and body field naming the party. */
  partyField: 'customerId' | 'supplierId';
  /** The party's pages, e.g. /sales/customers. */
  partyBase: string;
  read: Permission;
  write: Permission;
  /** The product price a new line starts with. */
  price: (product: Product) => string;
  /** The heading of that price on a line: "Unit price", or "Unit cost" on bills. */
  priceLabel: string;
  /** Bills carry the supplier's own number, required and unique per supplier. */
  supplierBillNumber: boolean;
  /** The second date: "Due date" (invoices, bills) or "Valid until" (quotes). */
  dueLabel: string;
  /** The list can be exported as CSV. */
  exportCsv: boolean;
}

/** What differs between the sales screens (invoices, credit notes) and the purchase ones (bills, returns). */
export interface InvoiceConfig extends CommonConfig {
  kind: 'invoice';
  side: InvoiceSide;
  /** Credit notes or purchase returns, e.g. /sales/credit-notes. */
  corrections: string;
  /** The route segment of the corrections. */
  correctionsPath: 'credit-notes' | 'returns';
  correctionTitle: string;
  correctionSingular: string;
  correctionNoun: string;
  /** New payment for a party and an invoice (built by the payments pages). */
  newPayment: string;
  /** Credit notes need accounting.write; purchase returns purchase.write. */
  correct: Permission;
  /** Void and payments. */
  accounting: Permission;
  /** The first open state: issued (sales) or posted (bills). */
  openStatus: Extract<DocumentStatus, 'issued' | 'posted'>;
  issueAction: 'issue' | 'post';
  issueLabel: string;
}

/** Quotes (CRM): a customer's offer that is sent, accepted or rejected, and becomes a draft invoice. */
export interface QuoteConfig extends CommonConfig {
  kind: 'quote';
  side: 'quotes';
  /** Where an opportunity is shown, e.g. /crm/opportunities/<id>. */
  opportunities: string;
  /** The invoice a quote became. */
  convertedInvoices: string;
  /** Days a new quote holds unless the user picks another date. */
  validityDays: number;
}

export type DocumentConfig = InvoiceConfig | QuoteConfig;

export const INVOICE_CONFIG: Record<InvoiceSide, InvoiceConfig> = {
  sales: {
    kind: 'invoice',
    side: 'sales',
    invoices: '/sales/invoices',
    corrections: '/sales/credit-notes',
    correctionsPath: 'credit-notes',
    title: 'Invoices',
    singular: 'invoice',
    noun: 'Invoice',
    correctionTitle: 'Credit notes',
    correctionSingular: 'credit note',
    correctionNoun: 'Credit note',
    party: 'Customer',
    partyField: 'customerId',
    partyBase: '/sales/customers',
    newPayment: '/sales/payments/new',
    read: 'sales.read',
    write: 'sales.write',
    correct: 'accounting.write',
    accounting: 'accounting.write',
    openStatus: 'issued',
    issueAction: 'issue',
    issueLabel: 'Issue',
    price: (product) => product.salePrice,
    priceLabel: 'Unit price',
    supplierBillNumber: false,
    dueLabel: 'Due date',
    exportCsv: true,
  },
  purchases: {
    kind: 'invoice',
    side: 'purchases',
    invoices: '/purchases/invoices',
    corrections: '/purchases/returns',
    correctionsPath: 'returns',
    title: 'Bills',
    singular: 'bill',
    noun: 'Bill',
    correctionTitle: 'Purchase returns',
    correctionSingular: 'return',
    correctionNoun: 'Purchase return',
    party: 'Supplier',
    partyField: 'supplierId',
    partyBase: '/purchases/suppliers',
    newPayment: '/purchases/payments/new',
    read: 'purchase.read',
    write: 'purchase.write',
    correct: 'purchase.write',
    accounting: 'accounting.write',
    openStatus: 'posted',
    issueAction: 'post',
    issueLabel: 'Post',
    price: (product) => product.purchasePrice,
    priceLabel: 'Unit cost',
    supplierBillNumber: true,
    dueLabel: 'Due date',
    exportCsv: true,
  },
};

export const QUOTE_CONFIG: QuoteConfig = {
  kind: 'quote',
  side: 'quotes',
  invoices: '/crm/quotes',
  title: 'Quotes',
  singular: 'quote',
  noun: 'Quote',
  party: 'Customer',
  partyField: 'customerId',
  partyBase: '/sales/customers',
  read: 'crm.read',
  write: 'crm.write',
  price: (product) => product.salePrice,
  priceLabel: 'Unit price',
  supplierBillNumber: false,
  dueLabel: 'Valid until',
  exportCsv: false,
  opportunities: '/crm/opportunities',
  convertedInvoices: '/sales/invoices',
  validityDays: 30,
};

export const DOCUMENT_CONFIG: Record<DocumentSide, DocumentConfig> = { ...INVOICE_CONFIG, quotes: QUOTE_CONFIG };

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  posted: 'Posted',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
  converted: 'Invoiced',
};

/** The status filter of a list; `issued`/`posted` only on their own side, quote states only for quotes. */
export function statusFilters(config: DocumentConfig): { value: DocumentStatusFilter | 'all'; label: string }[] {
  if (config.kind === 'quote') {
    return [
      { value: 'all', label: 'All' },
      { value: 'draft', label: 'Draft' },
      { value: 'sent', label: 'Sent' },
      { value: 'accepted', label: 'Accepted' },
      { value: 'rejected', label: 'Rejected' },
      { value: 'expired', label: 'Expired' },
      { value: 'converted', label: 'Invoiced' },
    ];
  }
  return [
    { value: 'all', label: 'All' },
    { value: 'draft', label: 'Draft' },
    { value: config.openStatus, label: STATUS_LABELS[config.openStatus] },
    { value: 'partially_paid', label: 'Partially paid' },
    { value: 'paid', label: 'Paid' },
    { value: 'void', label: 'Void' },
    { value: 'open', label: 'Open (not paid)' },
    { value: 'overdue', label: 'Overdue' },
  ];
}

/** Issued/posted or partly paid: something is still owed and payments can be recorded. */
export function isOpen(status: DocumentStatus): boolean {
  return status === 'issued' || status === 'posted' || status === 'partially_paid';
}

/** Today in the browser's time zone, as `YYYY-MM-DD`. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `YYYY-MM-DD` plus some days, in the calendar (no time zone shifts); '' for anything else. */
export function addDays(date: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return '';
  const shifted = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return shifted.toISOString().slice(0, 10);
}

/** A quote's last valid day: `validUntil` on a detail, the due date on a list row. */
export function validUntilOf(document: { dueDate: string | null; validUntil?: string | null }): string | null {
  return document.validUntil ?? document.dueDate ?? null;
}

/**
 * The status of a document for people. A quote's `expired` is derived (sent, and its last
 * valid day is before today): the server answers it, and the page derives it too, should
 * a page stay open past midnight.
 */
export function displayStatus(
  document: { kind?: string; status: DocumentStatus; dueDate: string | null; validUntil?: string | null },
  on = today(),
): DocumentStatus {
  if (document.kind !== 'quote' || document.status !== 'sent') return document.status;
  const last = validUntilOf(document);
  return last && last < on ? 'expired' : 'sent';
}

/** A document's display number: drafts have none yet. */
export function documentNumber(document: { number: string | null }): string {
  return document.number ?? 'Draft';
}
