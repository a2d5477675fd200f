/**
 * Business documents: sales invoices, credit notes, purchase invoices (bills) and
 * purchase returns (debit notes), and the payments that settle them.
 * Amounts are decimal strings with two places, quantities with three.
 */

export const DOCUMENT_KINDS = ['sales_invoice', 'credit_note', 'purchase_invoice', 'purchase_return', 'quote'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * `issued` (sales) and `posted` (purchases) are the open states after draft;
 * `partially_paid` and `paid` follow payments and credits; `void` keeps its number.
 * Credit notes and purchase returns are created `issued`.
 */
export const DOCUMENT_STATUSES = [
  'draft',
  'issued',
  'posted',
  'partially_paid',
  'paid',
  'void',
  // quotes
  'sent',
  'accepted',
  'rejected',
  'expired',
  'converted',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** List filters: a status, or `open` (issued/posted/partially paid) or `overdue` (open and past due). */
export const DOCUMENT_STATUS_FILTERS = [...DOCUMENT_STATUSES, 'open', 'overdue'] as const;
export type DocumentStatusFilter = (typeof DOCUMENT_STATUS_FILTERS)[number];

export const DOCUMENT_SORT_FIELDS = ['number', 'issueDate', 'dueDate', 'total', 'balance', 'partyName'] as const;
export type DocumentSortField = (typeof DOCUMENT_SORT_FIELDS)[number];
export const DOCUMENT_SORT_VALUES = DOCUMENT_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'cheque', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type PaymentDirection = 'received' | 'made';
export type PaymentStatus = 'posted' | 'reversed';

export interface DocumentLineInput {
  productId: string;
  description?: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent?: string;
  taxRate: string;
}

/** Draft of a sales invoice (`customerId`) or a bill (`supplierId`, `supplierBillNumber`). */
export interface InvoiceInput {
  customerId?: string;
  supplierId?: string;
  supplierBillNumber?: string;
  issueDate: string;
  /** Defaults to issue date + the party's payment terms. */
  dueDate?: string | null;
  notes?: string | null;
  lines: DocumentLineInput[];
}

export type UpdateInvoiceRequest = Partial<InvoiceInput> & { version: number };

export interface DocumentLine {
  id: string;
  lineNo: number;
  productId: string;
  sku: string;
  productName: string;
  unit: string;
  description: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  /** qty × price, rounded to cents. */
  gross: string;
  discount: string;
  taxable: string;
  tax: string;
  total: string;
  /** Invoices and bills: quantity already returned by credit notes / purchase returns. */
  returnedQuantity: string;
  /** Credit notes and purchase returns: the invoice or bill line they return. */
  invoiceLineId: string | null;
}

export interface TaxBreakdownLine {
  rate: string;
  taxable: string;
  tax: string;
}

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  /** Null while a draft. */
  number: string | null;
  status: DocumentStatus;
  /** Open (issued/posted/partially paid) and past its due date. */
  overdue: boolean;
  partyId: string;
  partyName: string;
  customerId?: string;
  supplierId?: string;
  supplierBillNumber: string | null;
  issueDate: string;
  dueDate: string;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  /** Allocated payments. */
  amountPaid: string;
  /** Credit notes / purchase returns applied to this invoice or bill. */
  amountCredited: string;
  /** What is still owed: total − paid − credited (0 for drafts' purposes is total). */
  balance: string;
  /** Credit notes / returns: the invoice or bill they correct. */
  invoiceId: string | null;
  invoiceNumber: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Links between a quote and the invoice it became, and the quote's opportunity. */
export interface DocumentLinks {
  /** Invoices: the quote it was converted from. */
  quoteId: string | null;
  quoteNumber: string | null;
  /** Quotes: the draft invoice it became; its opportunity. */
  convertedInvoiceId: string | null;
  convertedInvoiceNumber: string | null;
  opportunityId: string | null;
  /** Quotes: the last day the offer holds (the due date of a quote). */
  validUntil: string | null;
}

export interface DocumentDetail extends DocumentSummary, DocumentLinks {
  notes: string | null;
  lines: DocumentLine[];
  taxBreakdown: TaxBreakdownLine[];
  issuedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** Credit notes / returns issued against this invoice or bill. */
  corrections: { id: string; number: string; total: string; issueDate: string }[];
  /** Payment allocations to this invoice or bill. */
  payments: { paymentId: string; number: string; date: string; amount: string; reversed: boolean }[];
}

/** Credit note (sales) or purchase return (debit note). */
export interface CorrectionInput {
  invoiceId: string;
  issueDate?: string;
  reason: string;
  lines: { invoiceLineId: string; quantity: string }[];
}

export interface AllocationInput {
  invoiceId: string;
  amount: string;
}

export interface PaymentInput {
  customerId?: string;
  supplierId?: string;
  date: string;
  amount: string;
  method: PaymentMethod;
  reference?: string | null;
  /** Omitted: allocated to the oldest open invoices first. Empty: kept as credit. */
  allocations?: AllocationInput[];
}

export interface PaymentAllocation {
  invoiceId: string;
  invoiceNumber: string;
  amount: string;
  reversed: boolean;
}

export interface Payment {
  id: string;
  direction: PaymentDirection;
  number: string;
  status: PaymentStatus;
  partyId: string;
  partyName: string;
  customerId?: string;
  supplierId?: string;
  date: string;
  amount: string;
  method: PaymentMethod;
  reference: string | null;
  allocated: string;
  /** Not allocated yet: the party's credit. */
  unallocated: string;
  allocations: PaymentAllocation[];
  reversedAt: string | null;
  reversalReason: string | null;
  createdAt: string;
}

/** Where a customer or supplier stands. Positive balance: they owe us (customer) / we owe them (supplier). */
export interface PartyAccount {
  partyId: string;
  openingBalance: string;
  /** Issued/posted invoices or bills, not void. */
  invoiced: string;
  credited: string;
  paid: string;
  balance: string;
  /** Payments not yet allocated plus credit notes not applied: usable later. */
  unallocatedCredit: string;
  overdue: string;
  openDocuments: DocumentSummary[];
}
