import type { DocumentStatus, DocumentStatusFilter, Permission, Product } from '@billinator/contracts';
import type { DocumentSide } from '../../core/documents-api.service';

export type { DocumentSide } from '../../core/documents-api.service';

/** What differs between the sales screens (invoices, credit notes) and the purchase ones (bills, returns). */
export interface DocumentConfig {
  side: DocumentSide;
  /** Invoices or bills, e.g. /sales/invoices. */
  invoices: string;
  /** Credit notes or purchase returns, e.g. /sales/credit-notes. */
  corrections: string;
  /** The route segment of the corrections. */
  correctionsPath: 'credit-notes' | 'returns';
  title: string;
  singular: string;
  /** "Invoice", "Bill": in headings. */
  noun: string;
  correctionTitle: string;
  correctionSingular: string;
  correctionNoun: string;
  /** Customer or Supplier. */
  party: string;
  /** The query and body field naming the party. */
  partyField: 'customerId' | 'supplierId';
  /** The party's pages, e.g. /sales/customers. */
  partyBase: string;
  /** New payment for a party and an invoice (built by the payments pages). */
  newPayment: string;
  read: Permission;
  write: Permission;
  /** Credit notes need accounting.write; purchase returns purchase.write. */
  correct: Permission;
  /** Void and payments. */
  accounting: Permission;
  /** The first open state: issued (sales) or posted (bills). */
  openStatus: Extract<DocumentStatus, 'issued' | 'posted'>;
  issueAction: 'issue' | 'post';
  issueLabel: string;
  /** The product price a new line starts with. */
  price: (product: Product) => string;
  /** Bills carry the supplier's own number, required and unique per supplier. */
  supplierBillNumber: boolean;
}

export const DOCUMENT_CONFIG: Record<DocumentSide, DocumentConfig> = {
  sales: {
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
    supplierBillNumber: false,
  },
  purchases: {
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
    supplierBillNumber: true,
  },
};

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  posted: 'Posted',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

/** The status filter of a list; `issued`/`posted` only on their own side. */
export function statusFilters(config: DocumentConfig): { value: DocumentStatusFilter | 'all'; label: string }[] {
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

/** A document's display number: drafts have none yet. */
export function documentNumber(document: { number: string | null }): string {
  return document.number ?? 'Draft';
}
